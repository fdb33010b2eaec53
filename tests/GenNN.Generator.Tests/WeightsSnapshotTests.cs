using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using GenNN.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using static GenNN.Generator.Tests.Infrastructure.WeightsFiles;

namespace GenNN.Generator.Tests;

/// <summary>
/// The generated source of a small network with compiled-in weights, both files, as snapshots: the network's
/// constructor and the weights file's spans, comments and values; and the same bytes on every run and culture.
/// </summary>
public sealed class WeightsSnapshotTests
{
    private const string Source = """
        using GenNN;

        namespace Demo;

        [Network(Weights = "Models/tiny.safetensors")]
        [Input(2)]
        [Dense(3, Activation.Tanh)]
        [BatchNorm]
        [Dense(1, Activation.Sigmoid)]
        [Loss(LossFunction.BinaryCrossEntropy)]
        public partial class TinyNet { }
        """;

    private static readonly ImmutableArray<AdditionalText> Files = ImmutableArray.Create(Encoded("Models/tiny.safetensors", Safetensors(
        F32("0.weight", new[] { 3, 2 }, new[] { 0.1f, -0.2f, 0.3f, -0.4f, 0.5f, 1e-8f }),
        F32("0.bias", new[] { 3 }, new[] { 0f, -0f, 3.14159274f }),
        F32("2.weight", new[] { 3 }, new[] { 1f, 1.5f, 2f }),
        F32("2.bias", new[] { 3 }),
        F32("2.running_mean", new[] { 3 }, new[] { 0.25f, -0.25f, 0f }),
        F32("2.running_var", new[] { 3 }, new[] { 1f, 2f, 0.5f }),
        new Tensor("2.num_batches_tracked", "I64", System.Array.Empty<int>(), System.BitConverter.GetBytes(1234L)),
        F32("3.weight", new[] { 1, 3 }, new[] { float.Epsilon, -1f, 16777216f }),
        F32("3.bias", new[] { 1 }, new[] { -0.5f }))));

    [Fact]
    public void TinyNetWithCompiledInWeights()
    {
        GeneratorRun run = GeneratorHarness.Run(new[] { Source }, Files);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Snapshot.VerifyGeneratedSources(run);
    }

    [Fact]
    public void Output_IsTheSame_OnEveryRunAndInEveryCulture()
    {
        string[] first = Texts(GeneratorHarness.Run(new[] { Source }, Files));
        CultureInfo culture = CultureInfo.CurrentCulture;
        try
        {
            // Finnish writes a decimal comma and a U+2212 minus sign: neither may reach the generated numbers.
            CultureInfo.CurrentCulture = new CultureInfo("fi-FI");
            Assert.Equal(first, Texts(GeneratorHarness.Run(new[] { Source }, Files)));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void CompiledInNetwork_StartsFromTheFile_AndResetsToIt()
    {
        using InMemoryAssembly assembly = InMemoryAssembly.Load(GeneratorHarness.Run(new[] { Source }, Files).Output);
        var network = (ITrainableNetwork<float>)System.Activator.CreateInstance(assembly.Assembly.GetType("Demo.TinyNet", throwOnError: true)!)!;
        float[] trained = network.Parameters.ToArray();
        Assert.Equal(new[] { 0.1f, 0.3f, 0.5f, -0.2f, -0.4f, 1e-8f }, trained[..6]); // 0.weight transposed to [in, out]
        Assert.Equal(new[] { 0.25f, -0.25f, 0f, 1f, 2f, 0.5f, 1234f }, network.Buffers.ToArray());

        network.InitializeParameters(seed: 1);
        Assert.NotEqual(trained, network.Parameters.ToArray());
        network.GetType().GetMethod("ResetToTrainedWeights")!.Invoke(network, null);

        Assert.Equal(trained, network.Parameters.ToArray());
        Assert.Equal(new[] { 0.25f, -0.25f, 0f, 1f, 2f, 0.5f, 1234f }, network.Buffers.ToArray());
    }

    [Fact]
    public void UserConstructor_StartsFromTheTrainedWeights_ByResettingToThem()
    {
        string source = Source.Replace("public partial class TinyNet { }", """
            public partial class TinyNet
            {
                public TinyNet(string name)
                {
                    Name = name;
                    ResetToTrainedWeights();
                }

                public string Name { get; }
            }
            """, System.StringComparison.Ordinal);
        GeneratorRun run = GeneratorHarness.Run(new[] { source }, Files);
        Assert.Empty(run.GeneratorDiagnostics);
        using InMemoryAssembly assembly = InMemoryAssembly.Load(run.Output);

        var network = (INetwork<float>)System.Activator.CreateInstance(assembly.Assembly.GetType("Demo.TinyNet", throwOnError: true)!, "tiny")!;

        Assert.Equal(new[] { 0.25f, -0.25f, 0f, 1f, 2f, 0.5f, 1234f }, network.Buffers.ToArray());
    }

    private static string[] Texts(GeneratorRun run) => run.GeneratedSources.Select(source => source.SourceText.ToString()).ToArray();
}
