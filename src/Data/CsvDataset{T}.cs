using System.Collections.Generic;
using System.Numerics;

namespace GenNN.Data;

/// <summary>A dataset read from CSV, with the names that say what its features and outputs are.</summary>
/// <typeparam name="T"><see langword="float"/> or <see langword="double"/>.</typeparam>
public sealed class CsvDataset<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal CsvDataset(Dataset<T> data, IReadOnlyList<string> featureNames, string labelColumn, IReadOnlyList<string>? classNames)
    {
        Data = data;
        FeatureNames = featureNames;
        LabelColumn = labelColumn;
        ClassNames = classNames;
    }

    /// <summary>The samples, in file order.</summary>
    public Dataset<T> Data { get; }

    /// <summary>
    /// The feature columns' names, in input order: from the header row, or each column's 0-based position
    /// (<c>"0"</c>, <c>"1"</c>, ...) for a file without one.
    /// </summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The label column's name, or its 0-based position for a file without a header of names.</summary>
    public string LabelColumn { get; }

    /// <summary>
    /// For one-hot targets, the class each output stands for (output <c>i</c> is <c>ClassNames[i]</c>): a scikit-learn
    /// header's names, <see cref="CsvOptions.ClassNames"/> as given, or the labels found (numbers in their shortest
    /// form: <c>1</c> for <c>1.0</c>). Pass it as <see cref="CsvOptions.ClassNames"/> when reading another file of the
    /// same problem. <see langword="null"/> for regression.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; }
}
