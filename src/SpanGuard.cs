using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNN;

/// <summary>Argument checks for generated members; the messages name the expected size or range.</summary>
public static class SpanGuard
{
    /// <summary>
    /// Throws unless <paramref name="learningRate"/> is finite and at least 0 (as <c>FitOptions</c> requires, and
    /// PyTorch's optimizers for the sign): one NaN step would make every parameter NaN.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The learning rate is negative, infinite or NaN.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireLearningRate<T>(T learningRate, string paramName)
        where T : IFloatingPointIeee754<T>
    {
        if (!T.IsFinite(learningRate) || learningRate < T.Zero)
        {
            ThrowInvalidLearningRate(learningRate, paramName);
        }
    }

    /// <summary>Throws unless <paramref name="length"/> equals <paramref name="expected"/>.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireLength(int length, int expected, string paramName)
    {
        if (length != expected)
        {
            ThrowWrongLength(length, expected, paramName);
        }
    }

    /// <summary>
    /// Throws unless <paramref name="length"/> is a positive multiple of <paramref name="sampleSize"/> holding
    /// exactly <paramref name="sampleCount"/> samples.
    /// </summary>
    /// <exception cref="ArgumentException">The length does not fit.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireBatchLength(int length, int sampleSize, int sampleCount, string paramName)
    {
        if (sampleCount <= 0 || length != sampleSize * sampleCount)
        {
            ThrowWrongBatchLength(length, sampleSize, sampleCount, paramName);
        }
    }

    /// <summary>The number of samples of <paramref name="sampleSize"/> in <paramref name="length"/>; throws unless whole and positive.</summary>
    /// <exception cref="ArgumentException">The length is not a positive multiple of the sample size.</exception>
    public static int CountSamples(int length, int sampleSize, string paramName)
    {
        if (length == 0 || length % sampleSize != 0)
        {
            ThrowWrongBatchLength(length, sampleSize, sampleCount: -1, paramName);
        }

        return length / sampleSize;
    }

    [DoesNotReturn]
    private static void ThrowInvalidLearningRate<T>(T learningRate, string paramName)
        => throw new ArgumentOutOfRangeException(paramName, learningRate, "The learning rate must be finite and non-negative.");

    [DoesNotReturn]
    private static void ThrowWrongLength(int length, int expected, string paramName)
        => throw new ArgumentException($"Expected a span of length {expected}, but '{paramName}' has length {length}.", paramName);

    [DoesNotReturn]
    private static void ThrowWrongBatchLength(int length, int sampleSize, int sampleCount, string paramName)
        => throw new ArgumentException(
            sampleCount < 0
                ? $"Expected a positive multiple of {sampleSize} (one sample of length {sampleSize} after another), but '{paramName}' has length {length}."
                : $"Expected a span of length {sampleSize * sampleCount} ({sampleCount} samples of length {sampleSize}), but '{paramName}' has length {length}.",
            paramName);
}
