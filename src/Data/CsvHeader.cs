namespace GenNN.Data;

/// <summary>What the first row of a CSV file holds (see <see cref="CsvOptions.Header"/>).</summary>
public enum CsvHeader
{
    /// <summary>The columns' names, one per column; every later row is a sample. The default.</summary>
    ColumnNames = 0,

    /// <summary>
    /// Nothing but data: every row is a sample. Columns are then chosen by position (<see cref="CsvColumn.At"/>),
    /// and named by their 0-based position (<c>"0"</c>, <c>"1"</c>, ...), as pandas names them.
    /// </summary>
    None = 1,

    /// <summary>
    /// scikit-learn's format for its bundled data sets (<c>iris.csv</c>, <c>wine_data.csv</c>,
    /// <c>breast_cancer.csv</c>): the first row is <c>n_samples,n_features</c> followed by the class names, and each
    /// later row holds <c>n_features</c> numbers then the label, a class index into those names (0 for the first).
    /// The reader checks both counts and maps each index to its name. Columns are named by position, as with
    /// <see cref="None"/>. Use <see cref="CsvOptions.ScikitLearn"/>.
    /// </summary>
    ScikitLearn = 2,
}
