using System;
using System.Collections.Generic;

namespace GenNN.Data;

/// <summary>
/// What to read from a CSV file and how (see <see cref="CsvDataset.Load{T}(string, CsvOptions)"/>): which column is
/// the label, what the first row holds, and how labels become targets.
/// </summary>
/// <example>
/// <code>
/// new CsvOptions("species")                                     // a header row; the label column by name
/// new CsvOptions(-1) { Header = CsvHeader.None }                // no header; the label is the last column
/// CsvOptions.ScikitLearn                                        // iris.csv, wine_data.csv, breast_cancer.csv
/// new CsvOptions("price") { Targets = CsvTargetEncoding.Regression, Delimiter = ';' }
/// </code>
/// </example>
public sealed record CsvOptions
{
    /// <summary>Reads <paramref name="labelColumn"/> as the label; every other setting starts at its default.</summary>
    /// <param name="labelColumn">The column the network predicts, by header name or by position (<c>-1</c> for the last).</param>
    public CsvOptions(CsvColumn labelColumn) => LabelColumn = labelColumn;

    /// <summary>
    /// scikit-learn's own CSV format (<see cref="CsvHeader.ScikitLearn"/>), the label in the last column: the
    /// options for its <c>iris.csv</c>, <c>wine_data.csv</c> and <c>breast_cancer.csv</c>.
    /// </summary>
    public static CsvOptions ScikitLearn { get; } = new(CsvColumn.Last) { Header = CsvHeader.ScikitLearn };

    /// <summary>The column the network predicts, by header name or by position (negative from the end).</summary>
    public CsvColumn LabelColumn { get; init; }

    /// <summary>What the first row holds: column names (the default), nothing special, or scikit-learn's counts and class names.</summary>
    public CsvHeader Header { get; init; } = CsvHeader.ColumnNames;

    /// <summary>Classification (one-hot targets, the default) or regression (the label's value).</summary>
    public CsvTargetEncoding Targets { get; init; } = CsvTargetEncoding.OneHot;

    /// <summary>The field separator; a comma unless set (<c>';'</c>, <c>'\t'</c>, ...).</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// The feature columns, in the order the network takes them, by name or position; <see langword="null"/> (the
    /// default) takes every column except the label, in file order. Listing them leaves out identifiers and other
    /// columns to ignore.
    /// </summary>
    public IReadOnlyList<CsvColumn>? FeatureColumns { get; init; }

    /// <summary>
    /// For <see cref="CsvTargetEncoding.OneHot"/>: the classes in output order. Set it when training and test sets
    /// come from separate files, so that both map each class to the same output; a label not listed is then an
    /// error. <see langword="null"/> (the default) takes the distinct labels found, in <see cref="ClassOrder"/>.
    /// Numeric labels are compared as numbers, so <c>1</c>, <c>1.0</c> and <c>1e0</c> are one class.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>
    /// For <see cref="CsvTargetEncoding.OneHot"/> without <see cref="ClassNames"/>: the order of the classes found,
    /// <see cref="CsvClassOrder.Sorted"/> (the default) or <see cref="CsvClassOrder.FirstSeen"/>.
    /// </summary>
    public CsvClassOrder ClassOrder { get; init; } = CsvClassOrder.Sorted;

    /// <summary>Checks the settings before any reading.</summary>
    internal void Validate()
    {
        if (!LabelColumn.IsSpecified)
        {
            throw new ArgumentException("Name the label column, by header name or by position (-1 for the last).", nameof(LabelColumn));
        }

        if (Delimiter is '"' or '\r' or '\n')
        {
            throw new ArgumentException("The delimiter cannot be a quote or a line break.", nameof(Delimiter));
        }

        if (!Enum.IsDefined(Targets))
        {
            throw new ArgumentOutOfRangeException(nameof(Targets), Targets, "Unknown target encoding.");
        }

        if (!Enum.IsDefined(Header))
        {
            throw new ArgumentOutOfRangeException(nameof(Header), Header, "Unknown header kind.");
        }

        if (!Enum.IsDefined(ClassOrder))
        {
            throw new ArgumentOutOfRangeException(nameof(ClassOrder), ClassOrder, "Unknown class order.");
        }

        if (ClassNames is not null)
        {
            if (ClassNames.Count == 0)
            {
                throw new ArgumentException("Class names are at least one.", nameof(ClassNames));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string name in ClassNames)
            {
                ArgumentNullException.ThrowIfNull(name, nameof(ClassNames));
                if (!seen.Add(CsvLabels.Key(name)))
                {
                    throw new ArgumentException($"The class names list '{name}' twice (numbers are compared by value).", nameof(ClassNames));
                }
            }
        }

        if (FeatureColumns is not null)
        {
            foreach (CsvColumn column in FeatureColumns)
            {
                if (!column.IsSpecified)
                {
                    throw new ArgumentException("A feature column is neither named nor located.", nameof(FeatureColumns));
                }
            }
        }
    }
}
