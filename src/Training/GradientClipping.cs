using System;
using System.Numerics;

namespace GenNN.Training;

/// <summary>
/// Limits the batch gradient before the optimizer sees it: element-wise to <c>[−MaxValue, MaxValue]</c>
/// (<c>torch.nn.utils.clip_grad_value_</c>), and/or rescaled so its global norm is at most <see cref="MaxNorm"/>
/// (<c>torch.nn.utils.clip_grad_norm_</c>). With both, values are clipped first, then the norm.
/// </summary>
public sealed record GradientClipping
{
    /// <summary>The largest global norm of the gradient (<c>max_norm</c>); <see langword="null"/> for none.</summary>
    public double? MaxNorm { get; init; }

    /// <summary>The norm's order (<c>norm_type</c>): 2 (default) for the Euclidean norm, any p ≥ 1, or <see cref="double.PositiveInfinity"/>.</summary>
    public double NormType { get; init; } = 2;

    /// <summary>The largest absolute value of any gradient element (<c>clip_value</c>); <see langword="null"/> for none.</summary>
    public double? MaxValue { get; init; }

    /// <summary>Clips by global norm, as <c>clip_grad_norm_(parameters, maxNorm, normType)</c>.</summary>
    public static GradientClipping ByNorm(double maxNorm, double normType = 2) => new() { MaxNorm = maxNorm, NormType = normType };

    /// <summary>Clips each element, as <c>clip_grad_value_(parameters, maxValue)</c>.</summary>
    public static GradientClipping ByValue(double maxValue) => new() { MaxValue = maxValue };

    /// <summary>Clips <paramref name="gradients"/> in place as configured.</summary>
    /// <exception cref="ArgumentException">A limit is negative or not a number, or <see cref="NormType"/> is below 1.</exception>
    public void Apply<T>(Span<T> gradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (MaxValue is double maxValue)
        {
            ClipByValue(gradients, maxValue);
        }

        if (MaxNorm is double maxNorm)
        {
            ClipByNorm(gradients, maxNorm, NormType);
        }
    }

    /// <summary>Checks the limits up front, so a bad setting fails before training starts.</summary>
    /// <exception cref="ArgumentException">A limit is negative or not a number, or <see cref="NormType"/> is below 1.</exception>
    public void Validate()
    {
        if (MaxValue is double maxValue)
        {
            RequireLimit(maxValue, nameof(MaxValue));
        }

        if (MaxNorm is double maxNorm)
        {
            RequireLimit(maxNorm, nameof(MaxNorm));
            if (!(NormType >= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(NormType), NormType, "The norm's order must be at least 1 (or infinity).");
            }
        }
    }

    /// <summary>
    /// Scales <paramref name="gradients"/> by <c>min(1, maxNorm / (‖g‖ + 1e-6))</c>, exactly as
    /// <c>torch.nn.utils.clip_grad_norm_</c>, and returns the norm measured before clipping. A non-finite norm is
    /// returned as is and leaves the gradients unscaled for the caller to report.
    /// </summary>
    /// <param name="gradients">The whole gradient, one flat vector (the global norm over every tensor).</param>
    /// <param name="maxNorm">The largest norm allowed.</param>
    /// <param name="normType">The norm's order: 2 by default, any p ≥ 1, or <see cref="double.PositiveInfinity"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="maxNorm"/> is negative or not a number, or <paramref name="normType"/> is below 1.</exception>
    public static double ClipByNorm<T>(Span<T> gradients, double maxNorm, double normType = 2)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireLimit(maxNorm, nameof(maxNorm));
        if (!(normType >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(normType), normType, "The norm's order must be at least 1 (or infinity).");
        }

        double norm = Norm<T>(gradients, normType);
        if (!double.IsFinite(norm))
        {
            return norm;
        }

        // PyTorch multiplies by the clamped coefficient unconditionally; a coefficient of 1 changes nothing, so skip it.
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1)
        {
            T scale = T.CreateTruncating(coefficient);
            for (int i = 0; i < gradients.Length; i++)
            {
                gradients[i] *= scale;
            }
        }

        return norm;
    }

    /// <summary>Clamps every element of <paramref name="gradients"/> to <c>[−maxValue, maxValue]</c>, as <c>clip_grad_value_</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="maxValue"/> is negative or not a number.</exception>
    public static void ClipByValue<T>(Span<T> gradients, double maxValue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireLimit(maxValue, nameof(maxValue));
        T high = T.CreateTruncating(maxValue);
        T low = -high;
        for (int i = 0; i < gradients.Length; i++)
        {
            // Clamp, not Math.Clamp: a NaN gradient stays NaN so the divergence check still sees it.
            T value = gradients[i];
            gradients[i] = value > high ? high : value < low ? low : value;
        }
    }

    /// <summary>The p-norm of <paramref name="values"/>, accumulated in <see langword="double"/>.</summary>
    private static double Norm<T>(ReadOnlySpan<T> values, double normType)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (double.IsPositiveInfinity(normType))
        {
            double max = 0;
            foreach (T value in values)
            {
                double magnitude = Math.Abs(double.CreateTruncating(value));
                max = magnitude > max || double.IsNaN(magnitude) ? magnitude : max;
            }

            return max;
        }

        double sum = 0;
        if (normType == 2)
        {
            foreach (T value in values)
            {
                double element = double.CreateTruncating(value);
                sum += element * element;
            }

            return Math.Sqrt(sum);
        }

        foreach (T value in values)
        {
            sum += Math.Pow(Math.Abs(double.CreateTruncating(value)), normType);
        }

        return Math.Pow(sum, 1 / normType);
    }

    private static void RequireLimit(double limit, string name)
    {
        if (!(limit >= 0))
        {
            throw new ArgumentOutOfRangeException(name, limit, "A clipping limit must be a number ≥ 0.");
        }
    }
}
