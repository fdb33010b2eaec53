using System;
using System.Numerics;
using Xunit;

namespace GenNN.IntegrationTests;

/// <summary>
/// <c>TrainBatch</c>'s two routes on one network and batch: on a minibatch of one block with no gradients pending, the
/// dense layers step their weights straight from the block's sums; with the gradients handed out before each step
/// (so possibly written) every gradient is accumulated, then applied.
/// </summary>
internal static class TrainBatchRoutes
{
    /// <summary>
    /// Three steps each way from the same initialization give the same losses, parameters and running statistics bit
    /// for bit, and leave every gradient zero.
    /// </summary>
    public static void AssertAgree<T>(ITrainableNetwork<T> network, T[] inputs, T[] targets, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (T[] losses, T[] parameters, T[] buffers) fast = Train(network, inputs, targets, holdGradients: false);
        (T[] losses, T[] parameters, T[] buffers) accumulated = Train(network, inputs, targets, holdGradients: true);

        Assert.Equal(accumulated.losses, fast.losses);
        Assert.True(accumulated.parameters.AsSpan().SequenceEqual(fast.parameters), $"{what}: the parameters differ");
        Assert.True(accumulated.buffers.AsSpan().SequenceEqual(fast.buffers), $"{what}: the running statistics differ");
        Assert.All(network.Gradients.ToArray(), gradient => Assert.Equal(T.Zero, gradient));
    }

    /// <summary>Three steps from the same initialization; with <paramref name="holdGradients"/> the gradients are handed out before each, so that <c>TrainBatch</c> accumulates them.</summary>
    private static (T[] Losses, T[] Parameters, T[] Buffers) Train<T>(ITrainableNetwork<T> network, T[] inputs, T[] targets, bool holdGradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        network.InitializeParameters(11); // also the running statistics and the dropout generator
        var losses = new T[3];
        for (int step = 0; step < losses.Length; step++)
        {
            if (holdGradients)
            {
                network.Gradients.Clear();
            }

            losses[step] = network.TrainBatch(inputs, targets, T.CreateTruncating(0.05));
        }

        return (losses, network.Parameters.ToArray(), network.Buffers.ToArray());
    }
}
