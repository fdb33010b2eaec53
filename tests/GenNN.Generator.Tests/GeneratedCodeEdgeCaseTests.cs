using System.Linq;
using GenNN.Generator.Tests.Infrastructure;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// Valid networks at the edges of what C# and the runtime allow: names that need escaping or differ only in case,
/// and the largest parameter buffers GNN0016 lets through. Each once made the generator throw, emit code that did not
/// compile, or emit a type the runtime would not load.
/// </summary>
public sealed class GeneratedCodeEdgeCaseTests
{
    [Fact]
    public void NetworksWhoseNamesDifferOnlyInCase_GetDistinctFiles()
    {
        // Roslyn compares hint names ignoring case: 'Demo.Net.GenNN.g.cs' twice would make AddSource throw (CS8785).
        GeneratorRun run = AssertCompilesCleanly("""
            using GenNN;

            namespace Demo;

            [Network][Input(2)][Dense(1)]
            public partial class Net { }

            [Network][Input(2)][Dense(1)]
            public partial class NET { }
            """);

        string[] hintNames = run.GeneratedSources.Select(source => source.HintName).ToArray();
        Assert.Equal(2, hintNames.Distinct(System.StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void KeywordsInNamespace_AreEscaped()
        => AssertCompilesCleanly("""
            using GenNN;

            namespace @if.@namespace;

            [Network][Input(2)][Dense(1)]
            public partial class Net { }
            """);

    [Fact]
    public void KeywordAsNetworkName_IsEscaped()
        => AssertCompilesCleanly("""
            using GenNN;

            namespace Demo;

            [Network][Input(2)][Dense(1)]
            public partial class @class { }
            """);

    [Fact]
    public void KeywordAsContainingTypeName_IsEscaped()
        => AssertCompilesCleanly("""
            using GenNN;

            namespace Demo;

            public partial class @struct
            {
                [Network][Input(2)][Dense(1)]
                public partial class Net { }
            }
            """);

    [Theory]
    [InlineData("Double", 2047)] // 2047² + 2047 = 4,192,256 parameters: 32 MiB holds 4,194,304 doubles
    [InlineData("Single", 2895)] // 2895² + 2895 = 8,383,920 parameters: 32 MiB holds 8,388,608 floats
    public void LargestAllowedParameterBuffers_Load(string precision, int size)
    {
        // Parameters and gradients are inline in the object; the runtime refuses an object whose fields span more
        // than 2^27 bytes (TypeLoadException "Size of field ... is too large"), which GNN0016 must keep us below.
        GeneratorRun run = AssertCompilesCleanly($$"""
            using GenNN;

            namespace Demo;

            [Network(Precision.{{precision}})]
            [Input({{size}})]
            [Dense({{size}})]
            [Loss(LossFunction.MeanSquaredError)]
            public partial class Net { }
            """);

        using InMemoryAssembly assembly = InMemoryAssembly.Load(run.Output);
        int parameterCount = precision == "Double"
            ? assembly.Create<ITrainableNetwork<double>>("Demo.Net", seed: 1).ParameterCount
            : assembly.Create<ITrainableNetwork<float>>("Demo.Net", seed: 1).ParameterCount;
        Assert.Equal((size * size) + size, parameterCount);
    }

    private static GeneratorRun AssertCompilesCleanly(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotEmpty(run.GeneratedSources);
        Assert.Empty(run.CompilationDiagnostics);
        return run;
    }
}
