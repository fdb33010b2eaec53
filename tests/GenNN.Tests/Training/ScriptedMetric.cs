using System.Numerics;
using GenNN.Training;

namespace GenNN.Tests.Training;

/// <summary>A metric that reports a fixed sequence, one value per call, to drive early stopping and schedules exactly.</summary>
internal sealed class ScriptedMetric : Metric
{
    private readonly double[] _values;
    private int _calls;

    public ScriptedMetric(bool higherIsBetter, params double[] values)
        : base("scripted", higherIsBetter)
        => _values = values;

    public override double Compute<T>(Predictions<T> predictions) => _values[_calls++];
}
