using System;
using System.Numerics;

namespace GenNN.Training;

/// <summary>The mean of a <see cref="SampleMetric"/> over the samples (see <see cref="Metric.FromSamples"/>).</summary>
internal sealed class SampleMeanMetric : Metric
{
    private readonly SampleMetric _function;

    public SampleMeanMetric(string name, SampleMetric function, bool higherIsBetter)
        : base(name, higherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(function);
        _function = function;
    }

    public override double Compute<T>(Predictions<T> predictions)
    {
        int size = predictions.OutputSize;
        double[] output = new double[size];
        double[] target = new double[size];
        double sum = 0;
        for (int i = 0; i < predictions.Count; i++)
        {
            ReadOnlySpan<T> sampleOutput = predictions.Output(i);
            ReadOnlySpan<T> sampleTarget = predictions.Target(i);
            for (int k = 0; k < size; k++)
            {
                output[k] = double.CreateTruncating(sampleOutput[k]);
                target[k] = double.CreateTruncating(sampleTarget[k]);
            }

            sum += _function(output, target);
        }

        return sum / predictions.Count;
    }
}
