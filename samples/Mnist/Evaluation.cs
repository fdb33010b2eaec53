using System;
using System.Numerics.Tensors;
using System.Threading.Tasks;
using GenNN.Data;

namespace GenNN.Samples.Mnist;

/// <summary>What the network predicts for a dataset, and how often it is right.</summary>
internal static class Evaluation
{
    /// <summary>The most probable digit for every sample. Forward is thread-safe, so the samples are split across cores.</summary>
    public static int[] Predict(INetwork<float> network, Dataset<float> data)
    {
        var predictions = new int[data.Count];
        int outputSize = network.OutputSize;
        Parallel.For(0, data.Count, i =>
        {
            Span<float> probabilities = stackalloc float[outputSize];
            network.Forward(data.FeaturesOf(i), probabilities);
            predictions[i] = TensorPrimitives.IndexOfMax<float>(probabilities);
        });

        return predictions;
    }

    /// <summary>The fraction of <paramref name="predictions"/> equal to the dataset's labels.</summary>
    public static double Accuracy(int[] predictions, Dataset<float> data)
    {
        int correct = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            if (predictions[i] == data.LabelOf(i))
            {
                correct++;
            }
        }

        return (double)correct / predictions.Length;
    }
}
