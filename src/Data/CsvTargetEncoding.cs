namespace GenNN.Data;

/// <summary>How a CSV file's label column becomes the network's targets.</summary>
public enum CsvTargetEncoding
{
    /// <summary>
    /// Classification: each distinct label value is a class, and the target is its one-hot vector (for a Softmax
    /// output with CrossEntropy). The dataset keeps the class indices as <see cref="Dataset{T}.Labels"/>.
    /// </summary>
    OneHot = 0,

    /// <summary>Regression: the label column is a number and the target is that number (one output).</summary>
    Regression = 1,
}
