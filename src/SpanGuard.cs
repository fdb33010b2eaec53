using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace GenNN;

/// <summary>Argument checks for generated members; the messages name the expected size.</summary>
public static class SpanGuard
{
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
