using System.Linq;
using System.Xml.Linq;
using GenNN.Generator.Tests.Infrastructure;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// The generated XML documentation: valid with documentation checked as <c>GenerateDocumentationFile</c> checks it,
/// also when the class overloads generated methods; and the class summary says when a recurrent network cannot stream.
/// </summary>
public class GeneratedDocumentationTests
{
    [Theory]
    [InlineData("[Network][Input(4, 2)][Lstm(3)][Dense(2)][Loss(LossFunction.MeanSquaredError)]", "float")]
    [InlineData("[Network(Precision.Double)][Input(4)][Dense(3, Dropout = 0.5)][BatchNorm][Dense(1)][Loss(LossFunction.MeanSquaredError)]", "double")]
    public void OverloadsOfGeneratedMethods_LeaveTheDocumentationValid(string attributes, string element)
    {
        // Each cref to a generated method names its parameters: a bare cref="Forward" is ambiguous (CS0419) once the
        // class declares an overload.
        GeneratorRun run = GeneratorHarness.RunWithDocumentation($$"""
            using System;
            using GenNN;

            namespace Demo;

            /// <summary>A network with overloads of its generated methods.</summary>
            {{attributes}}
            public partial class Net
            {
                /// <summary>Forward into a new array.</summary>
                /// <param name="input">The input.</param>
                /// <returns>The output.</returns>
                public {{element}}[] Forward({{element}}[] input) => input;

                /// <summary>ForwardBatch into a new array.</summary>
                /// <param name="inputs">The inputs.</param>
                /// <returns>The outputs.</returns>
                public {{element}}[] ForwardBatch({{element}}[] inputs) => inputs;

                /// <summary>Steps with a rate of another type.</summary>
                /// <param name="learningRate">The rate.</param>
                public void ApplyGradients(decimal learningRate) { }

                /// <summary>Accumulates without a generator.</summary>
                /// <param name="inputs">The inputs.</param>
                /// <returns>Nothing.</returns>
                public {{element}} AccumulateGradients({{element}}[] inputs) => 0;

                /// <summary>A step of another shape.</summary>
                /// <param name="frame">The frame.</param>
                public void Step({{element}}[] frame) { }
            }
            """);

        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Single(run.GeneratedSources);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Theory]
    [InlineData("/// <summary/>")]
    [InlineData("/// <inheritdoc cref=\"object\"></inheritdoc>")]
    [InlineData("/// <inheritdoc/>")]
    [InlineData("/// <summary>Discarded: the compiler keeps the last comment (CS1587).</summary>\n// a plain comment\n/// <remarks>Kept.</remarks>")]
    public void EveryWayOfDocumentingTheClass_LeavesItOneSummary(string comment)
    {
        GeneratorRun run = GeneratorHarness.RunWithDocumentation($$"""
            using GenNN;

            namespace Demo;

            {{comment}}
            [Network][Input(2)][Dense(1)]
            public partial class Net { }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        XElement member = XElement.Parse(run.Output.GetTypeByMetadataName("Demo.Net")!.GetDocumentationCommentXml(expandIncludes: true)!);
        // One summary, the user's, the table's, or one inherited: never two, never none.
        Assert.True(member.Elements().Count(element => element.Name == "summary" || element.Name == "inheritdoc") == 1, member.ToString());
        Assert.Contains("GenNN network [2] → [1]", member.Value, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/// <summary>The game's opponent.</summary>", true)]
    [InlineData("", false)]
    [InlineData("/// <remarks>The game's opponent.</remarks>", false)]
    public void TheLayerTable_IsTheSummary_OrTheRemarksOfAClassWithASummaryOfItsOwn(string comment, bool ownSummary)
    {
        // The compiler merges the comments of every part of a partial class: two summaries, of which a hover shows one.
        GeneratorRun run = GeneratorHarness.RunWithDocumentation($$"""
            using GenNN;

            namespace Demo;

            {{comment}}
            [Network][Input(2)][Dense(1)]
            public partial class Net { }
            """);

        Assert.Empty(run.CompilationDiagnostics);
        XElement member = XElement.Parse(run.Output.GetTypeByMetadataName("Demo.Net")!.GetDocumentationCommentXml()!);
        XElement summary = Assert.Single(member.Elements("summary"));
        XElement table = ownSummary ? member.Elements("remarks").Single() : summary;
        Assert.StartsWith("GenNN network [2] → [1]", table.Value.Trim(), System.StringComparison.Ordinal);
        Assert.Equal(ownSummary, summary.Value.Contains("The game's opponent.", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[Input(4, 2)][Gru(3, Bidirectional = true)][Dense(1)]", "layer 1 'Layer1' (Gru) is bidirectional, which needs the whole sequence")]
    [InlineData("[Input(4, 2)][Lstm(3, ReturnSequences = true)][Flatten][Dense(1)]", "layer 1 'Layer1' (Lstm) returns sequences, so the output needs the whole sequence")]
    [InlineData("[Input(4, 2)][SimpleRnn(3, ReturnSequences = true)]", "layer 1 'Layer1' (SimpleRnn) returns sequences, so the output needs the whole sequence")]
    [InlineData("[Input(2, 4)][Transpose][Gru(3)][Dense(1)]", "layer 1 'Layer1' (Transpose) does not compute each step from that step alone, and layer 2 'Layer2' (Gru) comes after it, so it needs the whole sequence")]
    [InlineData("[Input(4, 2)][Gru(3, ReturnSequences = true)][LayerNorm][Gru(2)][Dense(1)]", "layer 2 'Layer2' (LayerNorm) does not compute each step from that step alone (LayerNorm(NormalizedDimensions = 1) normalizes each step's features, and streams), and layer 3 'Layer3' (Gru) comes after it, so it needs the whole sequence")]
    [InlineData("[Input(4, 2)][Lstm(3, ReturnSequences = true)][Transpose][Conv1D(3, 2)][Transpose][Dropout(0.5)][Gru(2)][Dense(1)]", "layer 2 'Layer2' (Transpose) does not compute each step from that step alone, and layer 6 'Layer6' (Gru) comes after it, so it needs the whole sequence")]
    public void RecurrentNetworkThatCannotStream_SaysWhyInItsSummary(string layers, string reason)
    {
        GeneratorRun run = GeneratorHarness.Run(Network(layers));

        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains($"    /// It has no streaming <c>Step</c>: {reason}.\n", Assert.Single(run.GeneratedSources).SourceText.ToString());
    }

    [Theory]
    [InlineData("[Input(4, 2)][Lstm(3)][Dense(1)]")]
    [InlineData("[Input(4, 2)][Gru(3, ReturnSequences = true)][Gru(2)]")]
    [InlineData("[Input(4, 2)][Activation(Activation.Tanh)][Lstm(3, ReturnSequences = true)][Dropout(0.5)][LayerNorm(NormalizedDimensions = 1)][Gru(2)][Dense(1)]")]
    [InlineData("[Input(4)][Dense(1)]")]
    public void NetworkThatStreamsOrHasNoRecurrentLayer_SaysNothingAboutStep(string layers)
    {
        GeneratorRun run = GeneratorHarness.Run(Network(layers));

        Assert.Empty(run.CompilationDiagnostics);
        Assert.DoesNotContain("no streaming", Assert.Single(run.GeneratedSources).SourceText.ToString());
    }

    [Theory]
    [InlineData("[Input(4, 2)][Lstm(3)][Dense(1)][Loss(LossFunction.MeanSquaredError)]", "Sigmoid and Tanh gates", "He uniform", "dL/dh_t: only the last step (t = T − 1) reaches the output")]
    [InlineData("[Input(4, 2)][SimpleRnn(3, Activation.ReLU, ReturnSequences = true)][LayerNorm(ElementwiseAffine = false)][Loss(LossFunction.MeanSquaredError)]", "ReLU", "He uniform", "dL/dh_t: every step's output gradient")]
    [InlineData("[Input(4, 2)][Gru(3, Bidirectional = true)][Dense(1)][Loss(LossFunction.MeanSquaredError)]", "Sigmoid and Tanh gates", "He uniform", "dL/dh_t of the backward direction: only its last step (t = 0) reaches the output")]
    public void RecurrentLayers_AreDescribedAsTheyCompute(string layers, string tableNonlinearity, string unusedInitialization, string outputGradient)
    {
        GeneratorRun run = GeneratorHarness.Run(Network(layers));
        string source = Assert.Single(run.GeneratedSources).SourceText.ToString();

        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains($"[4, 2] → [{(layers.Contains("Gru", System.StringComparison.Ordinal) ? "6" : layers.Contains("Lstm", System.StringComparison.Ordinal) ? "3" : "4, 3")}], {tableNonlinearity}, ", source);
        Assert.Contains("PyTorch's U(−1/√H, 1/√H) for the recurrent layers' weights and biases", source);
        Assert.DoesNotContain(unusedInitialization, source);
        Assert.Contains($"// {outputGradient}", source);
        Assert.DoesNotContain("dγ", source);
    }

    private static string Network(string layers) => $$"""
        using GenNN;

        namespace Demo;

        [Network]
        {{layers}}
        public partial class Net { }
        """;
}
