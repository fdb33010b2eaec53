using System;
using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace GenNN.Tests.Layers;

/// <summary>
/// Generated networks with every convolution, pooling and normalization option equal PyTorch (TorchSharp's autograd on
/// the same weights, computed at test time) in double: inference outputs and loss, the training loss, every parameter
/// gradient, and BatchNorm's running statistics over several steps.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class LayerTorchTests
{
    private const int Batch = 6;

    // Observed agreement is about 1e-15; the bound leaves room for summation order in larger reductions.
    private const double Tolerance = 1e-10;

    public static TheoryData<string> Networks => new()
    {
        nameof(TorchImageNet), nameof(TorchSignalNet), nameof(TorchNormNet), nameof(TorchLayerNormNet), nameof(TorchRecurrentNet), nameof(TorchBidirectionalRnnNet), nameof(TorchTransposeNet),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Inference_outputs_and_loss_equal_PyTorch(string name)
    {
        ITrainableNetwork<double> network = Create(name);
        (double[] inputs, double[] targets) = Data(network, seed: 1);
        double[] outputs = new double[Batch * network.OutputSize];
        double loss = network.EvaluateBatch(inputs, targets, outputs);

        using var scope = NewDisposeScope();
        using var torchNetwork = new TorchNetwork(network);
        (Tensor logits, Tensor expected) = torchNetwork.Forward(inputs, Batch, training: false);
        AssertClose(expected.data<double>().ToArray(), outputs, "outputs");
        AssertClose(new[] { torchNetwork.Loss(logits, expected, targets).item<double>() }, new[] { loss }, "loss");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Training_loss_gradients_and_running_statistics_equal_PyTorch(string name)
    {
        ITrainableNetwork<double> network = Create(name);
        using var scope = NewDisposeScope();
        using var torchNetwork = new TorchNetwork(network);
        double[] statistics = network.Buffers.ToArray();
        const int steps = 3;
        for (int step = 0; step < steps; step++)
        {
            (double[] inputs, double[] targets) = Data(network, seed: 10 + step);
            double[] gradients = new double[network.ParameterCount];
            var random = default(SeededRandom);
            double loss = network.AccumulateGradients(inputs, targets, gradients, statistics, ref random);

            (Tensor logits, Tensor outputs) = torchNetwork.Forward(inputs, Batch, training: true);
            Tensor expectedLoss = torchNetwork.Loss(logits, outputs, targets);
            expectedLoss.backward();
            AssertClose(new[] { expectedLoss.item<double>() }, new[] { loss }, $"step {step} loss");
            AssertClose(torchNetwork.Gradients(), gradients, $"step {step} gradients");
            torchNetwork.ZeroGradients();
        }

        double[] expectedStatistics = torchNetwork.Buffers();
        foreach (LayerDescription layer in network.Description.Layers)
        {
            // functional batch_norm does not count batches; nn.BatchNorm would have counted these steps.
            foreach (TensorDescription counter in layer.Buffers.Where(buffer => buffer.Name == "NumBatchesTracked"))
            {
                expectedStatistics[counter.Offset] = steps;
            }
        }

        AssertClose(expectedStatistics, statistics, "running statistics");
    }

    private static ITrainableNetwork<double> Create(string name) => name switch
    {
        nameof(TorchImageNet) => Perturbed(new TorchImageNet(5)),
        nameof(TorchSignalNet) => Perturbed(new TorchSignalNet(6)),
        nameof(TorchNormNet) => Perturbed(new TorchNormNet(7)),
        nameof(TorchRecurrentNet) => Perturbed(new TorchRecurrentNet(9)),
        nameof(TorchBidirectionalRnnNet) => Perturbed(new TorchBidirectionalRnnNet(10)),
        nameof(TorchTransposeNet) => Perturbed(new TorchTransposeNet(11)),
        nameof(TorchLayerNormNet) => Perturbed(new TorchLayerNormNet(8)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "A network listed in Networks needs its case here."),
    };

    /// <summary>Moves every parameter off its initial value (biases start at 0, normalization weights at 1), so no term hides behind a constant.</summary>
    private static ITrainableNetwork<double> Perturbed(ITrainableNetwork<double> network)
    {
        var random = new SeededRandom(network.ParameterCount);
        Span<double> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] += random.NextDouble(-0.3, 0.3);
        }

        return network;
    }

    private static (double[] Inputs, double[] Targets) Data(ITrainableNetwork<double> network, int seed)
    {
        var random = new SeededRandom(seed);
        double[] inputs = Enumerable.Range(0, Batch * network.InputSize).Select(_ => random.NextDouble(-1, 1)).ToArray();
        double[] targets = Enumerable.Range(0, Batch * network.OutputSize).Select(_ => random.NextDouble(0.05, 1)).ToArray();
        return (inputs, targets);
    }

    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(expected[i] - actual[i]) / Math.Max(1, Math.Abs(expected[i]));
            Assert.True(error <= Tolerance, $"{what}[{i}]: PyTorch {expected[i]:R}, GenNN {actual[i]:R}, error {error:E2}");
        }
    }
}
