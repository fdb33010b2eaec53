using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace GenNN.Training;

/// <summary>The fraction of correct classifications (see <see cref="Metric.Accuracy"/>).</summary>
internal sealed class AccuracyMetric : Metric
{
    public AccuracyMetric()
        : base("accuracy", higherIsBetter: true)
    {
    }

    public override double Compute<T>(Predictions<T> predictions)
    {
        NetworkDescription network = predictions.Network;
        bool thresholded = network.OutputSize == 1 || network.Layers[^1].Activation == Activation.Sigmoid;
        return thresholded ? BinaryAccuracy(predictions) : CategoricalAccuracy(predictions);
    }

    private static double BinaryAccuracy<T>(Predictions<T> predictions)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(0.5);
        ReadOnlySpan<T> outputs = predictions.Outputs;
        ReadOnlySpan<T> targets = predictions.Targets;
        int correct = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            // Keras's rule: class 1 above 0.5, so an undecided 0.5 is class 0.
            if (outputs[i] > half == targets[i] > half)
            {
                correct++;
            }
        }

        return (double)correct / outputs.Length;
    }

    private static double CategoricalAccuracy<T>(Predictions<T> predictions)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int correct = 0;
        for (int i = 0; i < predictions.Count; i++)
        {
            if (TensorPrimitives.IndexOfMax(predictions.Output(i)) == TensorPrimitives.IndexOfMax(predictions.Target(i)))
            {
                correct++;
            }
        }

        return (double)correct / predictions.Count;
    }
}
