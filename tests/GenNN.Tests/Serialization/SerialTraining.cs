using System;
using System.Numerics;

namespace GenNN.Tests.Serialization;

/// <summary>Seeded inputs, targets and a few training steps, so parameters and BatchNorm's running statistics move off their initial values.</summary>
internal static class SerialTraining
{
    public const int Batch = 8;

    /// <summary>Runs <paramref name="steps"/> minibatches of random data through <c>TrainBatch</c>.</summary>
    public static void Train<T>(ITrainableNetwork<T> network, int steps, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int step = 0; step < steps; step++)
        {
            network.TrainBatch(Inputs<T>(network, Batch, seed + step), Targets<T>(network, seed + step), T.CreateChecked(0.05));
        }
    }

    /// <summary><paramref name="samples"/> inputs in [−2, 2].</summary>
    public static T[] Inputs<T>(INetwork<T> network, int samples, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(seed);
        var inputs = new T[samples * network.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = T.CreateChecked(random.NextDouble(-2, 2));
        }

        return inputs;
    }

    /// <summary>Targets the network's loss accepts: one-hot for cross-entropy, values in [0, 1] otherwise.</summary>
    private static T[] Targets<T>(ITrainableNetwork<T> network, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(seed + 1000);
        var targets = new T[Batch * network.OutputSize];
        for (int s = 0; s < Batch; s++)
        {
            Span<T> target = targets.AsSpan(s * network.OutputSize, network.OutputSize);
            if (network.Description.Loss == LossFunction.CrossEntropy)
            {
                target[(int)(random.NextDouble() * network.OutputSize)] = T.One;
                continue;
            }

            for (int o = 0; o < target.Length; o++)
            {
                target[o] = T.CreateChecked(random.NextDouble());
            }
        }

        return targets;
    }
}
