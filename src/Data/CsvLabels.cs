using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace GenNN.Data;

/// <summary>How a CSV file's labels become classes: which spellings are one class, and in what order classes are numbered.</summary>
internal static class CsvLabels
{
    /// <summary>
    /// The identity of a label: a finite number's shortest round-trip form, so that <c>1</c>, <c>1.0</c> and
    /// <c>1e0</c> are one class (as pandas, NumPy and scikit-learn, which write labels as floats, mean them) and
    /// <c>-0</c> is <c>0</c>; any other text as it is, trimmed.
    /// </summary>
    public static string Key(string label)
    {
        string trimmed = label.Trim();
        return TryNumber(trimmed, out double value)
            ? (value == 0 ? 0.0 : value).ToString("R", CultureInfo.InvariantCulture)
            : trimmed;
    }

    /// <summary>Whether <paramref name="text"/> is a finite number, read culture-invariantly.</summary>
    public static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Numbers the distinct keys, listed as first seen, in <paramref name="order"/>.</summary>
    public static string[] Order(List<string> firstSeen, CsvClassOrder order)
    {
        if (order == CsvClassOrder.FirstSeen)
        {
            return firstSeen.ToArray();
        }

        var values = new double[firstSeen.Count];
        bool allNumbers = true;
        for (int i = 0; i < values.Length && allNumbers; i++)
        {
            allNumbers = TryNumber(firstSeen[i], out values[i]);
        }

        return allNumbers
            ? firstSeen.Zip(values).OrderBy(pair => pair.Second).Select(pair => pair.First).ToArray()
            : firstSeen.Order(StringComparer.Ordinal).ToArray();
    }
}
