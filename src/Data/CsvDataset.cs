using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;

namespace GenNN.Data;

/// <summary>Reads a CSV file with a header row into a <see cref="Dataset{T}"/>.</summary>
/// <remarks>
/// Numbers are read culture-invariantly (a dot for the decimal point, exponents allowed). Every feature must be a
/// finite number: an empty, non-numeric, NaN or infinite value is an error naming its line and column, since a
/// network cannot train on it and silently imputing would hide a data problem. Feature scaling is a separate step,
/// fitted on the training split only: see <see cref="FeatureScaler{T}"/>.
/// </remarks>
public static class CsvDataset
{
    /// <summary>Reads <paramref name="path"/> (UTF-8, or as its byte-order mark says).</summary>
    /// <exception cref="InvalidDataException">The file is malformed; the message names the line and column.</exception>
    /// <exception cref="ArgumentException">The options name a column the header lacks, or are inconsistent.</exception>
    public static CsvDataset<T> Load<T>(string path, CsvOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Load<T>(reader, options, $"'{path}'");
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>.</summary>
    /// <param name="reader">The text, starting with the header row.</param>
    /// <param name="options">The label column and how to encode it.</param>
    /// <param name="sourceName">Names the text in error messages.</param>
    /// <exception cref="InvalidDataException">The text is malformed; the message names the line and column.</exception>
    /// <exception cref="ArgumentException">The options name a column the header lacks, or are inconsistent.</exception>
    public static CsvDataset<T> Load<T>(TextReader reader, CsvOptions options, string sourceName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sourceName);
        options.Validate();

        var records = new CsvRecordReader(reader, options.Delimiter, sourceName);
        var fields = new List<string>();
        if (!records.ReadRecord(fields))
        {
            throw new InvalidDataException($"{sourceName} is empty: it has no header row.");
        }

        string[] header = fields.Select(name => name.Trim()).ToArray();
        int labelIndex = ColumnIndex(header, options.LabelColumn, sourceName);
        int[] featureIndices = FeatureIndices(header, labelIndex, options, sourceName);

        var features = new List<T>();
        var labelValues = new List<string>();
        var labelLines = new List<int>();
        while (records.ReadRecord(fields))
        {
            if (fields.Count != header.Length)
            {
                throw new InvalidDataException(
                    $"{sourceName}, line {records.RecordLine}: {fields.Count} fields, but the header has {header.Length} columns.");
            }

            foreach (int column in featureIndices)
            {
                features.Add(ParseNumber<T>(fields[column], records.RecordLine, header[column], sourceName));
            }

            labelValues.Add(fields[labelIndex].Trim());
            labelLines.Add(records.RecordLine);
        }

        string[] featureNames = featureIndices.Select(column => header[column]).ToArray();
        string labelColumn = header[labelIndex];
        T[] featureArray = features.ToArray();
        if (options.Targets == CsvTargetEncoding.Regression)
        {
            var targets = new T[labelValues.Count];
            for (int i = 0; i < targets.Length; i++)
            {
                targets[i] = ParseNumber<T>(labelValues[i], labelLines[i], labelColumn, sourceName);
            }

            return new CsvDataset<T>(new Dataset<T>(featureArray, featureNames.Length, targets, 1), featureNames, labelColumn, classNames: null);
        }

        IReadOnlyList<string> classNames = options.ClassNames ?? DistinctClasses(labelValues);
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < classNames.Count; c++)
        {
            classIndex.Add(classNames[c], c);
        }

        var labels = new int[labelValues.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            if (!classIndex.TryGetValue(labelValues[i], out labels[i]))
            {
                throw new InvalidDataException(
                    $"{sourceName}, line {labelLines[i]}: label '{labelValues[i]}' is not one of the given classes ({string.Join(", ", classNames)}).");
            }
        }

        return new CsvDataset<T>(
            Dataset<T>.ForClassification(featureArray, featureNames.Length, labels, classNames.Count), featureNames, labelColumn, classNames);
    }

    private static int ColumnIndex(string[] header, string name, string sourceName)
    {
        int index = Array.IndexOf(header, name.Trim());
        return index >= 0
            ? index
            : throw new ArgumentException($"{sourceName} has no column '{name}'; its columns are: {string.Join(", ", header)}.", nameof(name));
    }

    private static int[] FeatureIndices(string[] header, int labelIndex, CsvOptions options, string sourceName)
    {
        if (new HashSet<string>(header, StringComparer.Ordinal).Count != header.Length)
        {
            throw new InvalidDataException($"{sourceName}: the header names a column twice ({string.Join(", ", header)}).");
        }

        int[] indices = options.FeatureColumns is null
            ? Enumerable.Range(0, header.Length).Where(column => column != labelIndex).ToArray()
            : options.FeatureColumns.Select(name => ColumnIndex(header, name, sourceName)).ToArray();
        if (indices.Length == 0)
        {
            throw new ArgumentException($"{sourceName} has no feature column besides the label '{header[labelIndex]}'.", nameof(options));
        }

        if (indices.Contains(labelIndex))
        {
            throw new ArgumentException($"The label column '{header[labelIndex]}' cannot also be a feature.", nameof(options));
        }

        if (indices.Distinct().Count() != indices.Length)
        {
            throw new ArgumentException("A feature column is listed twice.", nameof(options));
        }

        return indices;
    }

    private static T ParseNumber<T>(string field, int line, string column, string sourceName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!T.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out T value) || !T.IsFinite(value))
        {
            string shown = field.Length == 0 ? "an empty value" : $"'{field}'";
            throw new InvalidDataException($"{sourceName}, line {line}, column '{column}': {shown} is not a finite number.");
        }

        return value;
    }

    private static string[] DistinctClasses(List<string> labelValues)
    {
        string[] distinct = labelValues.Distinct(StringComparer.Ordinal).ToArray();
        bool allNumbers = distinct.All(value => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        return allNumbers
            ? distinct.OrderBy(value => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture)).ThenBy(value => value, StringComparer.Ordinal).ToArray()
            : distinct.Order(StringComparer.Ordinal).ToArray();
    }
}
