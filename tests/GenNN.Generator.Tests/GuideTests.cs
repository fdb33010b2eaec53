using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using GenNN.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// Every C# block of <c>docs/guides.md</c> compiles, with the generator, without a warning. A block whose network
/// compiles in a weights file (<c>Weights = "..."</c>) gets one that fits: the runtime's export of the same network.
/// </summary>
public sealed class GuideTests
{
    public static TheoryData<int> Blocks()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < CSharpBlocks().Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Fact]
    public void The_guides_hold_code()
        => Assert.True(CSharpBlocks().Count >= 3, "docs/guides.md should hold the C# of its guides");

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Guide_code_compiles_cleanly(int block)
    {
        string source = CSharpBlocks()[block];
        GeneratorRun run = GeneratorHarness.Run(new[] { source }, WeightsFilesOf(source));
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotEmpty(run.GeneratedSources);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    /// <summary>
    /// For a block naming a weights file, that file as the runtime exports it from the block's network (compiled
    /// without the <c>Weights</c> argument and created from a seed), encoded as GenNN.targets would; none otherwise.
    /// </summary>
    private static ImmutableArray<AdditionalText> WeightsFilesOf(string source)
    {
        Match weights = Regex.Match(source, "Weights = \"([^\"]+)\"");
        if (!weights.Success)
        {
            return ImmutableArray<AdditionalText>.Empty;
        }

        string withoutWeights = source.Replace("(" + weights.Value + ")", string.Empty, System.StringComparison.Ordinal);
        using InMemoryAssembly assembly = InMemoryAssembly.Load(GeneratorHarness.Run(withoutWeights).Output);
        string networkName = Regex.Match(source, @"public partial class (\w+)").Groups[1].Value;
        var network = assembly.Create<INetwork<float>>(networkName, seed: 1);
        string file = Path.GetTempFileName();
        try
        {
            GenNN.Serialization.Safetensors.Export(network, file);
            return ImmutableArray.Create(WeightsFiles.Encoded(weights.Groups[1].Value, File.ReadAllBytes(file)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static List<string> CSharpBlocks()
    {
        string text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "guides.md"));
        return Regex.Matches(text, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(match => match.Groups[1].Value).ToList();
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(System.AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GenNN.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("GenNN.sln not found above the test's folder.");
    }
}
