using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using GenNN.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenNN.Generator.Benchmarks;

/// <summary>
/// The generator's cost for compiled-in weights (<c>[Network(Weights = "...")]</c>): a full generation of a project
/// whose one dense network compiles in a safetensors file of about 100K or 1M parameters (decoding, SHA-256,
/// checking, converting and writing the values), and the same driver rerun after the weights file was edited.
/// </summary>
[MemoryDiagnoser]
public class CompiledWeightsBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private CSharpCompilation compilation = null!;
    private AdditionalText weights = null!;
    private AdditionalText editedWeights = null!;
    private GeneratorDriver warmDriver = null!;

    /// <summary>784 → 128 → 10 (101,770 parameters) or 784 → 1024 → 200 (1,008,840).</summary>
    [Params(100_000, 1_000_000)]
    public int Parameters { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        (int hidden, int outputs) = Parameters == 100_000 ? (128, 10) : (1024, 200);
        compilation = CSharpCompilation.Create(
            "Bench",
            new[] { CSharpSyntaxTree.ParseText(Network(hidden, outputs), ParseOptions, path: "Network.cs") },
            ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Append(typeof(NetworkAttribute).Assembly.Location)
                .Distinct()
                .Select(path => MetadataReference.CreateFromFile(path)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        weights = WeightsFor(hidden, outputs, seed: 1);
        editedWeights = WeightsFor(hidden, outputs, seed: 2);
        warmDriver = NewDriver().AddAdditionalTexts(ImmutableArray.Create(weights)).RunGenerators(compilation);
        GeneratorDriverRunResult result = warmDriver.GetRunResult();
        if (result.Diagnostics.Length > 0 || result.GeneratedTrees.Length != 2)
        {
            throw new InvalidOperationException($"The benchmark project does not generate cleanly: {string.Join("; ", result.Diagnostics)}");
        }

        Console.WriteLine($"// {Parameters}: weights source {result.GeneratedTrees.Single(tree => tree.FilePath.EndsWith(".Weights.g.cs", StringComparison.Ordinal)).Length} characters");
    }

    [Benchmark(Description = "full generation")]
    public GeneratorDriver FullGeneration() => NewDriver().AddAdditionalTexts(ImmutableArray.Create(weights)).RunGenerators(compilation);

    [Benchmark(Description = "weights file edited")]
    public GeneratorDriver WeightsEdited() => warmDriver.ReplaceAdditionalText(weights, editedWeights).RunGenerators(compilation);

    private static GeneratorDriver NewDriver()
        => CSharpGeneratorDriver.Create(new[] { new NetworkGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);

    private static string Network(int hidden, int outputs) => $$"""
        using GenNN;
        [Network(Weights = "weights.safetensors")][Input(784)][Dense({{hidden}}, Activation.ReLU)][Dense({{outputs}})]
        public partial class WeightsNet { }
        """;

    /// <summary>The encoded item GenNN.targets would write for a file of the network's tensors, random values from <paramref name="seed"/>.</summary>
    private static AdditionalText WeightsFor(int hidden, int outputs, int seed)
    {
        var random = new Random(seed);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        return WeightsFiles.Encoded("weights.safetensors", WeightsFiles.Safetensors(
            WeightsFiles.F32("0.weight", new[] { hidden, 784 }, Values(hidden * 784)),
            WeightsFiles.F32("0.bias", new[] { hidden }, Values(hidden)),
            WeightsFiles.F32("2.weight", new[] { outputs, hidden }, Values(outputs * hidden)),
            WeightsFiles.F32("2.bias", new[] { outputs }, Values(outputs))));
    }
}
