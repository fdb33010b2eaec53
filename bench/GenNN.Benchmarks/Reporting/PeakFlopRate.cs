using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GenNN.Benchmarks.Reporting;

/// <summary>
/// Measures one core's FP32 fused multiply-add rate: 12 independent FMA chains, more than the FMA latency (4 cycles)
/// times the FMAs issued per cycle (two a cycle: 256-bit ones on Zen 4, whose 512-bit FMA takes both pipes, and
/// 512-bit ones on Zen 5 and Intel's two-unit AVX-512 cores), so the loop runs at the FMA units' throughput. Theory is
/// 32 FLOP per cycle on Zen 4 (8 lanes × 2 FLOP × 2 pipes) and 64 on full-width 512-bit units; the measured rate
/// divided by that is the clock the core really ran at.
/// </summary>
internal static class PeakFlopRate
{
    private const int Iterations = 50_000_000;
    private const int Chains = 12;

    /// <summary>
    /// The FLOP rate peak assumed for one core: the larger of the measured FMA rate and 32 FLOP per cycle at the
    /// nominal clock that /proc/cpuinfo reports (the lower of the two theories, so it never overstates the peak; the
    /// measurement sets it on every machine seen), so that a throttled probe cannot make the target easier.
    /// </summary>
    public static double AssumedPeakGflops(PeakFlopMeasurement measurement)
        => Math.Max(Math.Max(measurement.Vector512Gflops, measurement.Vector256Gflops), TheoreticalGflops(measurement));

    /// <summary>32 FLOP per cycle at the nominal clock, or 0 when the clock is unknown.</summary>
    public static double TheoreticalGflops(PeakFlopMeasurement measurement) => 32 * measurement.NominalClockGhz;

    /// <summary>GFLOP/s of 512-bit and 256-bit FMA chains, best of three runs each, and the nominal clock.</summary>
    public static PeakFlopMeasurement Measure()
    {
        double best512 = 0;
        double best256 = 0;
        for (int run = 0; run < 3; run++)
        {
            best512 = Math.Max(best512, Gflops(Chains512, Vector512<float>.Count));
            best256 = Math.Max(best256, Gflops(Chains256, Vector256<float>.Count));
        }

        return new PeakFlopMeasurement(best512, best256, Vector512.IsHardwareAccelerated, NominalClock.ReadGhz());
    }

    /// <summary>
    /// Times <paramref name="kernel"/> from outside: the timestamp is a P/Invoke followed by a GC poll, and a vector
    /// live across that call would be kept in memory, putting a store and a load into every FMA chain.
    /// </summary>
    private static double Gflops(Func<int, float> kernel, int lanes)
    {
        long start = Stopwatch.GetTimestamp();
        kernel(Iterations);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return (double)Chains * lanes * 2 * Iterations / seconds / 1e9;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains512(int iterations)
    {
        Vector512<float> a0 = Vector512.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        Vector512<float> a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        Vector512<float> multiplier = Vector512.Create(0.999999f);
        Vector512<float> addend = Vector512.Create(1e-7f);
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, multiplier, addend);
            a1 = Vector512.FusedMultiplyAdd(a1, multiplier, addend);
            a2 = Vector512.FusedMultiplyAdd(a2, multiplier, addend);
            a3 = Vector512.FusedMultiplyAdd(a3, multiplier, addend);
            a4 = Vector512.FusedMultiplyAdd(a4, multiplier, addend);
            a5 = Vector512.FusedMultiplyAdd(a5, multiplier, addend);
            a6 = Vector512.FusedMultiplyAdd(a6, multiplier, addend);
            a7 = Vector512.FusedMultiplyAdd(a7, multiplier, addend);
            a8 = Vector512.FusedMultiplyAdd(a8, multiplier, addend);
            a9 = Vector512.FusedMultiplyAdd(a9, multiplier, addend);
            a10 = Vector512.FusedMultiplyAdd(a10, multiplier, addend);
            a11 = Vector512.FusedMultiplyAdd(a11, multiplier, addend);
        }

        // Returning the sum keeps the chains observable, so the JIT cannot drop the loop.
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains256(int iterations)
    {
        Vector256<float> a0 = Vector256.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        Vector256<float> a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        Vector256<float> multiplier = Vector256.Create(0.999999f);
        Vector256<float> addend = Vector256.Create(1e-7f);
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, multiplier, addend);
            a1 = Vector256.FusedMultiplyAdd(a1, multiplier, addend);
            a2 = Vector256.FusedMultiplyAdd(a2, multiplier, addend);
            a3 = Vector256.FusedMultiplyAdd(a3, multiplier, addend);
            a4 = Vector256.FusedMultiplyAdd(a4, multiplier, addend);
            a5 = Vector256.FusedMultiplyAdd(a5, multiplier, addend);
            a6 = Vector256.FusedMultiplyAdd(a6, multiplier, addend);
            a7 = Vector256.FusedMultiplyAdd(a7, multiplier, addend);
            a8 = Vector256.FusedMultiplyAdd(a8, multiplier, addend);
            a9 = Vector256.FusedMultiplyAdd(a9, multiplier, addend);
            a10 = Vector256.FusedMultiplyAdd(a10, multiplier, addend);
            a11 = Vector256.FusedMultiplyAdd(a11, multiplier, addend);
        }

        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
