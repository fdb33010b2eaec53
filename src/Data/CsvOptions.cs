using System;
using System.Collections.Generic;

namespace GenNN.Data;

/// <summary>What to read from a CSV file with a header row (see <see cref="CsvDataset.Load{T}(string, CsvOptions)"/>).</summary>
/// <param name="LabelColumn">The header name of the column the network predicts.</param>
public sealed record CsvOptions(string LabelColumn)
{
    /// <summary>Classification (one-hot targets, the default) or regression (the label's value).</summary>
    public CsvTargetEncoding Targets { get; init; } = CsvTargetEncoding.OneHot;

    /// <summary>The field separator; a comma unless set.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// The feature columns, in the order the network takes them; <see langword="null"/> (the default) takes every
    /// column except the label, in file order. Listing them leaves out identifiers and other columns to ignore.
    /// </summary>
    public IReadOnlyList<string>? FeatureColumns { get; init; }

    /// <summary>
    /// For <see cref="CsvTargetEncoding.OneHot"/>: the classes in output order. Set it when training and test sets
    /// come from separate files, so that both map each class to the same output; a label not listed is then an
    /// error. <see langword="null"/> (the default) takes the distinct values found, in numeric order if they are
    /// all numbers and in ordinal string order otherwise.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Checks the settings before any reading.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(LabelColumn))
        {
            throw new ArgumentException("Name the label column.", nameof(LabelColumn));
        }

        if (Delimiter is '"' or '\r' or '\n')
        {
            throw new ArgumentException("The delimiter cannot be a quote or a line break.", nameof(Delimiter));
        }

        if (!Enum.IsDefined(Targets))
        {
            throw new ArgumentOutOfRangeException(nameof(Targets), Targets, "Unknown target encoding.");
        }

        if (ClassNames is not null && (ClassNames.Count == 0 || new HashSet<string>(ClassNames, StringComparer.Ordinal).Count != ClassNames.Count))
        {
            throw new ArgumentException("Class names are at least one and all distinct.", nameof(ClassNames));
        }
    }
}
