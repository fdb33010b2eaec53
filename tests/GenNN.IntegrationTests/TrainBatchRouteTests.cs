using System;
using System.Numerics;
using GenNN.IntegrationTests.GradientCheck;
using GenNN.IntegrationTests.Dropout;
using GenNN.IntegrationTests.Scratch;
using GenNN.IntegrationTests.Training;
using Xunit;

namespace GenNN.IntegrationTests;

/// <summary>
/// <c>TrainBatch</c>'s two routes: on a minibatch of one block with no gradients pending, the dense layers step their
/// weights straight from the block's sums; otherwise every gradient is accumulated, then applied. Dropout masks,
/// BatchNorm's running statistics, several blocks and a block exactly full must not tell them apart.
/// </summary>
public sealed class TrainBatchRouteTests
{
    [Fact]
    public void Dropout_masks_are_the_same_on_both_routes() => AssertRoutesAgree(new DropoutNet(), [1, 3, DropoutNet.BatchBlockSize, DropoutNet.BatchBlockSize + 1]);

    [Fact]
    public void BatchNorm_statistics_are_the_same_on_both_routes() => AssertRoutesAgree(new BatchNormNet(), [1, 3, BatchNormNet.BatchBlockSize, BatchNormNet.BatchBlockSize + 1]);

    [Fact]
    public void Every_layer_kind_in_float_is_the_same_on_both_routes() => AssertRoutesAgree(new AllKindsNet(), [2, AllKindsNet.BatchBlockSize, AllKindsNet.BatchBlockSize + 1]);

    /// <summary>
    /// The fast route is taken, and leaves the dense weight gradients alone: a gradient written through a span taken
    /// before <c>ApplyGradients</c> (which the documentation says to take anew) stays where it was, where the
    /// accumulating route would have applied and cleared it. The only way to tell the routes apart from outside.
    /// </summary>
    [Fact]
    public void The_fast_route_leaves_the_dense_weight_gradients_alone()
    {
        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] targets = [0, 1, 1, 0];
        var network = new XorNet(3);
        Span<float> heldAcross = network.Gradients;
        network.ApplyGradients(0.1f);
        heldAcross[0] = 1f;

        network.TrainBatch(inputs, targets, 0.1f);

        Assert.Equal(1f, network.Gradients[0]);
    }

    /// <summary>
    /// A gradient written through the span taken anew after <c>ApplyGradients</c>, as documented, is pending: the
    /// minibatch's step includes it (the accumulating route) and clears it.
    /// </summary>
    [Fact]
    public void A_gradient_written_through_a_fresh_span_is_included_in_the_step_and_cleared()
    {
        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] targets = [0, 1, 1, 0];
        var written = new XorNet(3);
        var untouched = new XorNet(3);
        written.ApplyGradients(0.1f);
        untouched.ApplyGradients(0.1f);
        written.Layer1WeightsGradient[0] = 4f; // 1/batch of it, 1, joins the step: the weight moves by learningRate·1 more

        written.TrainBatch(inputs, targets, 0.1f);
        untouched.TrainBatch(inputs, targets, 0.1f);

        Assert.Equal(untouched.Parameters[0] - 0.1, written.Parameters[0], tolerance: 1e-6);
        Assert.All(written.Gradients.ToArray(), gradient => Assert.Equal(0f, gradient));
    }

    private static void AssertRoutesAgree<T>(ITrainableNetwork<T> network, int[] batchSizes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (int batchSize in batchSizes)
        {
            var random = new SeededRandom(batchSize);
            var inputs = new T[batchSize * network.InputSize];
            var targets = new T[batchSize * network.OutputSize];
            for (int i = 0; i < inputs.Length; i++)
            {
                inputs[i] = T.CreateTruncating(random.NextDouble() - 0.5);
            }

            for (int sample = 0; sample < batchSize; sample++)
            {
                targets[(sample * network.OutputSize) + random.NextInt32(network.OutputSize)] = T.One;
            }

            TrainBatchRoutes.AssertAgree(network, inputs, targets, $"batch of {batchSize}");
        }
    }
}
