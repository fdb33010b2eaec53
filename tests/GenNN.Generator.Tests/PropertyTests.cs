using System;
using System.Linq;
using CsCheck;
using GenNN.Generator.Tests.Infrastructure;
using GenNN.Tests;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// Property tests over random valid topologies: every one must generate without diagnostics, compile cleanly, compute
/// the same outputs as <see cref="ReferenceNetwork"/>, and (with a loss) have a gradient that matches finite differences.
/// The invalid-input property is in <c>PropertyTests.Malformed.cs</c>.
/// </summary>
/// <remarks>
/// CsCheck's <c>seed</c> replays one iteration, not a whole run, so runs differ; a failure prints the network's source
/// and a seed to replay it with (<c>CsCheck_Seed=... dotnet test --filter ...</c>).
/// </remarks>
public sealed partial class PropertyTests
{
    /// <summary>Each iteration compiles and loads one network (~0.2 s); CsCheck spreads them over every core.</summary>
    private const int ValidTopologyIterations = 50;

    private const int SamplesPerNetwork = 2;

    /// <summary>Relative to <c>max(1, |reference|)</c>: the kernels differ from the reference only in summation order.</summary>
    private const double ForwardTolerance = 1e-12;

    /// <summary>
    /// Inputs putting a ReLU-family pre-activation this close to its kink are redrawn: the ±1e-5 steps of
    /// <see cref="GradientChecker"/> would straddle it, and the finite difference would see a kink, not a slope.
    /// </summary>
    private const double KinkMargin = 1e-4;

    private const int MaxDraws = 100;

    private static readonly Activation[] Elementwise =
        [Activation.Identity, Activation.ReLU, Activation.LeakyReLU, Activation.Sigmoid, Activation.Tanh];

    private static readonly Gen<int> Size = Gen.Int[1, 40];

    private static readonly Gen<DenseLayer> HiddenLayer =
        from units in Size
        from activation in Gen.OneOfConst(Elementwise)
        from slope in Gen.Double[0, 0.5]
        select new DenseLayer(units, activation, slope);

    /// <summary>
    /// The last layer: any activation, and a loss that fits it (or none, for an inference-only network); a softmax over
    /// at least two outputs (over one it is always 1, GNN0037).
    /// </summary>
    private static readonly Gen<(DenseLayer Layer, LossFunction? Loss)> OutputLayer =
        from units in Size
        from activation in Gen.OneOfConst([.. Elementwise, Activation.Softmax])
        from slope in Gen.Double[0, 0.5]
        from loss in Gen.OneOfConst(CompatibleLosses(activation))
        select (new DenseLayer(activation == Activation.Softmax ? Math.Max(2, units) : units, activation, slope), loss);

    private static readonly Gen<Topology> ValidTopology =
        from inputSize in Size
        from hidden in HiddenLayer.Array[0, 4]
        from output in OutputLayer
        select new Topology(Precision.Double, inputSize, [.. hidden, output.Layer], output.Loss);

    [Fact]
    public void ValidTopologies_MatchTheReferenceForward_AndHaveExactGradients()
        => ValidTopology.Select(Gen.Long).Sample(
            CheckNetwork,
            iter: ValidTopologyIterations,
            print: sample => $"seed {sample.Item2}, network:\n{TopologySource.Render(sample.Item1)}");

    private static void CheckNetwork(Topology topology, long seed)
    {
        GeneratorRun run = GeneratorHarness.Run(TopologySource.Render(topology));
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        using InMemoryAssembly assembly = InMemoryAssembly.Load(run.Output);
        INetwork<double> network = assembly.Create<INetwork<double>>(TopologySource.TypeName, seed);

        Assert.Equal(topology.InputSize, network.InputSize);
        Assert.Equal(topology.OutputSize, network.OutputSize);
        Assert.Equal(topology.ParameterCount, network.ParameterCount);
        Assert.Equal(topology.ParameterCount, network.Parameters.Length);
        Assert.Equal(topology.Loss is not null, network is ITrainableNetwork<double>);
        AssertDescription(topology, network.Description);

        // Biases start at zero, which would hide a wrong bias offset: give them values (this also moves every
        // pre-activation off exactly 0, where a layer fed only by dead ReLUs would otherwise sit for any input).
        var random = new SeededRandom(seed);
        RandomizeBiases(topology, network.Parameters, ref random);

        for (int s = 0; s < SamplesPerNetwork; s++)
        {
            (double[] input, double[] target, double[] expected) = DrawAwayFromKinks(topology, network, ref random);

            var output = new double[topology.OutputSize];
            network.Forward(input, output);
            for (int k = 0; k < output.Length; k++)
            {
                double error = Math.Abs(output[k] - expected[k]) / Math.Max(1, Math.Abs(expected[k]));
                Assert.True(error <= ForwardTolerance, $"Forward output {k} is {output[k]:R}, the reference {expected[k]:R}");
            }

            if (network is ITrainableNetwork<double> trainable)
            {
                double maxError = GradientChecker.MaxError(trainable, input, target);
                Assert.True(maxError < GradientChecker.Tolerance, $"Gradient differs from finite differences by {maxError:R}");
            }
        }
    }

    /// <summary>The description must match the declaration and the documented layout the reference reads.</summary>
    private static void AssertDescription(Topology topology, NetworkDescription description)
    {
        Assert.Equal(topology.InputSize, description.InputSize);
        Assert.Equal(topology.Loss, description.Loss);
        Assert.Equal(topology.Layers.Length, description.Layers.Count);
        int offset = 0;
        int inputs = topology.InputSize;
        for (int l = 0; l < topology.Layers.Length; l++)
        {
            DenseLayer layer = topology.Layers[l];
            LayerDescription described = description.Layers[l];
            Assert.Equal(layer.Activation, described.Activation);
            Assert.Equal(layer.Activation == Activation.LeakyReLU ? layer.NegativeSlope : 0, described.NegativeSlope);
            Assert.Equal(2, described.Tensors.Count);
            AssertTensor(described.Tensors[0], "Weights", offset, [inputs, layer.Units]);
            AssertTensor(described.Tensors[1], "Bias", offset + (inputs * layer.Units), [layer.Units]);
            offset += (inputs * layer.Units) + layer.Units;
            inputs = layer.Units;
        }
    }

    private static void AssertTensor(TensorDescription tensor, string name, int offset, int[] shape)
    {
        Assert.Equal(name, tensor.Name);
        Assert.Equal(offset, tensor.Offset);
        Assert.Equal(shape.Aggregate(1, (product, length) => product * length), tensor.Length);
        Assert.Equal(shape, tensor.Shape);
    }

    private static (double[] Input, double[] Target, double[] Expected) DrawAwayFromKinks(Topology topology, INetwork<double> network, ref SeededRandom random)
    {
        for (int draw = 0; draw < MaxDraws; draw++)
        {
            (double[] input, double[] target) = GradientChecker.Sample(ref random, topology.InputSize, topology.OutputSize, topology.Loss ?? LossFunction.MeanSquaredError);
            (double[] expected, double nearestKink) = ReferenceNetwork.Forward(topology, network.Parameters, input);
            if (nearestKink >= KinkMargin)
            {
                return (input, target, expected);
            }
        }

        throw new InvalidOperationException($"No input in {MaxDraws} draws keeps every ReLU pre-activation {KinkMargin} away from 0.");
    }

    private static void RandomizeBiases(Topology topology, Span<double> parameters, ref SeededRandom random)
    {
        int offset = 0;
        int inputs = topology.InputSize;
        foreach (DenseLayer layer in topology.Layers)
        {
            offset += inputs * layer.Units;
            for (int j = 0; j < layer.Units; j++)
            {
                parameters[offset + j] = random.NextDouble(-0.5, 0.5);
            }

            offset += layer.Units;
            inputs = layer.Units;
        }
    }

    private static LossFunction?[] CompatibleLosses(Activation output) => output switch
    {
        Activation.Sigmoid => [null, LossFunction.MeanSquaredError, LossFunction.BinaryCrossEntropy],
        Activation.Softmax => [null, LossFunction.MeanSquaredError, LossFunction.CrossEntropy],
        _ => [null, LossFunction.MeanSquaredError],
    };
}
