using System;

namespace GenNN.Training;

/// <summary>Scores one sample; <see cref="Metric.FromSamples"/> averages it over a set.</summary>
/// <param name="output">The network's output for the sample.</param>
/// <param name="target">The sample's target.</param>
public delegate double SampleMetric(ReadOnlySpan<double> output, ReadOnlySpan<double> target);
