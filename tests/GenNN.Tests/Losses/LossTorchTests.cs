using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using GenNN.Tests.Layers;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GenNN.Tests.Losses;

/// <summary>
/// Every loss with every output activation it accepts, against TorchSharp's own losses (<c>MSELoss</c>,
/// <c>BCEWithLogitsLoss</c>, <c>CrossEntropyLoss</c> with probability targets and with class indices), differentiated
/// by its autograd at test time: on a batch of 37 samples (a full block of 32 and a partial one), the loss of each
/// sample (<c>ComputeLoss</c>), the batch's mean loss (<c>AccumulateGradients</c>, <c>EvaluateBatch</c>), the
/// gradient of every parameter, and each sample's gradient with respect to the output layer's pre-activations (the
/// logits: the last bias's gradient from <c>Backward</c>, since <c>dL/db = dL/dz</c>) must agree within 1e-12 in double
/// (relative to the value, absolute below 1) and 1e-6 relative in float (relative to the largest value compared, as
/// float sums taken in another order differ by a few units in the last place of the largest term).
/// Cross-entropy targets include rows that do not sum to one, which PyTorch accepts and which weigh the softmax term
/// of the gradient by their sum.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class LossTorchTests
{
    private const int BatchSize = 37;
    private const double DoubleTolerance = 1e-12;
    private const double FloatTolerance = 1e-6;

    private static readonly LossCase[] Cases =
    [
        new(LossFunction.MeanSquaredError, Activation.Identity, () => new MseIdentityDouble(), () => new MseIdentityFloat()),
        new(LossFunction.MeanSquaredError, Activation.ReLU, () => new MseReLUDouble(), () => new MseReLUFloat()),
        new(LossFunction.MeanSquaredError, Activation.LeakyReLU, () => new MseLeakyReLUDouble(), () => new MseLeakyReLUFloat()),
        new(LossFunction.MeanSquaredError, Activation.Sigmoid, () => new MseSigmoidDouble(), () => new MseSigmoidFloat()),
        new(LossFunction.MeanSquaredError, Activation.Tanh, () => new MseTanhDouble(), () => new MseTanhFloat()),
        new(LossFunction.MeanSquaredError, Activation.Softmax, () => new MseSoftmaxDouble(), () => new MseSoftmaxFloat()),
        new(LossFunction.MeanSquaredError, Activation.ELU, () => new MseEluDouble(), () => new MseEluFloat()),
        new(LossFunction.MeanSquaredError, Activation.GELU, () => new MseGeluDouble(), () => new MseGeluFloat()),
        new(LossFunction.MeanSquaredError, Activation.GELUTanh, () => new MseGeluTanhDouble(), () => new MseGeluTanhFloat()),
        new(LossFunction.MeanSquaredError, Activation.SiLU, () => new MseSiluDouble(), () => new MseSiluFloat()),
        new(LossFunction.MeanSquaredError, Activation.Softplus, () => new MseSoftplusDouble(), () => new MseSoftplusFloat()),
        new(LossFunction.BinaryCrossEntropy, Activation.Sigmoid, () => new BceSigmoidDouble(), () => new BceSigmoidFloat()),
        new(LossFunction.BinaryCrossEntropy, Activation.Sigmoid, () => new BceSigmoidNarrowDouble(), () => new BceSigmoidNarrowFloat()),
        new(LossFunction.CrossEntropy, Activation.Softmax, () => new CrossEntropySoftmaxDouble(), () => new CrossEntropySoftmaxFloat()),
        new(LossFunction.CrossEntropy, Activation.Softmax, () => new CrossEntropySoftmaxWideDouble(), () => new CrossEntropySoftmaxWideFloat()),
    ];

    private readonly ITestOutputHelper _output;

    public LossTorchTests(ITestOutputHelper output) => _output = output;

    /// <summary>How the targets are drawn: values for MSE and BCE; for cross-entropy, probability rows (not all summing to one) or class indices.</summary>
    public enum TargetKind
    {
        Values,
        Probabilities,
        ClassIndices,
    }

    /// <summary>Each network with each kind of target its loss takes.</summary>
    public static TheoryData<string, TargetKind> Combinations()
    {
        var data = new TheoryData<string, TargetKind>();
        foreach (LossCase lossCase in Cases)
        {
            TargetKind[] kinds = lossCase.Loss == LossFunction.CrossEntropy ? [TargetKind.Probabilities, TargetKind.ClassIndices] : [TargetKind.Values];
            foreach (TargetKind kind in kinds)
            {
                data.Add(lossCase.Name, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Loss_and_gradients_match_torch_in_double(string network, TargetKind targets)
        => AssertMatchesTorch(Cases.Single(c => c.Name == network).CreateDouble(), targets, DoubleTolerance);

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Loss_and_gradients_match_torch_in_float(string network, TargetKind targets)
        => AssertMatchesTorch(Cases.Single(c => c.Name == network).CreateFloat(), targets, FloatTolerance);

    /// <summary>
    /// The cases cover every loss GenNN has with every output activation that loss accepts, and every hidden
    /// activation: a loss added later fails here until it has its TorchSharp reference above.
    /// </summary>
    [Fact]
    public void Every_loss_is_checked_with_every_output_activation_it_accepts()
    {
        foreach (LossFunction loss in Enum.GetValues<LossFunction>())
        {
            Activation[] accepted = loss switch
            {
                LossFunction.MeanSquaredError => Enum.GetValues<Activation>(),
                LossFunction.BinaryCrossEntropy => [Activation.Sigmoid],
                LossFunction.CrossEntropy => [Activation.Softmax],
                _ => throw new Xunit.Sdk.XunitException($"{loss} has no TorchSharp cross-check: add its networks and its torch loss to LossTorchTests."),
            };
            foreach (Activation output in accepted)
            {
                Assert.True(Cases.Any(c => c.Loss == loss && c.Output == output), $"No case checks {loss} with a {output} output.");
            }
        }

        foreach (LossCase lossCase in Cases)
        {
            foreach (NetworkDescription description in new[] { lossCase.CreateDouble().Description, lossCase.CreateFloat().Description })
            {
                Assert.Equal((lossCase.Loss, lossCase.Output), (description.Loss!.Value, description.Layers[^1].Activation));
            }
        }

        IEnumerable<Activation> hidden = Cases.SelectMany(c => c.CreateDouble().Description.Layers.SkipLast(1).Where(layer => layer.Kind == "Dense").Select(layer => layer.Activation)).Concat(
            Cases.SelectMany(c => c.CreateDouble().Description.Layers.SkipLast(1).Where(layer => layer.Kind == "Activation").Select(layer => layer.Activation)));
        Assert.Equal(Enum.GetValues<Activation>().Where(a => a != Activation.Softmax), hidden.Distinct().Order());
    }

    private void AssertMatchesTorch<T>(ITrainableNetwork<T> network, TargetKind kind, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        NetworkDescription description = network.Description;
        int inputSize = network.InputSize;
        int outputSize = network.OutputSize;
        var random = new SeededRandom(description.Name.Length + (int)kind);
        Span<T> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            // Biases start at exactly zero: move them, and the weights, off their initial values.
            parameters[i] += T.CreateChecked(random.NextDouble(-0.5, 0.5));
        }

        T[] inputs = Enumerable.Range(0, BatchSize * inputSize).Select(_ => T.CreateChecked(random.NextDouble(-1.5, 1.5))).ToArray();
        (T[] targets, long[]? labels) = Targets<T>(ref random, description.Loss!.Value, kind, outputSize);
        TorchResult torch = TorchReference(description, network.Parameters.ToArray(), inputs, targets, labels);

        var report = new Agreement(tolerance, typeof(T) == typeof(double));
        for (int i = 0; i < BatchSize; i++)
        {
            double loss = double.CreateChecked(network.ComputeLoss(inputs.AsSpan(i * inputSize, inputSize), targets.AsSpan(i * outputSize, outputSize)));
            report.Compare("ComputeLoss of each sample", [loss], [torch.SampleLosses[i]], torch.SampleLosses);
        }

        var gradients = new T[network.ParameterCount];
        var unused = default(SeededRandom);
        double batchLoss = double.CreateChecked(network.AccumulateGradients(inputs, targets, gradients, ref unused)) / BatchSize;
        report.Compare("mean loss from AccumulateGradients", [batchLoss], [torch.MeanLoss], [torch.MeanLoss]);
        double[] meanGradients = gradients.Select(g => double.CreateChecked(g) / BatchSize).ToArray();
        foreach (LayerDescription layer in description.Layers)
        {
            foreach (TensorDescription tensor in layer.Tensors)
            {
                ReadOnlySpan<double> reference = torch.ParameterGradients.AsSpan(tensor.Offset, tensor.Length);
                report.Compare($"gradient of {layer.Name}.{tensor.Name}", meanGradients.AsSpan(tensor.Offset, tensor.Length), reference, reference);
            }
        }

        var outputs = new T[BatchSize * outputSize];
        double evaluated = double.CreateChecked(network.EvaluateBatch(inputs, targets, outputs)) / BatchSize;
        report.Compare("mean loss from EvaluateBatch", [evaluated], [torch.MeanLoss], [torch.MeanLoss]);

        // The last dense layer's bias gradient is dL/dz of its pre-activations: the logits, or what an output
        // activation layer (GELU, SiLU, ...) reads.
        TensorDescription outputBias = description.Layers.Last(layer => layer.Kind == "Dense").Tensors.Single(t => t.Name == "Bias");
        for (int i = 0; i < BatchSize; i++)
        {
            network.ZeroGradients();
            network.Backward(inputs.AsSpan(i * inputSize, inputSize), targets.AsSpan(i * outputSize, outputSize));
            double[] logitGradient = network.Gradients.Slice(outputBias.Offset, outputBias.Length).ToArray().Select(double.CreateChecked).ToArray();
            report.Compare("dL/dz of each sample's output layer", logitGradient, torch.LogitGradients.AsSpan(i * outputSize, outputSize), torch.LogitGradients);
        }

        _output.WriteLine($"{description.Name}, {kind}: {report}");
        report.AssertWithinTolerance();
    }

    /// <summary>Targets the loss accepts, with the class indices for <see cref="TargetKind.ClassIndices"/>.</summary>
    private static (T[] Targets, long[]? Labels) Targets<T>(ref SeededRandom random, LossFunction loss, TargetKind kind, int outputSize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var targets = new T[BatchSize * outputSize];
        long[]? labels = kind == TargetKind.ClassIndices ? new long[BatchSize] : null;
        for (int i = 0; i < BatchSize; i++)
        {
            Span<T> row = targets.AsSpan(i * outputSize, outputSize);
            if (labels is not null)
            {
                labels[i] = random.NextInt32(outputSize);
                row[(int)labels[i]] = T.One;
                continue;
            }

            for (int k = 0; k < outputSize; k++)
            {
                double value = loss switch
                {
                    LossFunction.MeanSquaredError => random.NextDouble(-1, 1),

                    // Soft labels, with some exact 0s and 1s.
                    LossFunction.BinaryCrossEntropy => ((i * outputSize) + k) % 7 == 0 ? (i + k) % 2 : random.NextDouble(),

                    // One row in three one-hot; the others sum to about outputSize/2 or to well below one.
                    _ => (i % 3) switch
                    {
                        0 => k == i % outputSize ? 1 : 0,
                        1 => random.NextDouble(),
                        _ => random.NextDouble(0, 0.2),
                    },
                };
                row[k] = T.CreateChecked(value);
            }
        }

        return (targets, labels);
    }

    /// <summary>
    /// The same network in TorchSharp, from the same parameters (GenNN's input-major <c>[in, out]</c> weights, so
    /// <c>z = x·W + b</c>), differentiated by autograd in the network's precision.
    /// </summary>
    private static TorchResult TorchReference<T>(NetworkDescription description, T[] parameters, T[] inputs, T[] targets, long[]? labels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var scope = NewDisposeScope();
        int outputSize = description.OutputSize;
        var leaves = new List<(TensorDescription Stored, Tensor Tensor)>();
        Tensor activation = Tensor(inputs, [BatchSize, description.InputSize]);
        Tensor logits = activation;
        foreach (LayerDescription layer in description.Layers)
        {
            if (layer.Kind == "Activation")
            {
                // An activation the dense layer before it does not compute itself: the logits are what it reads.
                activation = TorchNetwork.Activate(layer.Activation, layer, logits = activation);
                continue;
            }

            TensorDescription weights = layer.Tensors.Single(t => t.Name == "Weights");
            TensorDescription bias = layer.Tensors.Single(t => t.Name == "Bias");
            Tensor w = Tensor(parameters.AsSpan(weights.Offset, weights.Length).ToArray(), [layer.InputSize, layer.OutputSize]).requires_grad_(true);
            Tensor b = Tensor(parameters.AsSpan(bias.Offset, bias.Length).ToArray(), [layer.OutputSize]).requires_grad_(true);
            leaves.Add((weights, w));
            leaves.Add((bias, b));
            logits = activation.matmul(w) + b;
            activation = TorchNetwork.Activate(layer.Activation, layer, logits);
        }

        logits.retain_grad();
        Tensor target = labels is null ? Tensor(targets, [BatchSize, outputSize]) : tensor(labels, [BatchSize]);
        (Tensor meanLoss, Tensor sampleLosses) = description.Loss switch
        {
            LossFunction.MeanSquaredError => (
                nn.MSELoss().forward(activation, target),
                nn.MSELoss(nn.Reduction.None).forward(activation, target).mean([1])),
            LossFunction.BinaryCrossEntropy => (
                nn.BCEWithLogitsLoss().forward(logits, target),
                nn.BCEWithLogitsLoss(reduction: nn.Reduction.None).forward(logits, target).mean([1])),
            _ => (
                nn.CrossEntropyLoss().forward(logits, target),
                nn.CrossEntropyLoss(reduction: nn.Reduction.None).forward(logits, target)),
        };
        meanLoss.backward();

        var parameterGradients = new double[description.ParameterCount];
        foreach ((TensorDescription stored, Tensor tensor) in leaves)
        {
            Doubles(tensor.grad!).CopyTo(parameterGradients, stored.Offset);
        }

        // The mean over the batch divides each sample's gradient by the batch size: undo it to get each sample's own.
        double[] logitGradients = Doubles(logits.grad!).Select(g => g * BatchSize).ToArray();
        return new TorchResult(Doubles(sampleLosses), meanLoss.to_type(ScalarType.Float64).item<double>(), parameterGradients, logitGradients);
    }

    private static Tensor Tensor<T>(T[] values, long[] shape)
        where T : unmanaged, IFloatingPointIeee754<T>
        => typeof(T) == typeof(double) ? tensor((double[])(object)values, shape) : tensor((float[])(object)values, shape);

    private static double[] Doubles(Tensor tensor) => tensor.detach().to_type(ScalarType.Float64).data<double>().ToArray();

    /// <summary>A loss, an output activation, and the network checking the pair in each precision.</summary>
    private sealed record LossCase(LossFunction Loss, Activation Output, Func<ITrainableNetwork<double>> CreateDouble, Func<ITrainableNetwork<float>> CreateFloat)
    {
        /// <summary>The double network's name without its precision: <c>MseTanh</c>, <c>CrossEntropySoftmaxWide</c>, ...</summary>
        public string Name { get; } = CreateDouble().Description.Name.Replace("Double", string.Empty, StringComparison.Ordinal);
    }

    private sealed record TorchResult(double[] SampleLosses, double MeanLoss, double[] ParameterGradients, double[] LogitGradients);

    /// <summary>
    /// Collects every comparison's error and reports the worst. Double: <c>|ours − torch| / max(1, |torch|)</c>.
    /// Float: <c>|ours − torch| / max|torch|</c> over the quantity compared (the loss, one gradient tensor, the logit
    /// gradients of the batch).
    /// </summary>
    private sealed class Agreement(double tolerance, bool isDouble)
    {
        private double _worst;
        private string _worstAt = "nothing";

        public void Compare(string what, ReadOnlySpan<double> ours, ReadOnlySpan<double> torch, ReadOnlySpan<double> scaleOf)
        {
            double scale = 0;
            foreach (double value in scaleOf)
            {
                scale = Math.Max(scale, Math.Abs(value));
            }

            for (int i = 0; i < ours.Length; i++)
            {
                double error = Math.Abs(ours[i] - torch[i]) / (isDouble ? Math.Max(1, Math.Abs(torch[i])) : Math.Max(scale, double.Epsilon));
                if (!(error <= _worst))
                {
                    _worst = error;
                    _worstAt = $"{what}, element {i}: GenNN {ours[i]:R}, torch {torch[i]:R}";
                }
            }
        }

        public void AssertWithinTolerance() => Assert.True(_worst <= tolerance, $"Error {_worst:E2} exceeds {tolerance:E0} at {_worstAt}.");

        public override string ToString() => $"worst error {_worst:E2} ({_worstAt})";
    }
}
