using System.Collections.Generic;
using System.Linq;
using CsCheck;
using GenNN.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// Random attribute usage with faults sprinkled in: bad sizes and enum values, wrong argument types, missing,
/// duplicated and reordered attributes, stray named arguments (settings of another activation or optimizer),
/// unsupported declarations, broken syntax, huge sizes, names that are not identifiers or that clash, older language
/// versions. Whatever the input, the generator must not throw, must report only its own located errors and then add
/// no source, and when neither it nor the compiler objects, the code it adds must compile cleanly.
/// </summary>
public sealed partial class PropertyTests
{
    /// <summary>No emit here: generator runs and binding only, a few milliseconds each.</summary>
    private const int MalformedIterations = 300;

    // Each piece is usually right and sometimes wrong, so a case has a few faults at most: about one in four is
    // entirely valid and exercises the "compiles cleanly" half of the property, the rest each hit some diagnostic.

    private static readonly Gen<string> SizeArgument = Mostly(
        Gen.OneOfConst("1", "3", "8", "17", "1 << 4"),
        Gen.OneOfConst("size: 2", "units: 2", "0", "-1", "int.MinValue", "int.MaxValue", "100000", "1 << 20", "\"x\"", "3.5", "null", "Activation.Tanh"));

    private static readonly Gen<string> ActivationArgument = Mostly(
        Gen.OneOfConst(
            "Activation.Identity", "Activation.ReLU", "Activation.LeakyReLU", "Activation.Sigmoid", "Activation.Tanh",
            "Activation.Softmax", "activation: Activation.Tanh", "Activation.LeakyReLU, NegativeSlope = 0",
            "Activation.LeakyReLU, NegativeSlope = 0.2", "Activation.LeakyReLU, NegativeSlope = 1e-40",
            "Activation.LeakyReLU, NegativeSlope = -0.0", "Activation.LeakyReLU, NegativeSlope = 0.999"),
        Gen.OneOfConst("(Activation)42", "(Activation)(-1)", "0", "\"Tanh\"", "LossFunction.CrossEntropy", "activation: Activation.Softmax"));

    private static readonly Gen<string> NamedArgument = Mostly(
        Gen.OneOfConst(
            "Name = \"hidden\"", "Name = \"Hidden\"", "Name = \"hiddenInput\"", "Name = \"h1\"", "Name = \"Layer1\"",
            "Name = \"Layer2\"", "Name = \"class\"", "Name = \"_x\"", "Dropout = 0.5", "Dropout = 0"),
        Gen.OneOfConst(
            "Name = \"my layer\"", "Name = \"Input\"", "Name = \"output\"", "Name = \"\"", "Name = null", "Name = \"@class\"",
            "Name = 3", "NegativeSlope = -0.1", "NegativeSlope = 1", "NegativeSlope = double.NaN",
            "NegativeSlope = double.PositiveInfinity", "NegativeSlope = \"x\"", "NegativeSlope = 0.2", "Alpha = 0.5", "Units = 3",
            "Activation = Activation.Tanh", "Seed = 3", "Foo = 1", "Dropout = 1", "Dropout = -0.5", "Dropout = double.NaN"));

    private static readonly Gen<string> DenseAttribute =
        from units in SizeArgument
        from hasActivation in Gen.Bool
        from activation in ActivationArgument
        from named in NamedArgument.Array[0, 2]
        select $"Dense({string.Join(", ", new[] { units }.Concat(hasActivation ? [activation] : []).Concat(named))})";

    /// <summary>Spatial, normalization and shape layers, mostly plausible for a small image or signal, sometimes not.</summary>
    private static readonly Gen<string> SpatialAttribute = Mostly(
        Gen.OneOfConst(
            "Conv2D(4, 3)", "Conv2D(2, 3, Activation.ReLU, PaddingSize = 1)", "Conv2D(4, 2, Stride = 2, Groups = 2)", "Conv2D(3, 3, Padding = Padding.Same, Dilation = 2)",
            "Conv1D(4, 3)", "Conv1D(2, 2, Activation.GELU, Padding = Padding.Same)", "MaxPool2D(2)", "AvgPool2D(3, Stride = 1, PaddingSize = 1)",
            "MaxPool1D(2)", "AvgPool1D(2)", "GlobalAveragePool", "Flatten", "BatchNorm", "BatchNorm(Momentum = 0.3)", "LayerNorm",
            "LayerNorm(NormalizedDimensions = 1, ElementwiseAffine = false)", "Dropout(0.3)", "Activation(Activation.SiLU)", "Activation(Activation.ELU, Alpha = 0.5)"),
        Gen.OneOfConst(
            "Conv2D(0, 3)", "Conv2D(4, 0)", "Conv2D(4, 99)", "Conv2D(4, 3, Stride = 0)", "Conv2D(4, 3, Groups = 3)", "Conv2D(4, 3, Stride = 2, Padding = Padding.Same)",
            "Conv2D(4, 3, Padding = (Padding)7)", "Conv1D(4, 3, Dilation = -1)", "MaxPool2D(0)", "MaxPool2D(2, PaddingSize = 2)", "AvgPool1D(50)",
            "BatchNorm(Momentum = 2)", "BatchNorm(Epsilon = 0)", "LayerNorm(NormalizedDimensions = 5)", "Dropout(1.5)", "Activation((Activation)42)",
            "Activation(Activation.Softmax)", "Activation(Activation.ELU, Alpha = -1)", "Conv2D(4, 3, PaddingSize = -1)"));

    private static readonly Gen<string> NetworkAttribute = Mostly(
        Gen.OneOfConst("Network", "Network()", "Network(Precision.Double)", "Network(Precision.Single, Seed = -5)", "Network(Seed = long.MinValue)"),
        Gen.OneOfConst("Network((Precision)5)", "Network(\"x\")", "Network(Seed = \"x\")", "Network(Precision.Double, Precision.Single)"));

    private static readonly Gen<string> InputAttribute =
        from size in SizeArgument
        from extra in Gen.Frequency((6, Gen.Const(string.Empty)), (2, Gen.OneOfConst(", 6", ", 5, 6", ", 1, 8")), (1, Gen.OneOfConst(", 4, 4, 4", ", 0", ", Name = \"x\"")))
        select $"Input({size}{extra})";

    private static readonly Gen<string> LossAttribute = Mostly(
        Gen.OneOfConst(
            "Loss(LossFunction.MeanSquaredError)", "Loss(LossFunction.BinaryCrossEntropy)", "Loss(LossFunction.CrossEntropy)",
            "Loss(function: LossFunction.MeanSquaredError)"),
        Gen.OneOfConst("Loss((LossFunction)9)", "Loss()", "Loss(\"x\")", "Loss(Activation.Tanh)"));

    private static readonly Gen<string> OptimizerAttribute = Mostly(
        Gen.OneOfConst(
            "Optimizer(OptimizerKind.Adam)", "Optimizer(OptimizerKind.Sgd, LearningRate = 0.1, Momentum = 0.9)",
            "Optimizer(OptimizerKind.AdamW, WeightDecay = 0.01, Amsgrad = true)", "Optimizer(OptimizerKind.RMSprop, Momentum = 0.9, Centered = true)"),
        Gen.OneOfConst(
            "Optimizer((OptimizerKind)9)", "Optimizer(OptimizerKind.Adam, LearningRate = 0)", "Optimizer(OptimizerKind.Adam, Beta1 = 1)",
            "Optimizer(OptimizerKind.Adam, Momentum = 0.9)", "Optimizer()", "Optimizer(\"x\")", "Optimizer(OptimizerKind.RMSprop, Epsilon = double.NaN)"));

    /// <summary>Text that does not even parse as an attribute argument list.</summary>
    private static readonly Gen<string> BrokenAttribute = Gen.OneOfConst("Dense(3,,)", "Dense(, 2)", "Dense(3", "Input(3))", "Dense 3", "Network(");

    /// <summary>Usually one [Network] and one [Input], 1–4 layers, an optional loss and optimizer, in that order; sometimes not.</summary>
    private static readonly Gen<string[]> Attributes =
        from network in Gen.Frequency((12, NetworkAttribute.Array[1]), (1, NetworkAttribute.Array[0]), (1, NetworkAttribute.Array[2]))
        from input in Gen.Frequency((12, InputAttribute.Array[1]), (1, InputAttribute.Array[0]), (1, InputAttribute.Array[2]))
        from layers in Gen.Frequency((8, DenseAttribute.Array[1, 4]), (4, Gen.Frequency((1, DenseAttribute), (2, SpatialAttribute)).Array[1, 5]), (1, DenseAttribute.Array[0]))
        from loss in LossAttribute.Array[0, 1]
        from optimizer in Gen.Frequency((4, OptimizerAttribute.Array[0]), (1, OptimizerAttribute.Array[1]))
        from broken in Gen.Frequency((15, Gen.Const(System.Array.Empty<string>())), (1, BrokenAttribute.Array[1]))
        from shuffle in Gen.Frequency((6, Gen.Const(false)), (1, Gen.Const(true)))
        let all = network.Concat(input).Concat(layers).Concat(loss).Concat(optimizer).Concat(broken).ToArray()
        from ordered in shuffle ? Gen.Shuffle(all) : Gen.Const(all)
        select ordered;

    private static readonly Gen<string> Declaration = Mostly(
        Gen.OneOfConst(
            "public partial class Net { }", "internal sealed partial class Net { }", "public abstract partial class Net { }",
            "public partial class @class { }"),
        Gen.OneOfConst(
            "public class Net { }", "public static partial class Net { }", "public partial class Net<T> { }",
            "public partial record Net;", "public partial struct Net { }", "public partial interface Net { }",
            "file partial class Net { }", "public partial class Forward { }", "public partial class HiddenSize { }"));

    private static readonly Gen<string> Nesting = Mostly(
        Gen.OneOfConst(string.Empty, string.Empty, "public partial class Outer", "public partial record struct Outer"),
        Gen.OneOfConst("public class Outer", "public partial class Outer<T>", "public partial interface IOuter"));

    private static readonly Gen<(string Source, LanguageVersion Version)> MalformedNetwork =
        from attributes in Attributes
        from declaration in Declaration
        from split in Gen.Frequency((8, Gen.Const(0)), (1, Gen.Int[1, 5]))
        from nesting in Nesting
        from ns in Gen.OneOfConst("Demo", "Demo", "Demo", "@if.Demo", string.Empty)
        from version in Gen.Frequency((12, Gen.Const(LanguageVersion.CSharp12)), (1, Gen.Const(LanguageVersion.CSharp11)))
        select (Render(ns, nesting, attributes, declaration, split), version);

    [Fact]
    public void MalformedAttributes_NeverThrow_AndAreDiagnosedOrCompile()
        => MalformedNetwork.Sample(
            CheckMalformed,
            iter: MalformedIterations,
            print: sample => $"C# {sample.Item2.ToDisplayString()}:\n{sample.Item1}");

    private static void CheckMalformed(string source, LanguageVersion version)
    {
        GeneratorRun run = GeneratorHarness.Run(version, source);
        Assert.Null(run.Exception);

        SyntaxTree tree = run.Output.SyntaxTrees.First();
        Assert.All(run.GeneratorDiagnostics, d =>
        {
            Assert.StartsWith("GNN", d.Id, System.StringComparison.Ordinal);
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Same(tree, d.Location.SourceTree);
        });
        if (!run.GeneratorDiagnostics.IsEmpty)
        {
            Assert.Empty(run.GeneratedSources);
            return;
        }

        string[] userDiagnostics = Describe(GeneratorHarness.CreateCompilation([source], version).GetDiagnostics());
        if (!userDiagnostics.Any(d => d.Contains(": error ", System.StringComparison.Ordinal)))
        {
            // Valid as far as anyone can tell: whatever the generator added must compile without errors or warnings,
            // leaving only the user's own warnings.
            Assert.Equal(userDiagnostics, Describe(run.CompilationDiagnostics));
        }
    }

    /// <summary>A valid choice nine times in ten, else a wrong one.</summary>
    private static Gen<string> Mostly(Gen<string> valid, Gen<string> wrong) => Gen.Frequency((9, valid), (1, wrong));

    private static string[] Describe(IEnumerable<Diagnostic> diagnostics)
        => diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .Order(System.StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// The file: the attributes on the declaration, in namespace <paramref name="ns"/> (none if empty), optionally
    /// nested in <paramref name="nesting"/>; a nonzero <paramref name="split"/> moves the attributes from that index on
    /// to a second partial declaration.
    /// </summary>
    private static string Render(string ns, string nesting, string[] attributes, string declaration, int split)
    {
        var lines = new List<string> { "using GenNN;", "using GenNN.Training;", string.Empty };
        if (ns.Length > 0)
        {
            lines.Add($"namespace {ns};");
            lines.Add(string.Empty);
        }

        if (nesting.Length > 0)
        {
            lines.Add(nesting);
            lines.Add("{");
        }

        bool splitting = split > 0 && split < attributes.Length;
        lines.AddRange((splitting ? attributes[..split] : attributes).Select(attribute => $"[{attribute}]"));
        lines.Add(declaration);
        if (splitting)
        {
            lines.AddRange(attributes[split..].Select(attribute => $"[{attribute}]"));
            lines.Add(declaration);
        }

        if (nesting.Length > 0)
        {
            lines.Add("}");
        }

        return string.Join("\n", lines);
    }
}
