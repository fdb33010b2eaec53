using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GenNN.Kernels;

/// <summary>
/// Layer normalization of one sample (PyTorch's <c>nn.LayerNorm</c>): the sample is <c>groups</c> consecutive runs
/// of <c>size</c> values (<c>size</c> = the product of the normalized shape), and each run is normalized by its own
/// mean and biased variance, <c>x̂ = (x − μ)/√(σ² + ε)</c>, then, if <c>gamma</c> is not empty, scaled and shifted
/// elementwise, <c>y_i = γ_i·x̂_i + β_i</c> (<c>gamma</c> and <c>beta</c> have <c>size</c> values; <c>beta</c> may be
/// empty on its own, as with <c>nn.LayerNorm(bias=False)</c>). The variance is the mean of squared deviations from
/// the mean (two passes), which stays accurate when the mean is large next to the spread. Forward saves μ and
/// <c>1/√(σ² + ε)</c> per run for the backward pass. All loops run along the run, one vector at a time.
/// The spans must have the lengths named here (not checked: generated code guarantees them); nothing is allocated.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LayerNormKernel
{
    /// <summary>
    /// Normalizes each of the <paramref name="groups"/> runs of <paramref name="input"/> into <paramref name="output"/>,
    /// and stores each run's mean in <paramref name="mean"/> and <c>1/√(σ² + ε)</c> in <paramref name="inverseStd"/>.
    /// </summary>
    public static void Forward<T>(
        int groups, int size, ReadOnlySpan<T> input, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, T epsilon, Span<T> output, Span<T> mean, Span<T> inverseStd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(input.Length == groups * size && output.Length == groups * size, "input or output of the wrong length");
        Debug.Assert(mean.Length == groups && inverseStd.Length == groups, "mean or inverseStd of the wrong length");
        Debug.Assert(gamma.IsEmpty ? beta.IsEmpty : gamma.Length == size && (beta.IsEmpty || beta.Length == size), "gamma or beta of the wrong length");
        T count = T.CreateTruncating(size);
        for (int group = 0; group < groups; group++)
        {
            ReadOnlySpan<T> run = input.Slice(group * size, size);
            Span<T> target = output.Slice(group * size, size);
            T runMean = Sum(run) / count;
            T runInverseStd = T.One / T.Sqrt((SumOfSquaredDeviations(run, runMean) / count) + epsilon);
            mean[group] = runMean;
            inverseStd[group] = runInverseStd;
            if (gamma.IsEmpty)
            {
                NormalizeRun(run, target, runMean, runInverseStd, T.Zero);
            }
            else
            {
                AffineRun(run, gamma, beta, target, runMean, runInverseStd);
            }
        }
    }

    /// <summary>
    /// Given <paramref name="outputGradient"/> = dL/dy, adds dL/dγ (<c>Σ dy·x̂</c>) to <paramref name="gammaGradient"/>
    /// and dL/dβ (<c>Σ dy</c>) to <paramref name="betaGradient"/>, summed over the groups (both empty when gamma is;
    /// <paramref name="betaGradient"/> empty when beta is), and overwrites <paramref name="inputGradient"/> with
    /// dL/dx unless it is empty: with <c>g = γ·dy</c> (or <c>dy</c> without affine),
    /// <c>dx = (1/√(σ² + ε))·(g − mean(g) − x̂·mean(g·x̂))</c>, the exact derivative through μ and σ².
    /// <paramref name="mean"/> and <paramref name="inverseStd"/> are what <see cref="Forward"/> saved for this input.
    /// </summary>
    public static void Backward<T>(
        int groups,
        int size,
        ReadOnlySpan<T> input,
        ReadOnlySpan<T> outputGradient,
        ReadOnlySpan<T> gamma,
        ReadOnlySpan<T> mean,
        ReadOnlySpan<T> inverseStd,
        Span<T> gammaGradient,
        Span<T> betaGradient,
        Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(input.Length == groups * size && outputGradient.Length == groups * size, "input or output gradient of the wrong length");
        Debug.Assert(inputGradient.IsEmpty || inputGradient.Length == groups * size, "input gradient of the wrong length");
        Debug.Assert(gamma.IsEmpty ? gammaGradient.IsEmpty && betaGradient.IsEmpty : gammaGradient.Length == size, "parameter gradients do not match gamma");
        T count = T.CreateTruncating(size);
        for (int group = 0; group < groups; group++)
        {
            ReadOnlySpan<T> run = input.Slice(group * size, size);
            ReadOnlySpan<T> runGradient = outputGradient.Slice(group * size, size);
            T runMean = mean[group];
            T runInverseStd = inverseStd[group];
            if (!gamma.IsEmpty)
            {
                AccumulateAffineGradients(run, runGradient, runMean, runInverseStd, gammaGradient, betaGradient);
            }

            if (!inputGradient.IsEmpty)
            {
                (T sum, T dot) = ScaledGradientSums(run, runGradient, gamma, runMean, runInverseStd);
                InputGradientRun(run, runGradient, gamma, inputGradient.Slice(group * size, size), runMean, runInverseStd, sum / count, dot / count);
            }
        }
    }

    /// <summary>
    /// <c>Σ x_i</c> over two chains of vectors; the other kernels of this folder use it too. They avoid
    /// <c>TensorPrimitives</c>: with <c>TensorPrimitives.Sum</c> for its bias gradient, a double-precision
    /// <see cref="ConvolutionKernel.Backward{T}"/> ran several times slower on an AVX-512 machine, the code around
    /// the call included (measured; the cause was not pinned down).
    /// </summary>
    internal static T Sum<T>(ReadOnlySpan<T> run)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T x = ref MemoryMarshal.GetReference(run);
        int length = run.Length;
        int lanes = Vector<T>.Count;
        int i = 0;
        T sum = T.Zero;
        if (Vector.IsHardwareAccelerated && length >= lanes)
        {
            Vector<T> even = Vector<T>.Zero, odd = Vector<T>.Zero;
            for (; i + (2 * lanes) <= length; i += 2 * lanes)
            {
                even += Vector.LoadUnsafe(ref x, (nuint)i);
                odd += Vector.LoadUnsafe(ref x, (nuint)(i + lanes));
            }

            if (i + lanes <= length)
            {
                even += Vector.LoadUnsafe(ref x, (nuint)i);
                i += lanes;
            }

            sum = Vector.Sum(even + odd);
        }

        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref x, i);
        }

        return sum;
    }

    /// <summary><c>Σ (x_i − mean)²</c>, the numerator of the biased variance; <see cref="BatchNormKernel"/> uses it too.</summary>
    internal static T SumOfSquaredDeviations<T>(ReadOnlySpan<T> run, T mean)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T x = ref MemoryMarshal.GetReference(run);
        int length = run.Length;
        int i = 0;
        T sum = T.Zero;
        if (Vector.IsHardwareAccelerated && length >= Vector<T>.Count)
        {
            var center = new Vector<T>(mean);
            Vector<T> total = Vector<T>.Zero;
            for (; i + Vector<T>.Count <= length; i += Vector<T>.Count)
            {
                Vector<T> deviation = Vector.LoadUnsafe(ref x, (nuint)i) - center;
                total = VectorMath.MultiplyAdd(deviation, deviation, total);
            }

            sum = Vector.Sum(total);
        }

        for (; i < length; i++)
        {
            T deviation = Unsafe.Add(ref x, i) - mean;
            sum += deviation * deviation;
        }

        return sum;
    }

    /// <summary>
    /// <c>target_i = (x_i − mean)·scale + shift</c>: subtracting first keeps the small deviations exact when the
    /// mean is large. <see cref="BatchNormKernel"/> uses it with per-channel scale and shift.
    /// </summary>
    internal static void NormalizeRun<T>(ReadOnlySpan<T> run, Span<T> target, T mean, T scale, T shift)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T x = ref MemoryMarshal.GetReference(run);
        ref T y = ref MemoryMarshal.GetReference(target);
        int length = run.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var center = new Vector<T>(mean);
            var factor = new Vector<T>(scale);
            var offset = new Vector<T>(shift);
            for (; i + Vector<T>.Count <= length; i += Vector<T>.Count)
            {
                Vector.StoreUnsafe(VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref x, (nuint)i) - center, factor, offset), ref y, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref y, i) = ((Unsafe.Add(ref x, i) - mean) * scale) + shift;
        }
    }

    /// <summary><c>target_i = γ_i·(x_i − mean)·inverseStd + β_i</c> (<c>β_i = 0</c> when <paramref name="beta"/> is empty).</summary>
    private static void AffineRun<T>(ReadOnlySpan<T> run, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, Span<T> target, T mean, T inverseStd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T x = ref MemoryMarshal.GetReference(run);
        ref T g = ref MemoryMarshal.GetReference(gamma);
        ref T b = ref MemoryMarshal.GetReference(beta);
        ref T y = ref MemoryMarshal.GetReference(target);
        bool hasBeta = !beta.IsEmpty;
        int length = run.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var center = new Vector<T>(mean);
            var factor = new Vector<T>(inverseStd);
            for (; i + Vector<T>.Count <= length; i += Vector<T>.Count)
            {
                Vector<T> normalized = (Vector.LoadUnsafe(ref x, (nuint)i) - center) * factor;
                Vector<T> shift = hasBeta ? Vector.LoadUnsafe(ref b, (nuint)i) : Vector<T>.Zero;
                Vector.StoreUnsafe(VectorMath.MultiplyAdd(normalized, Vector.LoadUnsafe(ref g, (nuint)i), shift), ref y, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            T shift = hasBeta ? Unsafe.Add(ref b, i) : T.Zero;
            Unsafe.Add(ref y, i) = (((Unsafe.Add(ref x, i) - mean) * inverseStd) * Unsafe.Add(ref g, i)) + shift;
        }
    }

    /// <summary><c>gammaGradient_i += dy_i·x̂_i</c> and, unless it is empty, <c>betaGradient_i += dy_i</c>.</summary>
    private static void AccumulateAffineGradients<T>(
        ReadOnlySpan<T> run, ReadOnlySpan<T> runGradient, T mean, T inverseStd, Span<T> gammaGradient, Span<T> betaGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T x = ref MemoryMarshal.GetReference(run);
        ref T dy = ref MemoryMarshal.GetReference(runGradient);
        ref T dg = ref MemoryMarshal.GetReference(gammaGradient);
        ref T db = ref MemoryMarshal.GetReference(betaGradient);
        bool hasBeta = !betaGradient.IsEmpty;
        int length = run.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var center = new Vector<T>(mean);
            var factor = new Vector<T>(inverseStd);
            for (; i + Vector<T>.Count <= length; i += Vector<T>.Count)
            {
                Vector<T> gradient = Vector.LoadUnsafe(ref dy, (nuint)i);
                Vector<T> normalized = (Vector.LoadUnsafe(ref x, (nuint)i) - center) * factor;
                Vector.StoreUnsafe(VectorMath.MultiplyAdd(gradient, normalized, Vector.LoadUnsafe(ref dg, (nuint)i)), ref dg, (nuint)i);
                if (hasBeta)
                {
                    Vector.StoreUnsafe(Vector.LoadUnsafe(ref db, (nuint)i) + gradient, ref db, (nuint)i);
                }
            }
        }

        for (; i < length; i++)
        {
            T gradient = Unsafe.Add(ref dy, i);
            Unsafe.Add(ref dg, i) += gradient * ((Unsafe.Add(ref x, i) - mean) * inverseStd);
            if (hasBeta)
            {
                Unsafe.Add(ref db, i) += gradient;
            }
        }
    }

    /// <summary>With <c>g_i = γ_i·dy_i</c> (<c>dy_i</c> when <paramref name="gamma"/> is empty): <c>(Σ g_i, Σ g_i·x̂_i)</c>.</summary>
    private static (T Sum, T Dot) ScaledGradientSums<T>(ReadOnlySpan<T> run, ReadOnlySpan<T> runGradient, ReadOnlySpan<T> gamma, T mean, T inverseStd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T x = ref MemoryMarshal.GetReference(run);
        ref T dy = ref MemoryMarshal.GetReference(runGradient);
        ref T gm = ref MemoryMarshal.GetReference(gamma);
        bool affine = !gamma.IsEmpty;
        int length = run.Length;
        int i = 0;
        T sum = T.Zero, dot = T.Zero;
        if (Vector.IsHardwareAccelerated && length >= Vector<T>.Count)
        {
            var center = new Vector<T>(mean);
            var factor = new Vector<T>(inverseStd);
            Vector<T> sums = Vector<T>.Zero, dots = Vector<T>.Zero;
            for (; i + Vector<T>.Count <= length; i += Vector<T>.Count)
            {
                Vector<T> scaled = Vector.LoadUnsafe(ref dy, (nuint)i);
                if (affine)
                {
                    scaled *= Vector.LoadUnsafe(ref gm, (nuint)i);
                }

                sums += scaled;
                dots = VectorMath.MultiplyAdd(scaled, (Vector.LoadUnsafe(ref x, (nuint)i) - center) * factor, dots);
            }

            sum = Vector.Sum(sums);
            dot = Vector.Sum(dots);
        }

        for (; i < length; i++)
        {
            T scaled = affine ? Unsafe.Add(ref dy, i) * Unsafe.Add(ref gm, i) : Unsafe.Add(ref dy, i);
            sum += scaled;
            dot += scaled * ((Unsafe.Add(ref x, i) - mean) * inverseStd);
        }

        return (sum, dot);
    }

    /// <summary><c>dx_i = inverseStd·(g_i − meanScaled − x̂_i·meanScaledDot)</c>, <c>g_i</c> as in <see cref="ScaledGradientSums"/>.</summary>
    private static void InputGradientRun<T>(
        ReadOnlySpan<T> run, ReadOnlySpan<T> runGradient, ReadOnlySpan<T> gamma, Span<T> target, T mean, T inverseStd, T meanScaled, T meanScaledDot)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T x = ref MemoryMarshal.GetReference(run);
        ref T dy = ref MemoryMarshal.GetReference(runGradient);
        ref T gm = ref MemoryMarshal.GetReference(gamma);
        ref T dx = ref MemoryMarshal.GetReference(target);
        bool affine = !gamma.IsEmpty;
        int length = run.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var center = new Vector<T>(mean);
            var factor = new Vector<T>(inverseStd);
            var scaledMean = new Vector<T>(meanScaled);
            var scaledDotMean = new Vector<T>(meanScaledDot);
            for (; i + Vector<T>.Count <= length; i += Vector<T>.Count)
            {
                Vector<T> scaled = Vector.LoadUnsafe(ref dy, (nuint)i);
                if (affine)
                {
                    scaled *= Vector.LoadUnsafe(ref gm, (nuint)i);
                }

                Vector<T> normalized = (Vector.LoadUnsafe(ref x, (nuint)i) - center) * factor;
                Vector.StoreUnsafe((scaled - scaledMean - (normalized * scaledDotMean)) * factor, ref dx, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            T scaled = affine ? Unsafe.Add(ref dy, i) * Unsafe.Add(ref gm, i) : Unsafe.Add(ref dy, i);
            T normalized = (Unsafe.Add(ref x, i) - mean) * inverseStd;
            Unsafe.Add(ref dx, i) = (scaled - meanScaled - (normalized * meanScaledDot)) * inverseStd;
        }
    }
}
