using System;

namespace GenNN.Benchmarks.Reporting;

/// <summary>How many samples one call of the benchmark processes; <see cref="SamplesPerSecondColumn"/> divides by it.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class SamplesPerCallAttribute(int samples) : Attribute
{
    public int Samples { get; } = samples;
}
