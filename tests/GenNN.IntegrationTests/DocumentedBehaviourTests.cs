using System;
using System.Linq;
using System.Numerics;
using GenNN.IntegrationTests.Dropout;
using GenNN.IntegrationTests.GradientCheck;
using GenNN.IntegrationTests.Training;
using Xunit;

namespace GenNN.IntegrationTests;

/// <summary>
/// Generated networks against values computed here from the documentation alone, where the other tests only check
/// that two seeds differ or that an output is finite: the initialization scheme, inference, and dropout's masks.
/// </summary>
public sealed class DocumentedBehaviourTests
{
    /// <summary>
    /// One <c>SeededRandom(seed)</c>, layer by layer in storage order: each layer's weights drawn uniformly within
    /// ±√(6/fanIn) for ReLU and LeakyReLU layers (He) and ±√(6/(fanIn + fanOut)) for the others (Glorot), its bias 0.
    /// </summary>
    [Fact]
    public void Initialization_draws_the_documented_He_and_Glorot_weights_from_the_seed()
    {
        AssertDocumentedInitialization(new XorNet(5), 5);
        AssertDocumentedInitialization(new XorNet(6), 6);
        AssertDocumentedInitialization(new XorNet(), XorNet.DefaultSeed);
        AssertDocumentedInitialization(new WideClassifier(8), 8);
        AssertDocumentedInitialization(new MseLeakyReLU(3), 3);
        AssertDocumentedInitialization(new WideMseSoftmax(4), 4);

        var reinitialized = new XorNet(1);
        reinitialized.InitializeParameters(5);
        AssertDocumentedInitialization(reinitialized, 5);
    }

    /// <summary>
    /// A convolution's fans count the weights each input and each output meets: with groups, (in/groups)·k² and
    /// (out/groups)·k², here 18 and 18, so its Glorot weights lie within ±√(6/36) (PyTorch's xavier_uniform_, which
    /// ignores groups in the fan out, would take ±√(6/72)).
    /// </summary>
    [Fact]
    public void A_grouped_convolution_draws_its_Glorot_weights_from_the_fans_of_one_group()
    {
        var network = new GroupedConvolution();
        var random = new SeededRandom(GroupedConvolution.DefaultSeed);
        double limit = Math.Sqrt(6.0 / (18 + 18));
        TensorDescription weights = GroupedConvolution.Description.Layers[0].Tensors.Single(tensor => tensor.Name == "Weights");

        float[] expected = Enumerable.Range(0, weights.Length).Select(_ => (float)random.NextDouble(-limit, limit)).ToArray();

        Assert.Equal(expected, network.Parameters.Slice(weights.Offset, weights.Length).ToArray());
    }

    [Fact]
    public void Forward_computes_the_documented_dense_layers()
    {
        var network = new InferenceOnlyNet();
        float[] input = [1, 2, 3, 4];
        var output = new float[InferenceOnlyNet.OutputSize];

        network.Forward(input, output);

        double[] expected = Reference(InferenceOnlyNet.Description, Doubles<float>(network.Parameters), Doubles<float>(input), masks: null).Output;
        Assert.Equal(expected, Doubles<float>(output), (a, b) => Math.Abs(a - b) <= 1e-6 * Math.Max(1, Math.Abs(a)));
    }

    /// <summary>
    /// Training's loss under dropout is the loss of the forward pass with each dropout unit kept or dropped by its own
    /// draw from the stream (one <c>NextDouble()</c> per unit, layer by layer; dropped below the rate, otherwise
    /// scaled by 1/(1 − rate)); inference's loss is that of the plain forward pass.
    /// </summary>
    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    public void The_training_loss_under_dropout_is_that_of_the_masks_drawn_from_the_stream(long maskSeed)
    {
        var network = new DropoutNet(5);
        var random = new SeededRandom(3);
        double[] input = Enumerable.Range(0, DropoutNet.InputSize).Select(_ => random.NextDouble(-1, 1)).ToArray();
        double[] target = [0.2, 0.5, 0.3];

        var masks = new SeededRandom(maskSeed);
        double trainingLoss = network.AccumulateGradients(input, target, new double[DropoutNet.ParameterCount], ref masks);

        var stream = new SeededRandom(maskSeed);
        double expectedTraining = CrossEntropy(Reference(DropoutNet.Description, network.Parameters.ToArray(), input, () => stream.NextDouble()).Logits, target);
        double expectedInference = CrossEntropy(Reference(DropoutNet.Description, network.Parameters.ToArray(), input, masks: null).Logits, target);
        Assert.Equal(expectedTraining, trainingLoss, 1e-12);
        Assert.Equal(expectedInference, network.ComputeLoss(input, target), 1e-12);
    }

    private static void AssertDocumentedInitialization<T>(INetwork<T> network, long seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(seed);
        var expected = new T[network.ParameterCount];
        foreach (LayerDescription layer in network.Description.Layers)
        {
            TensorDescription weights = layer.Tensors.Single(tensor => tensor.Name == "Weights");
            double limit = layer.Activation is Activation.ReLU or Activation.LeakyReLU
                ? Math.Sqrt(6.0 / layer.InputSize)
                : Math.Sqrt(6.0 / (layer.InputSize + layer.OutputSize));
            for (int i = 0; i < weights.Length; i++)
            {
                expected[weights.Offset + i] = T.CreateChecked(random.NextDouble(-limit, limit));
            }
        }

        Assert.Equal(expected, network.Parameters.ToArray());
    }

    /// <summary>
    /// A plain forward pass in double from the documentation (parameters layer by layer, weights input-major
    /// <c>[in, out]</c> then bias): the output layer's logits and activations. With <paramref name="masks"/>, each
    /// dropout layer's units are kept or dropped by one draw each, in order.
    /// </summary>
    private static (double[] Logits, double[] Output) Reference(NetworkDescription description, double[] parameters, double[] input, Func<double>? masks)
    {
        double[] activations = input;
        double[] logits = input;
        foreach (LayerDescription layer in description.Layers)
        {
            if (layer.Kind == "Dropout")
            {
                double rate = layer.Setting("Rate");
                for (int j = 0; masks is not null && j < activations.Length; j++)
                {
                    activations[j] *= masks() < rate ? 0 : 1 / (1 - rate);
                }

                continue;
            }

            TensorDescription weights = layer.Tensors.Single(tensor => tensor.Name == "Weights");
            TensorDescription bias = layer.Tensors.Single(tensor => tensor.Name == "Bias");
            logits = new double[layer.OutputSize];
            for (int j = 0; j < layer.OutputSize; j++)
            {
                double sum = parameters[bias.Offset + j];
                for (int i = 0; i < layer.InputSize; i++)
                {
                    sum += parameters[weights.Offset + (i * layer.OutputSize) + j] * activations[i];
                }

                logits[j] = sum;
            }

            activations = Activate(layer, logits);
        }

        return (logits, activations);
    }

    private static double[] Activate(LayerDescription layer, double[] z)
    {
        if (layer.Activation == Activation.Softmax)
        {
            double max = z.Max();
            double[] exp = z.Select(value => Math.Exp(value - max)).ToArray();
            double sum = exp.Sum();
            return exp.Select(value => value / sum).ToArray();
        }

        return z.Select(value => layer.Activation switch
        {
            Activation.Identity => value,
            Activation.ReLU => Math.Max(value, 0),
            Activation.LeakyReLU => value > 0 ? value : layer.NegativeSlope * value,
            Activation.Sigmoid => 1 / (1 + Math.Exp(-value)),
            Activation.Tanh => Math.Tanh(value),
            _ => throw new NotSupportedException(layer.Activation.ToString()),
        }).ToArray();
    }

    /// <summary><c>−Σ y_k log softmax(z)_k</c>.</summary>
    private static double CrossEntropy(double[] logits, double[] target)
    {
        double max = logits.Max();
        double logSumExp = max + Math.Log(logits.Sum(value => Math.Exp(value - max)));
        return target.Select((y, k) => y * (logSumExp - logits[k])).Sum();
    }

    private static double[] Doubles<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = double.CreateChecked(values[i]);
        }

        return result;
    }
}
