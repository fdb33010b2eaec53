using System;
using System.Globalization;

namespace GenNN.Benchmarks.Validation;

/// <summary>
/// One implementation's values against GenNN's: passes when every <c>|value − reference| ≤ absolute + relative·|reference|</c>.
/// </summary>
/// <param name="What">What was compared, e.g. <c>N1 inference: TorchSharp</c>.</param>
/// <param name="MaxAbsoluteDifference">The largest <c>|value − reference|</c>.</param>
/// <param name="WorstToleranceUse">The largest difference as a fraction of what the tolerance allows there (≤ 1 passes).</param>
public sealed record Comparison(string What, double MaxAbsoluteDifference, double WorstToleranceUse)
{
    public bool Passed => WorstToleranceUse <= 1;

    /// <summary>Compares <paramref name="values"/> with <paramref name="reference"/> element by element.</summary>
    public static Comparison Of(string what, ReadOnlySpan<double> values, ReadOnlySpan<double> reference, double absolute, double relative)
    {
        if (values.Length != reference.Length)
        {
            throw new ArgumentException($"{what}: {values.Length} values against {reference.Length}.", nameof(values));
        }

        double maxDifference = 0;
        double worstUse = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double difference = Math.Abs(values[i] - reference[i]);
            double allowed = absolute + (relative * Math.Abs(reference[i]));

            // NaN fails rather than passing silently (it compares false with everything); a zero tolerance demands equality.
            double use = double.IsNaN(difference) ? double.PositiveInfinity
                : difference == 0 ? 0
                : difference / allowed;
            maxDifference = Math.Max(maxDifference, difference);
            worstUse = Math.Max(worstUse, use);
        }

        return new Comparison(what, maxDifference, worstUse);
    }

    public override string ToString()
        => string.Create(
            CultureInfo.InvariantCulture,
            $"{(Passed ? "ok  " : "FAIL")} {What}: max |Δ| = {MaxAbsoluteDifference:E2}, {WorstToleranceUse:P1} of tolerance");
}
