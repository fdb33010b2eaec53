using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Numerics;
using GenNN.Generator.Tests.Infrastructure;
using GenNN.Serialization;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// For every layer kind: a network exported by the runtime (<c>Safetensors.Export</c>, <c>ModelFile.Save</c>) and
/// compiled in by the generator starts, from <c>new Net()</c>, with Parameters and Buffers bit-identical to the same
/// network loaded by the runtime importers, and computes bit-identical outputs. This is also what proves that the
/// generator's compile-time PyTorch names, shapes and conversions (each layer spec's <c>TorchTensors</c>) equal the
/// runtime's <c>TorchLayout</c>: a difference in either is a missing, unexpected or misshapen tensor, or other values.
/// </summary>
public sealed class CompiledWeightsRoundTripTests
{
    public static TheoryData<string, string> Networks => new()
    {
        {
            "dense and activation layers",
            """
            [Input(4)]
            [Dense(6, Activation.ReLU)]
            [Dense(5, Activation.GELU)]
            [Activation(Activation.Tanh)]
            [Dropout(0.25)]
            [Dense(4, Activation.LeakyReLU, NegativeSlope = 0.2)]
            [Dense(3, Activation.Softmax)]
            [Loss(LossFunction.CrossEntropy)]
            """
        },
        {
            "2-D convolution with groups, BatchNorm, pooling, global average pool",
            """
            [Input(2, 8, 8)]
            [Conv2D(4, 3, Activation.ReLU)]
            [BatchNorm]
            [MaxPool2D(2)]
            [Conv2D(4, 3, Groups = 2, Padding = Padding.Same)]
            [AvgPool2D(2)]
            [GlobalAveragePool]
            [Dense(3)]
            """
        },
        {
            "1-D convolution, LayerNorm, Flatten",
            """
            [Input(2, 12)]
            [Conv1D(3, 3, Activation.Tanh, Dilation = 2)]
            [MaxPool1D(2)]
            [AvgPool1D(2)]
            [LayerNorm]
            [BatchNorm]
            [Flatten]
            [Dense(2, Activation.Sigmoid)]
            """
        },
        {
            "recurrent layers, bidirectional",
            """
            [Input(5, 3)]
            [Lstm(4, ReturnSequences = true, Bidirectional = true)]
            [Gru(3, ReturnSequences = true, Bidirectional = true)]
            [SimpleRnn(2, Activation.ReLU, ReturnSequences = true)]
            [SimpleRnn(3)]
            [Dense(2)]
            """
        },
        {
            "double precision, BatchNorm on vectors, LayerNorm without affine",
            """
            [Input(4)]
            [Dense(5, Activation.ELU)]
            [BatchNorm]
            [LayerNorm(ElementwiseAffine = false)]
            [Dense(1)]
            """
        },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void SafetensorsCompiledIn_EqualsTheRuntimeImport(string description, string attributes)
        => RoundTrip(description, attributes, "weights.safetensors");

    [Theory]
    [MemberData(nameof(Networks))]
    public void ModelFileCompiledIn_EqualsTheRuntimeLoad(string description, string attributes)
        => RoundTrip(description, attributes, "Models/weights.gennn");

    private static void RoundTrip(string description, string attributes, string weightsPath)
    {
        if (attributes.Contains("ELU", StringComparison.Ordinal))
        {
            RoundTrip<double>(description, attributes, weightsPath, "Precision.Double, ");
        }
        else
        {
            RoundTrip<float>(description, attributes, weightsPath, string.Empty);
        }
    }

    /// <summary>Exports a trained network to <paramref name="weightsPath"/>'s format, compiles it in, and compares with the runtime's import.</summary>
    private static void RoundTrip<T>(string description, string attributes, string weightsPath, string precision)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool isModelFile = weightsPath.EndsWith(".gennn", StringComparison.Ordinal);
        string file = Path.Combine(Path.GetTempPath(), $"gennn-{Guid.NewGuid():N}{Path.GetExtension(weightsPath)}");
        try
        {
            // The trained network: random weights from one seed, then every value perturbed, buffers too, so no
            // tensor holds its initial value and a swapped or misplaced tensor cannot go unnoticed.
            using (InMemoryAssembly trained = Compile(Source($"({precision}Seed = 5)", attributes), ImmutableArray<AdditionalText>.Empty))
            {
                var network = trained.Create<INetwork<T>>("Demo.Net", 11);
                Perturb(network, new Random(3));
                if (isModelFile)
                {
                    ModelFile.Save(network, file);
                }
                else
                {
                    Safetensors.Export(network, file);
                }
            }

            AdditionalText encoded = WeightsFiles.Encoded(weightsPath, File.ReadAllBytes(file));
            using InMemoryAssembly compiled = Compile(Source($"({precision}Seed = 5, Weights = \"{weightsPath}\")", attributes), ImmutableArray.Create(encoded));
            var compiledIn = (INetwork<T>)Activator.CreateInstance(compiled.Assembly.GetType("Demo.Net", throwOnError: true)!)!;
            var imported = compiled.Create<INetwork<T>>("Demo.Net", 99);
            if (isModelFile)
            {
                ModelFile.Load(imported, file);
            }
            else
            {
                Safetensors.Import(imported, file);
            }

            AssertSameNetwork(description, compiledIn, imported);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Source(string networkArguments, string attributes)
        => $$"""
            using GenNN;

            namespace Demo;

            [Network{{networkArguments}}]
            {{attributes}}
            public partial class Net { }
            """;

    private static InMemoryAssembly Compile(string source, ImmutableArray<AdditionalText> files)
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { source }, files);
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        return InMemoryAssembly.Load(run.Output);
    }

    /// <summary>Shifts every parameter; sets running means and variances positive and batch counts to a whole number, as PyTorch keeps them.</summary>
    private static void Perturb<T>(INetwork<T> network, Random random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] += T.CreateChecked(random.NextDouble() - 0.5);
        }

        foreach (LayerDescription layer in network.Description.Layers)
        {
            foreach (TensorDescription buffer in layer.Buffers)
            {
                Span<T> values = network.Buffers.Slice(buffer.Offset, buffer.Length);
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = buffer.Name == "NumBatchesTracked" ? T.CreateChecked(37) : T.CreateChecked(random.NextDouble() + 0.1);
                }
            }
        }
    }

    private static void AssertSameNetwork<T>(string description, INetwork<T> left, INetwork<T> right)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.True(left.Parameters.SequenceEqual(right.Parameters), $"{description}: parameters differ");
        Assert.True(left.Buffers.SequenceEqual(right.Buffers), $"{description}: buffers differ");
        Assert.Contains(left.Parameters.ToArray(), value => value != T.Zero);

        var random = new Random(7);
        T[] input = Enumerable.Range(0, left.InputSize).Select(_ => T.CreateChecked(random.NextDouble() - 0.5)).ToArray();
        var leftOutput = new T[left.OutputSize];
        var rightOutput = new T[right.OutputSize];
        left.Forward(input, leftOutput);
        right.Forward(input, rightOutput);
        Assert.Equal(rightOutput, leftOutput);
    }
}
