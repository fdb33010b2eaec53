using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace GenNN.Data;

/// <summary>
/// What a CSV file's first rows and the options say about its columns: their names, where the label and the
/// features are, how many fields each row has, and what a scikit-learn header declares.
/// </summary>
internal sealed class CsvLayout
{
    private readonly string _source;
    private readonly CsvHeader _header;

    private CsvLayout(string source, CsvHeader header, string[] columnNames)
    {
        _source = source;
        _header = header;
        ColumnNames = columnNames;
    }

    /// <summary>Each column's name: from the header row, or its 0-based position.</summary>
    public string[] ColumnNames { get; }

    /// <summary>The number of fields of every data row.</summary>
    public int FieldCount => ColumnNames.Length;

    /// <summary>Whether the first row is a sample (no header).</summary>
    public bool FirstRowIsData => _header == CsvHeader.None;

    /// <summary>The label column's position.</summary>
    public int LabelIndex { get; private set; }

    /// <summary>The feature columns' positions, in input order.</summary>
    public int[] FeatureIndices { get; private set; } = [];

    /// <summary>The number of samples a scikit-learn header declares.</summary>
    public int? DeclaredSampleCount { get; private init; }

    /// <summary>The class names a scikit-learn header lists, the label being an index into them; <see langword="null"/> otherwise.</summary>
    public IReadOnlyList<string>? DeclaredClassNames { get; private init; }

    /// <summary>Reads the layout from the first record and, for the header checks, the second (<see langword="null"/> if none).</summary>
    /// <exception cref="InvalidDataException">The first row does not hold what <see cref="CsvOptions.Header"/> says.</exception>
    /// <exception cref="ArgumentException">The options name columns the file does not have.</exception>
    public static CsvLayout Read(List<string> first, List<string>? second, CsvOptions options, string source)
    {
        CsvLayout layout = options.Header switch
        {
            CsvHeader.ColumnNames => FromColumnNames(first, second, options, source),
            CsvHeader.None => new CsvLayout(source, CsvHeader.None, Positions(first.Count)),
            _ => FromScikitLearnHeader(first, options, source),
        };

        layout.LabelIndex = layout.Resolve(options.LabelColumn, "label");
        layout.FeatureIndices = layout.ResolveFeatures(options);
        return layout;
    }

    /// <summary>How messages name column <paramref name="index"/>.</summary>
    public string Describe(int index) =>
        _header == CsvHeader.ColumnNames ? $"column '{ColumnNames[index]}'" : string.Create(CultureInfo.InvariantCulture, $"column at index {index}");

    /// <summary>The error for a row of <paramref name="fieldCount"/> fields.</summary>
    public InvalidDataException WrongFieldCount(int line, int fieldCount) => new(_header switch
    {
        CsvHeader.ColumnNames => $"{_source}, line {line}: {fieldCount} fields, but the header has {FieldCount} columns.",
        CsvHeader.None => $"{_source}, line {line}: {fieldCount} fields, but the first row has {FieldCount}.",
        _ => $"{_source}, line {line}: {fieldCount} fields, but the scikit-learn header declares {FieldCount - 1} features and a label ({FieldCount} fields).",
    });

    private static CsvLayout FromColumnNames(List<string> first, List<string>? second, CsvOptions options, string source)
    {
        if (ScikitLearnCounts(first) is (int samples, int features) && second is not null && second.Count == features + 1
            && first.Skip(2).All(field => !CsvLabels.TryNumber(field, out _)))
        {
            string classes = first.Count > 2 ? $" and classes {string.Join(", ", first.Skip(2).Select(name => name.Trim()))}" : string.Empty;
            throw new InvalidDataException(
                $"{source}, line 1: '{Preview(first, options.Delimiter)}' looks like scikit-learn's header ({samples} samples, {features} features{classes}), "
                + "not column names: read the file with CsvOptions.ScikitLearn.");
        }

        if (first.All(field => CsvLabels.TryNumber(field, out _)))
        {
            throw new InvalidDataException(
                $"{source}, line 1: every field is a number ('{Preview(first, options.Delimiter)}'), so the first row looks like data, not column names. "
                + "If the file has no header row, set CsvOptions.Header = CsvHeader.None and give columns by position (-1 for the last).");
        }

        string[] names = first.Select(name => name.Trim()).ToArray();
        string? duplicate = names.GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            throw new InvalidDataException($"{source}: the header names column '{duplicate}' twice ({string.Join(", ", names)}).");
        }

        return new CsvLayout(source, CsvHeader.ColumnNames, names);
    }

    private static CsvLayout FromScikitLearnHeader(List<string> first, CsvOptions options, string source)
    {
        if (ScikitLearnCounts(first) is not (int samples, int features) || features == 0)
        {
            throw new InvalidDataException(
                $"{source}, line 1: '{Preview(first, options.Delimiter)}' is not a scikit-learn header, which starts with the number of samples and the "
                + "(positive) number of features, then lists the class names. For a header of column names, set CsvOptions.Header = CsvHeader.ColumnNames.");
        }

        string[]? classNames = first.Count > 2 ? first.Skip(2).Select(name => name.Trim()).ToArray() : null;
        if (classNames is not null)
        {
            if (options.Targets == CsvTargetEncoding.Regression)
            {
                throw new ArgumentException(
                    $"{source}'s header names classes ({string.Join(", ", classNames)}), so its labels are class indices, not regression targets.", nameof(options));
            }

            if (options.ClassNames is not null && !options.ClassNames.SequenceEqual(classNames, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"{source}'s header names the classes {string.Join(", ", classNames)}, but CsvOptions.ClassNames says {string.Join(", ", options.ClassNames)}.",
                    nameof(options));
            }
        }

        return new CsvLayout(source, CsvHeader.ScikitLearn, Positions(features + 1))
        {
            DeclaredSampleCount = samples,
            DeclaredClassNames = classNames,
        };
    }

    /// <summary>The two counts a scikit-learn header starts with, if the row starts with two non-negative integers.</summary>
    private static (int Samples, int Features)? ScikitLearnCounts(List<string> row) =>
        row.Count >= 2
        && int.TryParse(row[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int samples)
        && int.TryParse(row[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int features)
            ? (samples, features)
            : null;

    private static string[] Positions(int count) =>
        Enumerable.Range(0, count).Select(index => index.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The row as the file spells it, shortened: what the user sees when opening the file.</summary>
    private static string Preview(List<string> row, char delimiter)
    {
        const int MaximumLength = 80;
        string text = string.Join(delimiter, row);
        return text.Length <= MaximumLength ? text : string.Concat(text.AsSpan(0, MaximumLength), "...");
    }

    private int Resolve(CsvColumn column, string role)
    {
        if (column.Name is string name)
        {
            if (_header != CsvHeader.ColumnNames)
            {
                throw new ArgumentException(
                    $"{_source} is read without a header of names (CsvHeader.{_header}), so give the {role} column by position, not as '{name}'.", role);
            }

            int found = Array.IndexOf(ColumnNames, name);
            return found >= 0
                ? found
                : throw new ArgumentException($"{_source} has no column '{name}'; its columns are: {string.Join(", ", ColumnNames)}.", role);
        }

        int position = column.Index!.Value;
        int index = position < 0 ? FieldCount + position : position;
        return (uint)index < (uint)FieldCount
            ? index
            : throw new ArgumentException(
                $"{_source} has {FieldCount} columns, so there is no {role} column at index {position} (0 to {FieldCount - 1}, or -{FieldCount} to -1 from the end).",
                role);
    }

    private int[] ResolveFeatures(CsvOptions options)
    {
        int[] indices = options.FeatureColumns is null
            ? Enumerable.Range(0, FieldCount).Where(column => column != LabelIndex).ToArray()
            : options.FeatureColumns.Select(column => Resolve(column, "feature")).ToArray();
        if (indices.Length == 0)
        {
            throw new ArgumentException($"{_source} has no feature column besides the label ({Describe(LabelIndex)}).", nameof(options));
        }

        if (indices.Contains(LabelIndex))
        {
            throw new ArgumentException($"The label ({Describe(LabelIndex)}) cannot also be a feature.", nameof(options));
        }

        int duplicate = indices.GroupBy(index => index).FirstOrDefault(group => group.Count() > 1)?.Key ?? -1;
        if (duplicate >= 0)
        {
            throw new ArgumentException($"The feature columns list {Describe(duplicate)} twice.", nameof(options));
        }

        return indices;
    }
}
