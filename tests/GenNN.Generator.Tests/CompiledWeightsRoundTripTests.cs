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
        => RoundTrip(description, attributes, "weights.safetensors", (network, path) => Export(network, path, safetensors: true), Import);

    [Theory]
    [MemberData(nameof(Networks))]
    public void ModelFileCompiledIn_EqualsTheRuntimeLoad(string description, string attributes)
        => RoundTrip(description, attributes, "Models/weights.gennn", (network, path) => Export(network, path, safetensors: false), Load);

    private static void RoundTrip(string description, string attributes, string weightsPath, Action<object, string> export, Action<object, string> import)
    {
        bool isDouble = attributes.Contains("ELU", StringComparison.Ordinal);
        string precision = isDouble ? "(Precision.Double, Seed = 5)" : "(Seed = 5)";
        string file = Path.Combine(Path.GetTempPath(), $"gennn-{Guid.NewGuid():N}{Path.GetExtension(weightsPath)}");
        try
        {
            // The trained network: random weights from one seed, then every value perturbed, buffers too, so no
            // tensor holds its initial value and a swapped or misplaced tensor cannot go unnoticed.
            using (InMemoryAssembly trained = Compile(Source(precision, attributes), ImmutableArray<AdditionalText>.Empty))
            {
                object network = Activator.CreateInstance(trained.Assembly.GetType("Demo.Net", throwOnError: true)!, 11L)!;
                Perturb(network);
                export(network, file);
            }

            AdditionalText encoded = WeightsFiles.Encoded(weightsPath, File.ReadAllBytes(file));
            using InMemoryAssembly compiled = Compile(Source(precision.Replace(")", $", Weights = \"{weightsPath}\")", StringComparison.Ordinal), attributes), ImmutableArray.Create(encoded));
            Type type = compiled.Assembly.GetType("Demo.Net", throwOnError: true)!;
            object compiledIn = Activator.CreateInstance(type)!;
            object imported = Activator.CreateInstance(type, 99L)!;
            import(imported, file);

            if (isDouble)
            {
                AssertSameNetwork<double>(description, compiledIn, imported);
            }
            else
            {
                AssertSameNetwork<float>(description, compiledIn, imported);
            }
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

    private static void Perturb(object network)
    {
        var random = new Random(3);
        switch (network)
        {
            case INetwork<float> single:
                Perturb(single, () => (float)(random.NextDouble() + 0.1));
                break;
            case INetwork<double> @double:
                Perturb(@double, () => random.NextDouble() + 0.1);
                break;
        }
    }

    private static void Perturb<T>(INetwork<T> network, Func<T> next)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] += next() - T.CreateChecked(0.6);
        }

        // Running means and variances positive; batch counts whole numbers, as PyTorch keeps them.
        foreach (LayerDescription layer in network.Description.Layers)
        {
            foreach (TensorDescription buffer in layer.Buffers)
            {
                Span<T> values = network.Buffers.Slice(buffer.Offset, buffer.Length);
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = buffer.Name == "NumBatchesTracked" ? T.CreateChecked(37) : next();
                }
            }
        }
    }

    private static void Export(object network, string path, bool safetensors)
    {
        switch (network)
        {
            case INetwork<float> single when safetensors:
                Safetensors.Export(single, path);
                break;
            case INetwork<double> @double when safetensors:
                Safetensors.Export(@double, path);
                break;
            case INetwork<float> single:
                ModelFile.Save(single, path);
                break;
            case INetwork<double> @double:
                ModelFile.Save(@double, path);
                break;
        }
    }

    private static void Import(object network, string path)
    {
        switch (network)
        {
            case INetwork<float> single:
                Safetensors.Import(single, path);
                break;
            case INetwork<double> @double:
                Safetensors.Import(@double, path);
                break;
        }
    }

    private static void Load(object network, string path)
    {
        switch (network)
        {
            case INetwork<float> single:
                ModelFile.Load(single, path);
                break;
            case INetwork<double> @double:
                ModelFile.Load(@double, path);
                break;
        }
    }

    private static void AssertSameNetwork<T>(string description, object compiledIn, object imported)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var left = (INetwork<T>)compiledIn;
        var right = (INetwork<T>)imported;
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
