using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GenNN.Kernels;

/// <summary>
/// Batch normalization per channel over a block of samples, with PyTorch's semantics (<c>nn.BatchNorm1d</c>/<c>2d</c>,
/// <c>affine=True</c>, <c>track_running_stats=True</c>). Each sample is <c>[channels, spatial]</c> (<c>spatial</c> =
/// <c>H·W</c> for 2-D maps, 1 for <c>BatchNorm1d</c> over features); sample <c>s</c> of a strided span starts at
/// <c>s·stride</c>, so the samples can be rows of a larger scratch block. Channel <c>c</c>'s statistics run over all
/// <c>n = count·spatial</c> of its values.
/// <list type="bullet">
/// <item>Training: <c>y = γ·(x − μ_B)/√(σ²_B + ε) + β</c> with the batch mean and biased variance (two passes: the mean
/// of squared deviations, accurate when the mean is large next to the spread). The running statistics move by
/// <c>running = (1 − momentum)·running + momentum·batch</c>, the variance with the unbiased <c>Σ(x − μ)²/(n − 1)</c>.
/// For <c>n = 1</c>, which PyTorch refuses ("Expected more than 1 value per channel when training"), the update uses
/// the biased variance, 0, instead of dividing by zero.</item>
/// <item>Inference: the same transform with the running statistics.</item>
/// <item>Backward: the exact gradient of the training transform, through μ_B and σ²_B.</item>
/// </list>
/// With <c>spatial = 1</c> a channel's values are one per sample, <c>stride</c> apart, while neighbouring channels are
/// adjacent: those passes run across channels, one vector of channels per register, looping over the samples.
/// With spatial maps each channel's values come in contiguous runs of <c>spatial</c>, and the passes run along them.
/// The spans must have the lengths named here (not checked: generated code guarantees them); nothing is allocated.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchNormKernel
{
    /// <summary>
    /// Normalizes <paramref name="count"/> samples with their batch statistics into <paramref name="outputs"/>, saves
    /// each channel's batch mean and <c>1/√(σ²_B + ε)</c> in <paramref name="batchMean"/> and
    /// <paramref name="batchInverseStd"/> for <see cref="Backward"/>, and updates <paramref name="runningMean"/> and
    /// <paramref name="runningVariance"/> (see the type's summary).
    /// </summary>
    public static void TrainingForward<T>(
        int channels,
        int spatial,
        int count,
        ReadOnlySpan<T> inputs,
        int inputStride,
        ReadOnlySpan<T> gamma,
        ReadOnlySpan<T> beta,
        Span<T> outputs,
        int outputStride,
        Span<T> batchMean,
        Span<T> batchInverseStd,
        Span<T> runningMean,
        Span<T> runningVariance,
        T momentum,
        T epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(count > 0 && inputStride >= channels * spatial && outputStride >= channels * spatial, "strides shorter than a sample");
        Debug.Assert(gamma.Length == channels && beta.Length == channels && batchMean.Length == channels && batchInverseStd.Length == channels, "per-channel span of the wrong length");
        Debug.Assert(runningMean.Length == channels && runningVariance.Length == channels, "running statistics of the wrong length");
        int values = count * spatial;
        T n = T.CreateTruncating(values);

        // batchInverseStd holds each channel's Σ(x − μ)² until the running statistics have used it.
        int channel = spatial == 1 ? FeatureStatistics(channels, count, inputs, inputStride, batchMean, batchInverseStd) : 0;
        for (; channel < channels; channel++)
        {
            T sum = T.Zero;
            for (int s = 0; s < count; s++)
            {
                sum += LayerNormKernel.Sum(inputs.Slice((s * inputStride) + (channel * spatial), spatial));
            }

            T mean = sum / n;
            T squaredDeviations = T.Zero;
            for (int s = 0; s < count; s++)
            {
                squaredDeviations += LayerNormKernel.SumOfSquaredDeviations(inputs.Slice((s * inputStride) + (channel * spatial), spatial), mean);
            }

            batchMean[channel] = mean;
            batchInverseStd[channel] = squaredDeviations;
        }

        T keep = T.One - momentum;
        T unbiasedDivisor = values > 1 ? T.CreateTruncating(values - 1) : n;
        for (int c = 0; c < channels; c++)
        {
            T squaredDeviations = batchInverseStd[c];
            runningMean[c] = (keep * runningMean[c]) + (momentum * batchMean[c]);
            runningVariance[c] = (keep * runningVariance[c]) + (momentum * (squaredDeviations / unbiasedDivisor));
            batchInverseStd[c] = T.One / T.Sqrt((squaredDeviations / n) + epsilon);
        }

        channel = spatial == 1 ? FeatureNormalize(channels, count, inputs, inputStride, gamma, beta, outputs, outputStride, batchMean, batchInverseStd) : 0;
        for (; channel < channels; channel++)
        {
            T mean = batchMean[channel];
            T scale = batchInverseStd[channel] * gamma[channel];
            for (int s = 0; s < count; s++)
            {
                LayerNormKernel.NormalizeRun(
                    inputs.Slice((s * inputStride) + (channel * spatial), spatial),
                    outputs.Slice((s * outputStride) + (channel * spatial), spatial),
                    mean,
                    scale,
                    beta[channel]);
            }
        }
    }

    /// <summary>
    /// Normalizes one sample <c>[channels, spatial]</c> with the running statistics:
    /// <c>y = γ·(x − runningMean)/√(runningVariance + ε) + β</c> (PyTorch's <c>eval()</c> mode).
    /// </summary>
    public static void InferenceForward<T>(
        int channels,
        int spatial,
        ReadOnlySpan<T> input,
        ReadOnlySpan<T> gamma,
        ReadOnlySpan<T> beta,
        ReadOnlySpan<T> runningMean,
        ReadOnlySpan<T> runningVariance,
        T epsilon,
        Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(input.Length == channels * spatial && output.Length == channels * spatial, "input or output of the wrong length");
        for (int channel = 0; channel < channels; channel++)
        {
            T scale = gamma[channel] / T.Sqrt(runningVariance[channel] + epsilon);
            LayerNormKernel.NormalizeRun(
                input.Slice(channel * spatial, spatial), output.Slice(channel * spatial, spatial), runningMean[channel], scale, beta[channel]);
        }
    }

    /// <summary>
    /// Given <paramref name="outputGradients"/> = dL/dy of the samples <see cref="TrainingForward"/> normalized, with the
    /// <paramref name="batchMean"/> and <paramref name="batchInverseStd"/> it saved: adds dL/dγ = <c>Σ dy·x̂</c> to
    /// <paramref name="gammaGradient"/> and dL/dβ = <c>Σ dy</c> to <paramref name="betaGradient"/>, and, unless
    /// <paramref name="inputGradients"/> is empty, overwrites it with
    /// <c>dx = γ·σ⁻¹·(dy − Σdy/n − (x − μ)·σ⁻²·Σ((x − μ)·dy)/n)</c> (σ⁻¹ = batchInverseStd; PyTorch's formula).
    /// </summary>
    public static void Backward<T>(
        int channels,
        int spatial,
        int count,
        ReadOnlySpan<T> inputs,
        int inputStride,
        ReadOnlySpan<T> outputGradients,
        int outputGradientStride,
        ReadOnlySpan<T> gamma,
        ReadOnlySpan<T> batchMean,
        ReadOnlySpan<T> batchInverseStd,
        Span<T> gammaGradient,
        Span<T> betaGradient,
        Span<T> inputGradients,
        int inputGradientStride)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(count > 0 && inputStride >= channels * spatial && outputGradientStride >= channels * spatial, "strides shorter than a sample");
        Debug.Assert(inputGradients.IsEmpty || inputGradientStride >= channels * spatial, "input gradient stride shorter than a sample");
        Debug.Assert(gamma.Length == channels && gammaGradient.Length == channels && betaGradient.Length == channels, "per-channel span of the wrong length");
        T n = T.CreateTruncating(count * spatial);
        bool wantsInputGradients = !inputGradients.IsEmpty;
        int channel = spatial == 1
            ? FeatureBackward(channels, count, inputs, inputStride, outputGradients, outputGradientStride, gamma, batchMean, batchInverseStd, gammaGradient, betaGradient, inputGradients, inputGradientStride)
            : 0;
        for (; channel < channels; channel++)
        {
            T mean = batchMean[channel];
            T inverseStd = batchInverseStd[channel];
            T sum = T.Zero, dot = T.Zero;
            for (int s = 0; s < count; s++)
            {
                ReadOnlySpan<T> gradient = outputGradients.Slice((s * outputGradientStride) + (channel * spatial), spatial);
                sum += LayerNormKernel.Sum(gradient);
                dot += CenteredDot(inputs.Slice((s * inputStride) + (channel * spatial), spatial), gradient, mean);
            }

            gammaGradient[channel] += dot * inverseStd;
            betaGradient[channel] += sum;
            if (!wantsInputGradients)
            {
                continue;
            }

            T meanGradient = sum / n;
            T k = dot * inverseStd * inverseStd / n;
            T scale = inverseStd * gamma[channel];
            for (int s = 0; s < count; s++)
            {
                InputGradientRun(
                    inputs.Slice((s * inputStride) + (channel * spatial), spatial),
                    outputGradients.Slice((s * outputGradientStride) + (channel * spatial), spatial),
                    inputGradients.Slice((s * inputGradientStride) + (channel * spatial), spatial),
                    mean,
                    meanGradient,
                    k,
                    scale);
            }
        }
    }

    /// <summary>
    /// For <c>spatial = 1</c>: the mean and <c>Σ(x − μ)²</c> of each whole vector of channels, every sample read as one
    /// vector load. Returns the first channel left for the per-channel loop.
    /// </summary>
    private static int FeatureStatistics<T>(int channels, int count, ReadOnlySpan<T> inputs, int inputStride, Span<T> mean, Span<T> squaredDeviations)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Vector.IsHardwareAccelerated)
        {
            return 0;
        }

        ref T x = ref MemoryMarshal.GetReference(inputs);
        var n = new Vector<T>(T.CreateTruncating(count));
        int channel = 0;
        for (; channel + Vector<T>.Count <= channels; channel += Vector<T>.Count)
        {
            Vector<T> sum = Vector<T>.Zero;
            for (int s = 0; s < count; s++)
            {
                sum += Vector.LoadUnsafe(ref x, (nuint)((s * inputStride) + channel));
            }

            Vector<T> average = sum / n;
            Vector<T> deviations = Vector<T>.Zero;
            for (int s = 0; s < count; s++)
            {
                Vector<T> deviation = Vector.LoadUnsafe(ref x, (nuint)((s * inputStride) + channel)) - average;
                deviations = VectorMath.MultiplyAdd(deviation, deviation, deviations);
            }

            Vector.StoreUnsafe(average, ref MemoryMarshal.GetReference(mean), (nuint)channel);
            Vector.StoreUnsafe(deviations, ref MemoryMarshal.GetReference(squaredDeviations), (nuint)channel);
        }

        return channel;
    }

    /// <summary>For <c>spatial = 1</c>: <c>y = (x − μ)·(σ⁻¹·γ) + β</c> over whole vectors of channels; returns the first channel left.</summary>
    private static int FeatureNormalize<T>(
        int channels, int count, ReadOnlySpan<T> inputs, int inputStride, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, Span<T> outputs, int outputStride, ReadOnlySpan<T> mean, ReadOnlySpan<T> inverseStd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Vector.IsHardwareAccelerated)
        {
            return 0;
        }

        ref T x = ref MemoryMarshal.GetReference(inputs);
        ref T y = ref MemoryMarshal.GetReference(outputs);
        int channel = 0;
        for (; channel + Vector<T>.Count <= channels; channel += Vector<T>.Count)
        {
            var at = (nuint)channel;
            Vector<T> center = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(mean), at);
            Vector<T> scale = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(inverseStd), at) * Vector.LoadUnsafe(ref MemoryMarshal.GetReference(gamma), at);
            Vector<T> shift = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(beta), at);
            for (int s = 0; s < count; s++)
            {
                Vector<T> value = Vector.LoadUnsafe(ref x, (nuint)((s * inputStride) + channel));
                Vector.StoreUnsafe(VectorMath.MultiplyAdd(value - center, scale, shift), ref y, (nuint)((s * outputStride) + channel));
            }
        }

        return channel;
    }

    /// <summary>For <c>spatial = 1</c>: <see cref="Backward"/> over whole vectors of channels; returns the first channel left.</summary>
    private static int FeatureBackward<T>(
        int channels,
        int count,
        ReadOnlySpan<T> inputs,
        int inputStride,
        ReadOnlySpan<T> outputGradients,
        int outputGradientStride,
        ReadOnlySpan<T> gamma,
        ReadOnlySpan<T> batchMean,
        ReadOnlySpan<T> batchInverseStd,
        Span<T> gammaGradient,
        Span<T> betaGradient,
        Span<T> inputGradients,
        int inputGradientStride)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Vector.IsHardwareAccelerated)
        {
            return 0;
        }

        ref T x = ref MemoryMarshal.GetReference(inputs);
        ref T dy = ref MemoryMarshal.GetReference(outputGradients);
        ref T dx = ref MemoryMarshal.GetReference(inputGradients);
        ref T dg = ref MemoryMarshal.GetReference(gammaGradient);
        ref T db = ref MemoryMarshal.GetReference(betaGradient);
        bool wantsInputGradients = !inputGradients.IsEmpty;
        var n = new Vector<T>(T.CreateTruncating(count));
        int channel = 0;
        for (; channel + Vector<T>.Count <= channels; channel += Vector<T>.Count)
        {
            var at = (nuint)channel;
            Vector<T> center = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(batchMean), at);
            Vector<T> inverseStd = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(batchInverseStd), at);
            Vector<T> sum = Vector<T>.Zero, dot = Vector<T>.Zero;
            for (int s = 0; s < count; s++)
            {
                Vector<T> gradient = Vector.LoadUnsafe(ref dy, (nuint)((s * outputGradientStride) + channel));
                sum += gradient;
                dot = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref x, (nuint)((s * inputStride) + channel)) - center, gradient, dot);
            }

            Vector.StoreUnsafe(VectorMath.MultiplyAdd(dot, inverseStd, Vector.LoadUnsafe(ref dg, at)), ref dg, at);
            Vector.StoreUnsafe(Vector.LoadUnsafe(ref db, at) + sum, ref db, at);
            if (!wantsInputGradients)
            {
                continue;
            }

            Vector<T> meanGradient = sum / n;
            Vector<T> k = dot * inverseStd * inverseStd / n;
            Vector<T> scale = inverseStd * Vector.LoadUnsafe(ref MemoryMarshal.GetReference(gamma), at);
            for (int s = 0; s < count; s++)
            {
                Vector<T> value = Vector.LoadUnsafe(ref x, (nuint)((s * inputStride) + channel));
                Vector<T> gradient = Vector.LoadUnsafe(ref dy, (nuint)((s * outputGradientStride) + channel));
                Vector.StoreUnsafe((gradient - meanGradient - ((value - center) * k)) * scale, ref dx, (nuint)((s * inputGradientStride) + channel));
            }
        }

        return channel;
    }

    /// <summary><c>Σ (x_i − mean)·dy_i</c>.</summary>
    private static T CenteredDot<T>(ReadOnlySpan<T> run, ReadOnlySpan<T> runGradient, T mean)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T x = ref MemoryMarshal.GetReference(run);
        ref T dy = ref MemoryMarshal.GetReference(runGradient);
        int length = run.Length;
        int i = 0;
        T dot = T.Zero;
        if (Vector.IsHardwareAccelerated && length >= Vector<T>.Count)
        {
            var center = new Vector<T>(mean);
            Vector<T> dots = Vector<T>.Zero;
            for (; i + Vector<T>.Count <= length; i += Vector<T>.Count)
            {
                dots = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref x, (nuint)i) - center, Vector.LoadUnsafe(ref dy, (nuint)i), dots);
            }

            dot = Vector.Sum(dots);
        }

        for (; i < length; i++)
        {
            dot += (Unsafe.Add(ref x, i) - mean) * Unsafe.Add(ref dy, i);
        }

        return dot;
    }

    /// <summary><c>dx_i = (dy_i − meanGradient − (x_i − mean)·k)·scale</c>.</summary>
    private static void InputGradientRun<T>(ReadOnlySpan<T> run, ReadOnlySpan<T> runGradient, Span<T> target, T mean, T meanGradient, T k, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T x = ref MemoryMarshal.GetReference(run);
        ref T dy = ref MemoryMarshal.GetReference(runGradient);
        ref T dx = ref MemoryMarshal.GetReference(target);
        int length = run.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var center = new Vector<T>(mean);
            var gradientMean = new Vector<T>(meanGradient);
            var slope = new Vector<T>(k);
            var factor = new Vector<T>(scale);
            for (; i + Vector<T>.Count <= length; i += Vector<T>.Count)
            {
                Vector<T> deviation = Vector.LoadUnsafe(ref x, (nuint)i) - center;
                Vector.StoreUnsafe((Vector.LoadUnsafe(ref dy, (nuint)i) - gradientMean - (deviation * slope)) * factor, ref dx, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            T deviation = Unsafe.Add(ref x, i) - mean;
            Unsafe.Add(ref dx, i) = (Unsafe.Add(ref dy, i) - meanGradient - (deviation * k)) * scale;
        }
    }
}
