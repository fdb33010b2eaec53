using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;

namespace GenNN.Data;

/// <summary>
/// Reads a CSV file into a <see cref="Dataset{T}"/>: with a header of column names, without a header, or in
/// scikit-learn's own format (see <see cref="CsvOptions"/>), plain or gzip-compressed.
/// </summary>
/// <remarks>
/// <para>
/// Numbers are read culture-invariantly (a dot for the decimal point, exponents allowed). Every feature must be a
/// finite number: an empty, non-numeric, NaN or infinite value is an error naming its line and column, since a
/// network cannot train on it and silently imputing would hide a data problem. Every sample needs a label: an empty
/// label cell is an error too. Feature scaling is a separate step, fitted on the training split only: see
/// <see cref="FeatureScaler{T}"/>.
/// </para>
/// <para>
/// Classes: each distinct label is a class, numbers compared by value (<c>1</c> and <c>1.0</c> are one class,
/// named <c>1</c>), numbered in <see cref="CsvOptions.ClassOrder"/> unless <see cref="CsvOptions.ClassNames"/> or a
/// scikit-learn header fixes the classes.
/// </para>
/// </remarks>
public static class CsvDataset
{
    /// <summary>Reads <paramref name="path"/>: UTF-8 or as its byte-order mark says, gzip-compressed or not (told from the content, not the name).</summary>
    /// <exception cref="InvalidDataException">The file is malformed; the message names the line and column, and what to set when the first row does not hold what <see cref="CsvOptions.Header"/> says.</exception>
    /// <exception cref="ArgumentException">The options name a column the file lacks, or are inconsistent.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static CsvDataset<T> Load<T>(string path, CsvOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        using FileStream file = File.OpenRead(path);
        bool compressed = GzipSignature.IsPresent(file);
        string source = compressed ? $"'{path}' (gzip)" : $"'{path}'";
        using Stream content = compressed ? new CheckedGzipStream(file, source) : file;
        using var reader = new StreamReader(content, detectEncodingFromByteOrderMarks: true);
        return Load<T>(reader, options, source);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>.</summary>
    /// <param name="reader">The text, from its first row.</param>
    /// <param name="options">The label column, what the first row holds, and how to encode labels.</param>
    /// <param name="sourceName">Names the text in error messages.</param>
    /// <exception cref="InvalidDataException">The text is malformed; the message names the line and column.</exception>
    /// <exception cref="ArgumentException">The options name a column the text lacks, or are inconsistent.</exception>
    public static CsvDataset<T> Load<T>(TextReader reader, CsvOptions options, string sourceName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sourceName);
        options.Validate();

        var records = new CsvRecordReader(reader, options.Delimiter, sourceName);
        var first = new List<string>();
        if (!records.ReadRecord(first))
        {
            throw new InvalidDataException(options.Header == CsvHeader.ColumnNames ? $"{sourceName} is empty: it has no header row." : $"{sourceName} is empty.");
        }

        int firstLine = records.RecordLine;
        RequireText(first, sourceName);
        var second = new List<string>();
        bool hasSecond = records.ReadRecord(second);
        CsvLayout layout = CsvLayout.Read(first, hasSecond ? second : null, options, sourceName);

        var rows = new ParsedRows<T>(layout, sourceName);
        if (layout.FirstRowIsData)
        {
            rows.Add(first, firstLine);
        }

        for (bool more = hasSecond; more; more = records.ReadRecord(second))
        {
            rows.Add(second, records.RecordLine);
        }

        if (rows.Count == 0)
        {
            throw new InvalidDataException($"{sourceName} has a header row but no data rows: there is nothing to learn from.");
        }

        if (layout.DeclaredSampleCount is int declared && declared != rows.Count)
        {
            throw new InvalidDataException(
                $"{sourceName}: the scikit-learn header declares {declared} samples, but {rows.Count} rows follow it{(rows.Count < declared ? " (truncated?)" : string.Empty)}.");
        }

        string[] featureNames = layout.FeatureIndices.Select(column => layout.ColumnNames[column]).ToArray();
        string labelColumn = layout.ColumnNames[layout.LabelIndex];
        T[] features = rows.Features.ToArray();
        if (options.Targets == CsvTargetEncoding.Regression)
        {
            var targets = new T[rows.Count];
            for (int i = 0; i < targets.Length; i++)
            {
                targets[i] = ParseNumber<T>(rows.Labels[i], rows.Lines[i], layout, layout.LabelIndex, sourceName);
            }

            return new CsvDataset<T>(new Dataset<T>(features, featureNames.Length, targets, 1), featureNames, labelColumn, classNames: null);
        }

        (int[] labels, IReadOnlyList<string> classNames) = layout.DeclaredClassNames is IReadOnlyList<string> declaredClasses
            ? (ClassIndices(rows, declaredClasses, sourceName), declaredClasses)
            : EncodeClasses(rows, options, sourceName);
        return new CsvDataset<T>(
            Dataset<T>.ForClassification(features, featureNames.Length, labels, classNames.Count), featureNames, labelColumn, classNames);
    }

    /// <summary>A NUL character never occurs in CSV text: the file is binary, most likely compressed in another format.</summary>
    private static void RequireText(List<string> first, string sourceName)
    {
        if (first.Any(field => field.Contains('\0', StringComparison.Ordinal)))
        {
            throw new InvalidDataException(
                $"{sourceName} is not text: its first row holds NUL bytes. Is it compressed in a format other than gzip (zip, xz, ...)? Decompress it first.");
        }
    }

    /// <summary>The labels as classes found in the file, or as <see cref="CsvOptions.ClassNames"/> lists them.</summary>
    private static (int[] Labels, IReadOnlyList<string> ClassNames) EncodeClasses<T>(ParsedRows<T> rows, CsvOptions options, string sourceName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        IReadOnlyList<string> classNames;
        if (options.ClassNames is null)
        {
            var firstSeen = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string label in rows.Labels)
            {
                string key = CsvLabels.Key(label);
                if (seen.Add(key))
                {
                    firstSeen.Add(key);
                }
            }

            classNames = CsvLabels.Order(firstSeen, options.ClassOrder);
        }
        else
        {
            classNames = options.ClassNames;
        }

        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < classNames.Count; c++)
        {
            classIndex.Add(CsvLabels.Key(classNames[c]), c);
        }

        var labels = new int[rows.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            if (!classIndex.TryGetValue(CsvLabels.Key(rows.Labels[i]), out labels[i]))
            {
                throw new InvalidDataException(
                    $"{sourceName}, line {rows.Lines[i]}: label '{rows.Labels[i]}' is not one of the given classes ({string.Join(", ", classNames)}).");
            }
        }

        return (labels, classNames);
    }

    /// <summary>A scikit-learn file's labels: each a class index into the header's class names.</summary>
    private static int[] ClassIndices<T>(ParsedRows<T> rows, IReadOnlyList<string> classNames, string sourceName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var labels = new int[rows.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            if (!CsvLabels.TryNumber(rows.Labels[i], out double index) || index != Math.Floor(index) || index < 0 || index >= classNames.Count)
            {
                throw new InvalidDataException(
                    $"{sourceName}, line {rows.Lines[i]}: label '{rows.Labels[i]}' is not a class index: the header names {classNames.Count} classes, 0 to {classNames.Count - 1}.");
            }

            labels[i] = (int)index;
        }

        return labels;
    }

    /// <summary>Reads the number in column <paramref name="column"/> of a row; the column is described only for the error, since this runs for every cell.</summary>
    private static T ParseNumber<T>(string field, int line, CsvLayout layout, int column, string sourceName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!T.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out T value) || !T.IsFinite(value))
        {
            string shown = field.Length == 0 ? "an empty value" : $"'{field}'";
            throw new InvalidDataException($"{sourceName}, line {line}, {layout.Describe(column)}: {shown} is not a finite number.");
        }

        return value;
    }

    /// <summary>Collects the data rows: each one's features, parsed, and its label text and line.</summary>
    private sealed class ParsedRows<T>(CsvLayout layout, string sourceName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public List<T> Features { get; } = [];

        public List<string> Labels { get; } = [];

        public List<int> Lines { get; } = [];

        public int Count => Labels.Count;

        public void Add(List<string> fields, int line)
        {
            if (fields.Count != layout.FieldCount)
            {
                throw layout.WrongFieldCount(line, fields.Count);
            }

            foreach (int column in layout.FeatureIndices)
            {
                Features.Add(ParseNumber<T>(fields[column], line, layout, column, sourceName));
            }

            string label = fields[layout.LabelIndex].Trim();
            if (label.Length == 0)
            {
                throw new InvalidDataException($"{sourceName}, line {line}: the label ({layout.Describe(layout.LabelIndex)}) is empty; every sample needs one.");
            }

            if (label.Contains('\uFFFD', StringComparison.Ordinal))
            {
                // The reader's replacement for bytes that are not UTF-8: labels that differed in them would become one class.
                throw new InvalidDataException(
                    $"{sourceName}, line {line}: the label ({layout.Describe(layout.LabelIndex)}) holds bytes that are not UTF-8 (a Latin-1 or Windows-1252 file?); convert the file to UTF-8.");
            }

            Labels.Add(label);
            Lines.Add(line);
        }
    }
}
