namespace GenNN.Data;

/// <summary>
/// The order in which classes found in a CSV file's label column become outputs, when
/// <see cref="CsvOptions.ClassNames"/> does not fix it (see <see cref="CsvOptions.ClassOrder"/>).
/// </summary>
public enum CsvClassOrder
{
    /// <summary>
    /// Sorted: by value when every label is a number (2, 9, 10), otherwise in ordinal (culture-independent) string
    /// order. The default: the order is then the same for any file holding the same classes, whatever the row order.
    /// </summary>
    Sorted = 0,

    /// <summary>In the order each class first appears in the file, top to bottom.</summary>
    FirstSeen = 1,
}
