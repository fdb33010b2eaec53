using System;
using System.Collections.Generic;
using GenNN.IntegrationTests.GradientCheck;
using GenNN.Tests;
using Xunit;

namespace GenNN.IntegrationTests;

/// <summary>
/// The analytic gradient of every activation × loss pairing equals central finite differences in double precision,
/// within <see cref="GradientChecker.Tolerance"/> (scaled error, see there), on several random samples each.
/// </summary>
public sealed class GradientCheckTests
{
    private const int SamplesPerNetwork = 5;

    public static IEnumerable<object[]> Networks() => new[]
    {
        Case(new MseIdentity(11), LossFunction.MeanSquaredError),
        Case(new MseReLU(12), LossFunction.MeanSquaredError),
        Case(new MseLeakyReLU(13), LossFunction.MeanSquaredError),
        Case(new MseSigmoid(14), LossFunction.MeanSquaredError),
        Case(new MseTanh(15), LossFunction.MeanSquaredError),
        Case(new MseSoftmax(16), LossFunction.MeanSquaredError),
        Case(new BceIdentity(21), LossFunction.BinaryCrossEntropy),
        Case(new BceReLU(22), LossFunction.BinaryCrossEntropy),
        Case(new BceLeakyReLU(23), LossFunction.BinaryCrossEntropy),
        Case(new BceSigmoid(24), LossFunction.BinaryCrossEntropy),
        Case(new BceTanh(25), LossFunction.BinaryCrossEntropy),
        Case(new CrossEntropyIdentity(31), LossFunction.CrossEntropy),
        Case(new CrossEntropyReLU(32), LossFunction.CrossEntropy),
        Case(new CrossEntropyLeakyReLU(33), LossFunction.CrossEntropy),
        Case(new CrossEntropySigmoid(34), LossFunction.CrossEntropy),
        Case(new CrossEntropyTanh(35), LossFunction.CrossEntropy),
        Case(new WideMse(41), LossFunction.MeanSquaredError),
        Case(new WideMseSoftmax(42), LossFunction.MeanSquaredError),
        Case(new WideBce(43), LossFunction.BinaryCrossEntropy),
        Case(new WideCrossEntropy(44), LossFunction.CrossEntropy),
        Case(new MseElu(51), LossFunction.MeanSquaredError),
        Case(new MseGelu(52), LossFunction.MeanSquaredError),
        Case(new MseGeluTanh(53), LossFunction.MeanSquaredError),
        Case(new MseSilu(54), LossFunction.MeanSquaredError),
        Case(new MseSoftplus(55), LossFunction.MeanSquaredError),
        Case(new FlattenCrossEntropy(56), LossFunction.CrossEntropy),
        Case(new ConvStridePadding(61), LossFunction.MeanSquaredError),
        Case(new ConvDilationGroups(62), LossFunction.BinaryCrossEntropy),
        Case(new ConvPools(63), LossFunction.CrossEntropy),
        Case(new Conv1DNet(64), LossFunction.MeanSquaredError),
        Case(new LayerNormNet(65), LossFunction.CrossEntropy),
        Case(new LstmLast(81), LossFunction.MeanSquaredError),
        Case(new GruThenRnn(82), LossFunction.MeanSquaredError),
        Case(new BidirectionalStack(83), LossFunction.BinaryCrossEntropy),
        Case(new RnnSequenceFlattened(84), LossFunction.CrossEntropy),
        Case(new ConvTransposeLstm(85), LossFunction.MeanSquaredError),
        Case(new GruTransposeConv(86), LossFunction.CrossEntropy),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Backward_matches_finite_differences(string name, ITrainableNetwork<double> network, LossFunction loss)
    {
        var random = new SeededRandom(name.Length);
        GradientChecker.Perturb(network, ref random);
        for (int sample = 0; sample < SamplesPerNetwork; sample++)
        {
            (double[] input, double[] target) = GradientChecker.Sample(ref random, network.InputSize, network.OutputSize, loss);
            double error = GradientChecker.MaxError(network, input, target);
            Assert.True(error < GradientChecker.Tolerance, $"{name}, sample {sample}: gradient error {error:E2} exceeds {GradientChecker.Tolerance:E0}");
        }
    }

    [Fact]
    public void Backward_accumulates_rather_than_overwrites()
    {
        var network = new MseTanh(3);
        var random = new SeededRandom(5);
        (double[] input, double[] target) = GradientChecker.Sample(ref random, MseTanh.InputSize, MseTanh.OutputSize, LossFunction.MeanSquaredError);
        network.Backward(input, target);
        double[] once = network.Gradients.ToArray();
        network.Backward(input, target);
        double[] twice = network.Gradients.ToArray();
        for (int i = 0; i < once.Length; i++)
        {
            Assert.Equal(2 * once[i], twice[i], 12);
        }
    }

    /// <summary>The blocked batch path (TrainBatch, AccumulateGradients) sums exactly what per-sample Backward sums.</summary>
    [Theory]
    [MemberData(nameof(Networks))]
    public void AccumulateGradients_equals_the_sum_of_per_sample_gradients(string name, ITrainableNetwork<double> network, LossFunction loss)
    {
        const int samples = 70; // more than two blocks of samples, the last one partial
        var random = new SeededRandom(name.Length + 100);
        var inputs = new double[samples * network.InputSize];
        var targets = new double[samples * network.OutputSize];
        double expectedLoss = 0;
        network.ZeroGradients();
        for (int s = 0; s < samples; s++)
        {
            (double[] input, double[] target) = GradientChecker.Sample(ref random, network.InputSize, network.OutputSize, loss);
            input.CopyTo(inputs, s * network.InputSize);
            target.CopyTo(targets, s * network.OutputSize);
            expectedLoss += network.Backward(input, target);
        }

        double[] expected = network.Gradients.ToArray();
        network.ZeroGradients();
        var actual = new double[network.ParameterCount];
        var unused = default(SeededRandom);
        double actualLoss = network.AccumulateGradients(inputs, targets, actual, ref unused);

        Assert.Equal(expectedLoss, actualLoss, 1e-9);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i])), $"{name}: gradient {i}: {actual[i]} instead of {expected[i]}");
        }
    }

    /// <summary>
    /// <c>TrainBatch</c> on one block with no gradients pending steps the dense layers straight from the block's sums and
    /// the other layers from their summed gradients; with the gradients handed out (so possibly written) it accumulates
    /// every gradient and then applies them. Both routes agree bit for bit (<see cref="TrainBatchRoutes.AssertAgree"/>).
    /// </summary>
    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainBatch_stepping_from_the_sums_equals_accumulating_then_applying(string name, ITrainableNetwork<double> network, LossFunction loss)
    {
        const int samples = 7;
        var random = new SeededRandom(name.Length + 200);
        var inputs = new double[samples * network.InputSize];
        var targets = new double[samples * network.OutputSize];
        for (int s = 0; s < samples; s++)
        {
            (double[] input, double[] target) = GradientChecker.Sample(ref random, network.InputSize, network.OutputSize, loss);
            input.CopyTo(inputs, s * network.InputSize);
            target.CopyTo(targets, s * network.OutputSize);
        }

        TrainBatchRoutes.AssertAgree(network, inputs, targets, name);
    }

    private static object[] Case(ITrainableNetwork<double> network, LossFunction loss) => new object[] { network.GetType().Name, network, loss };
}
