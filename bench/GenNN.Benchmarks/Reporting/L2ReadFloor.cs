using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenNN.Benchmarks.Reporting;

/// <summary>
/// What bounds one N3 inference on this core: reading its first-layer weight matrix (784 × 128 floats, 401,408
/// bytes) once. The matrix fits in the core's L2 (1 MiB on Zen 4) but not in L1 (32 KiB), and a single sample
/// multiplies each weight once, so the forward pass streams the matrix at whatever rate L2 delivers it (at most the
/// last few KiB of it can still be in L1 from the call before). Measured as a plain sum over a 64-byte-aligned buffer
/// of that size, warm in the cache: after one warm-up timing, the best of ten timings of 1,000 passes each.
/// </summary>
internal static unsafe class L2ReadFloor
{
    private const int Passes = 1_000;
    private const int Timings = 10;

    /// <summary>Nanoseconds to read <paramref name="bytes"/> bytes (a multiple of 128) once, warm in the cache.</summary>
    public static double MeasureNanoseconds(int bytes)
    {
        if (bytes <= 0 || bytes % 128 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "The buffer is read 128 bytes at a time.");
        }

        int count = bytes / sizeof(float);
        var buffer = (float*)NativeMemory.AlignedAlloc((nuint)bytes, 64);
        try
        {
            new Span<float>(buffer, count).Fill(1f);
            Time(buffer, count);
            double best = double.MaxValue;
            for (int timing = 0; timing < Timings; timing++)
            {
                best = Math.Min(best, Time(buffer, count));
            }

            return best;
        }
        finally
        {
            NativeMemory.AlignedFree(buffer);
        }
    }

    private static double Time(float* buffer, int count)
    {
        long start = Stopwatch.GetTimestamp();
        float checksum = 0;
        for (int pass = 0; pass < Passes; pass++)
        {
            checksum += Sum(buffer, count);
        }

        double nanoseconds = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Passes;

        // Every pass must have read every value (and the sums be kept): the ones add up exactly in float.
        return checksum == (float)count * Passes
            ? nanoseconds
            : throw new InvalidOperationException($"The read floor's checksum is {checksum}, not {(float)count * Passes}.");
    }

    /// <summary>
    /// Four independent 256-bit sums over the buffer, so that the loads, not the adds, set the pace; 256-bit loads
    /// fetch as fast as 512-bit ones from L2, and exist on every x64 processor with AVX2.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Sum(float* values, int count)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (int i = 0; i < count; i += 32)
        {
            a0 += Vector256.LoadAligned(values + i);
            a1 += Vector256.LoadAligned(values + i + 8);
            a2 += Vector256.LoadAligned(values + i + 16);
            a3 += Vector256.LoadAligned(values + i + 24);
        }

        return Vector256.Sum((a0 + a1) + (a2 + a3));
    }
}
