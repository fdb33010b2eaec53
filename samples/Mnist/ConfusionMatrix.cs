using System;
using System.Text;
using GenNN.Data;

namespace GenNN.Samples.Mnist;

/// <summary>How often each true digit (row) was predicted as each digit (column).</summary>
internal sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    public ConfusionMatrix(int[] predictions, Dataset<float> data)
    {
        _counts = new int[data.TargetSize, data.TargetSize];
        for (int i = 0; i < predictions.Length; i++)
        {
            _counts[data.LabelOf(i), predictions[i]]++;
        }
    }

    /// <summary>The number of classes.</summary>
    public int Classes => _counts.GetLength(0);

    /// <summary>How many samples of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted] => _counts[actual, predicted];

    /// <summary>The table as text: rows are true digits, columns predictions, with each row's recall at the end.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        text.Append("true\\pred");
        for (int predicted = 0; predicted < Classes; predicted++)
        {
            text.Append($"{predicted,6}");
        }

        text.AppendLine("   recall");
        for (int actual = 0; actual < Classes; actual++)
        {
            text.Append($"{actual,9}");
            int total = 0;
            for (int predicted = 0; predicted < Classes; predicted++)
            {
                text.Append($"{_counts[actual, predicted],6}");
                total += _counts[actual, predicted];
            }

            text.AppendLine($"  {(total == 0 ? 0 : 100.0 * _counts[actual, actual] / total),6:F2}%");
        }

        return text.ToString().TrimEnd();
    }
}
