namespace GenNN.Benchmarks.Reporting;

/// <summary>What <see cref="PeakFlopRate.Measure"/> found.</summary>
/// <param name="Vector512Gflops">GFLOP/s of independent 512-bit FMA chains.</param>
/// <param name="Vector256Gflops">GFLOP/s of independent 256-bit FMA chains.</param>
/// <param name="Vector512Accelerated">Whether the JIT runs <c>Vector512</c> on AVX-512 rather than in software.</param>
/// <param name="NominalClockGhz">The clock /proc/cpuinfo reports (0 if unknown); turbo may run above it.</param>
public sealed record PeakFlopMeasurement(double Vector512Gflops, double Vector256Gflops, bool Vector512Accelerated, double NominalClockGhz);
