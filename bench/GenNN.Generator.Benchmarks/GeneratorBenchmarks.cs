using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using GenNN.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenNN.Generator.Benchmarks;

/// <summary>
/// The generator as the IDE and the compiler run it: a full generation of a project (the driver's first run), and an
/// edit elsewhere (a method body in another file changes; the driver reruns on the new compilation and every network
/// comes from its cache). One project holds the MNIST-size network (784 → 256 → 128 → 10), the other 20 networks of
/// every layer kind.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private CSharpCompilation compilation = null!;
    private CSharpCompilation edited = null!;
    private GeneratorDriver warmDriver = null!;

    [Params("MNIST-size network", "20 networks")]
    public string Project { get; set; } = "";

    [GlobalSetup]
    public void SetUp()
    {
        string networks = Project == "20 networks" ? TwentyNetworks() : Mnist;
        compilation = Compile(networks, EditedFile(0));
        edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Last(), CSharpSyntaxTree.ParseText(EditedFile(1), ParseOptions, path: "Edited.cs"));
        warmDriver = NewDriver().RunGenerators(compilation);
        GeneratorDriverRunResult result = warmDriver.GetRunResult();
        if (result.Diagnostics.Length > 0 || result.GeneratedTrees.Length != (Project == "20 networks" ? 20 : 1))
        {
            throw new InvalidOperationException($"The benchmark project does not generate cleanly: {string.Join("; ", result.Diagnostics)}");
        }
    }

    [Benchmark(Description = "full generation")]
    public GeneratorDriver FullGeneration() => NewDriver().RunGenerators(compilation);

    [Benchmark(Description = "edit elsewhere")]
    public GeneratorDriver EditElsewhere() => warmDriver.RunGenerators(edited);

    private static GeneratorDriver NewDriver()
        => CSharpGeneratorDriver.Create(new[] { new NetworkGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);

    private static CSharpCompilation Compile(string networks, string edited)
        => CSharpCompilation.Create(
            "Bench",
            new[] { CSharpSyntaxTree.ParseText(networks, ParseOptions, path: "Networks.cs"), CSharpSyntaxTree.ParseText(edited, ParseOptions, path: "Edited.cs") },
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private static IEnumerable<MetadataReference> References()
        => ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(NetworkAttribute).Assembly.Location)
            .Distinct()
            .Select(path => MetadataReference.CreateFromFile(path));

    private static string EditedFile(int version) => $"public static class Elsewhere {{ public static int Answer() => {version}; }}";

    private const string Mnist = """
        using GenNN;
        [Network(Seed = 1)][Input(784)][Dense(256, Activation.ReLU, Dropout = 0.2)][Dense(128, Activation.ReLU, Dropout = 0.2)][Dense(10, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
        public partial class MnistNet { }
        """;

    private static string TwentyNetworks()
    {
        string[] bodies =
        [
            "[Input(784)][Dense(256, Activation.ReLU)][Dense(10, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]",
            "[Input(2)][Dense(16, Activation.Tanh)][Dense(16, Activation.Tanh)][Dense(1)][Loss(LossFunction.MeanSquaredError)]",
            "[Input(1, 28, 28)][Conv2D(8, 3, Activation.ReLU)][MaxPool2D(2)][Conv2D(16, 3, Activation.ReLU)][MaxPool2D(2)][Flatten][Dense(10, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]",
            "[Input(3, 32, 32)][Conv2D(16, 3, Padding = Padding.Same)][BatchNorm][Activation(Activation.ReLU)][GlobalAveragePool][Dense(10, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]",
            "[Input(50, 1)][Lstm(32)][Dense(1)][Loss(LossFunction.MeanSquaredError)]",
            "[Input(20, 4)][Gru(16, ReturnSequences = true, Bidirectional = true)][Gru(8)][Dense(2, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]",
            "[Input(4, 64)][Conv1D(8, 5, Activation.GELU, Padding = Padding.Same)][AvgPool1D(2)][LayerNorm][Flatten][Dense(4)][Loss(LossFunction.MeanSquaredError)]",
            "[Input(8)][Dense(64, Activation.SiLU)][Dropout(0.3)][Dense(64, Activation.ELU)][Dense(8)][Loss(LossFunction.MeanSquaredError)]",
            "[Input(30, 2)][SimpleRnn(12, ReturnSequences = true)][Lstm(12)][Dense(1)]",
            "[Input(1, 16, 16)][Conv2D(4, 3, Activation.Tanh, Stride = 2, Dilation = 1)][Conv2D(4, 3, Groups = 4, Padding = Padding.Same)][Flatten][Dense(3, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]",
        ];
        var source = new System.Text.StringBuilder("using GenNN;\n");
        for (int i = 0; i < 20; i++)
        {
            source.Append("[Network(Seed = ").Append(i).Append(")]").Append(bodies[i % bodies.Length]).Append("\npublic partial class Net").Append(i).Append(" { }\n");
        }

        return source.ToString();
    }
}
