using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GenNN.Generator.Diagnostics;
using GenNN.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// Every GNN diagnostic, with its exact location. Sources mark each expected diagnostic inline
/// (<c>{|GNN0006:0|}</c>, see <see cref="DiagnosticMarkup"/>); <see cref="Verify(string[])"/> then asserts that the
/// generator reports exactly those GNN diagnostics, as errors, at exactly those spans, that it does not throw,
/// and that it adds no source for an invalid network.
/// </summary>
public sealed partial class DiagnosticsTests
{
    // ---------------------------------------------------------------- valid networks: no diagnostics

    [Fact]
    public void ValidNetwork_ReportsNothing_AndItsOutputCompiles()
    {
        GeneratorRun run = Verify(Network("""
            [Network(Precision.Double, Seed = 1)]
            [Input(3)]
            [Dense(5, Activation.Tanh, Name = "hidden")]
            [Dense(4, Activation.LeakyReLU, NegativeSlope = 0.1)]
            [Dense(2, Activation.Softmax)]
            [Loss(LossFunction.CrossEntropy)]
            """));

        Assert.Equal("Demo.Net.GenNN.g.cs", Assert.Single(run.GeneratedSources).HintName);
    }

    [Theory]
    [InlineData("[Network][Input(2)][Dense(1)] public sealed partial class Net { }")]
    [InlineData("public partial struct Outer { [Network][Input(2)][Dense(1)] public partial class Net { } }")]
    [InlineData("public partial record struct Outer { [Network][Input(2)][Dense(1)] public partial class Net { } }")]
    [InlineData("public static partial class Outer { public partial record Middle { [Network][Input(2)][Dense(1)] internal partial class Net { } } }")]
    public void SupportedDeclarations_ReportNothing(string declaration)
    {
        GeneratorRun run = Verify(Network(string.Empty, declaration));

        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void NetworkInGlobalNamespace_ReportsNothing()
    {
        GeneratorRun run = Verify("""
            using GenNN;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net { }
            """);

        Assert.Equal("Net.GenNN.g.cs", Assert.Single(run.GeneratedSources).HintName);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp12)]
    [InlineData(LanguageVersion.Latest)]
    [InlineData(LanguageVersion.Preview)]
    public void SupportedLanguageVersions_ReportNothing(LanguageVersion version)
        => Verify(version, Network("[Network][Input(2)][Dense(1)]"));

    [Theory]
    [InlineData("0")]
    [InlineData("0.5")]
    [InlineData("0.999")]
    public void SlopeInRange_ReportsNothing(string slope)
        => Verify(Network($"[Network][Input(2)][Dense(1, Activation.LeakyReLU, NegativeSlope = {slope})]"));

    // ---------------------------------------------------------------- GNN0001 class not partial

    [Fact]
    public void GNN0001_ClassNotPartial_OnClassName()
    {
        GeneratorRun run = Verify(Network(
            "[Network][Input(2)][Dense(1)]",
            "public class {|GNN0001:Net|} { }"));

        AssertMessage(run, "Network class 'Net' must be declared 'partial' so the generator can add its implementation");
    }

    // ---------------------------------------------------------------- GNN0002 unsupported containing type

    [Fact]
    public void GNN0002_GenericContainingType_OnClassName()
    {
        GeneratorRun run = Verify(Network(string.Empty, """
            public partial class Outer<T>
            {
                [Network][Input(2)][Dense(1)]
                public partial class {|GNN0002:Net|} { }
            }
            """));

        Assert.Contains("nested in 'Outer', which is generic", Message(run));
    }

    [Fact]
    public void GNN0002_GenericContainingType_IsReportedOnClassName()
    {
        // The exact-set version above is skipped until the extra GNN0003 goes; this checks what is right already.
        GeneratorRun run = GeneratorHarness.Run(Network(string.Empty, """
            public partial class Outer<T>
            {
                [Network][Input(2)][Dense(1)]
                public partial class Net { }
            }
            """));

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "GNN0002");
        Assert.Equal("Net", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Contains("nested in 'Outer', which is generic", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void GNN0002_NonPartialContainingType_OnClassName()
    {
        GeneratorRun run = Verify(Network(string.Empty, """
            public class Outer
            {
                [Network][Input(2)][Dense(1)]
                public partial class {|GNN0002:Net|} { }
            }
            """));

        Assert.Contains("nested in 'Outer', which is not partial", Message(run));
    }

    [Fact]
    public void GNN0002_NonPartialTypeFurtherOut_OnClassName()
        => Verify(Network(string.Empty, """
            public class Outermost
            {
                public partial class Outer
                {
                    [Network][Input(2)][Dense(1)]
                    public partial class {|GNN0002:Net|} { }
                }
            }
            """));

    [Fact]
    public void GNN0002_InterfaceContainingType_OnClassName()
    {
        GeneratorRun run = Verify(Network(string.Empty, """
            public partial interface IOuter
            {
                [Network][Input(2)][Dense(1)]
                public partial class {|GNN0002:Net|} { }
            }
            """));

        Assert.Contains("nested in 'IOuter', which is an interface", Message(run));
    }

    [Fact]
    public void GNN0002_EveryUnsupportedContainingType_IsReported()
        => Verify(Network(string.Empty, """
            public class Outer
            {
                public partial interface IMiddle
                {
                    [Network][Input(2)][Dense(1)]
                    public partial class {|GNN0002,GNN0002:Net|} { }
                }
            }
            """));

    // ---------------------------------------------------------------- GNN0003 unsupported network type

    [Fact]
    public void GNN0003_StaticClass_OnClassName()
    {
        GeneratorRun run = Verify(Network(
            "[Network][Input(2)][Dense(1)]",
            "public static partial class {|GNN0003:Net|} { }"));

        Assert.StartsWith("Network class 'Net' is static; a network must be ", Message(run));
    }

    [Fact]
    public void GNN0003_GenericClass_OnClassName()
    {
        GeneratorRun run = Verify(Network(
            "[Network][Input(2)][Dense(1)]",
            "public partial class {|GNN0003:Net|}<T> { }"));

        Assert.StartsWith("Network class 'Net' is generic; a network must be ", Message(run));
    }

    [Theory]
    [InlineData("public partial record {|GNN0003:Net|};", "a record")]
    [InlineData("public sealed partial record {|GNN0003:Net|}(int Width);", "a record")]
    [InlineData("file partial class {|GNN0003:Net|} { }", "file-local")]
    public void GNN0003_RecordOrFileLocalClass_OnClassName(string declaration, string reason)
    {
        GeneratorRun run = Verify(Network("[Network][Input(2)][Dense(1)]", declaration));

        Assert.StartsWith($"Network class 'Net' is {reason}", Message(run));
    }

    [Fact]
    public void GNN0003_DerivedFromAnotherNetwork_OnDerivedClassName()
    {
        GeneratorRun run = Verify(Network("""
            [Network][Input(2)][Dense(1)]
            public partial class Base { }

            [Network][Input(2)][Dense(1)]
            public partial class {|GNN0003:Derived|} : Base { }
            """));

        Assert.StartsWith("Network class 'Derived' is derived from network 'Base'", Message(run));
        Assert.Equal("Demo.Base.GenNN.g.cs", Assert.Single(run.GeneratedSources).HintName);
    }

    [Fact]
    public void GNN0001_And_GNN0003_NonPartialGenericClass_BothOnClassName()
        => Verify(Network("[Network][Input(2)][Dense(1)]", "public class {|GNN0001,GNN0003:Net|}<T> { }"));

    // ---------------------------------------------------------------- GNN0004 missing [Input]

    [Fact]
    public void GNN0004_MissingInput_OnNetworkAttribute()
    {
        GeneratorRun run = Verify(Network("""
            [{|GNN0004:Network(Precision.Double)|}]
            [Dense(2)]
            """));

        AssertMessage(run, "Network 'Net' has no [Input] attribute; declare the input size with [Input(n)] before the first layer");
    }

    // ---------------------------------------------------------------- GNN0005 no layers

    [Fact]
    public void GNN0005_NoLayers_OnNetworkAttribute()
        => Verify(Network("""
            [{|GNN0005:Network(Precision.Double)|}]
            [Input(3)]
            [Loss(LossFunction.MeanSquaredError)]
            """));

    [Fact]
    public void GNN0004_And_GNN0005_BareNetwork_BothOnNetworkAttribute()
        => Verify(Network("[{|GNN0004,GNN0005:Network|}]"));

    // ---------------------------------------------------------------- GNN0006 size ≤ 0

    [Theory]
    [InlineData("0")]
    [InlineData("-4")]
    [InlineData("int.MinValue")]
    [InlineData("shape: 0")]
    public void GNN0006_InputSize_OnSizeArgument(string size)
    {
        GeneratorRun run = Verify(Network($$"""
            [Network]
            [Input({|GNN0006:{{size}}|})]
            [Dense(2)]
            """));

        Assert.StartsWith("Input size must be at least 1, but is ", Message(run));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("units: 0")]
    public void GNN0006_DenseUnits_OnUnitsArgument(string units)
    {
        GeneratorRun run = Verify(Network($$"""
            [Network]
            [Input(3)]
            [Dense(4)]
            [Dense({|GNN0006:{{units}}|}, Activation.Tanh)]
            """));

        Assert.StartsWith("Layer 2 'Layer2': units must be at least 1, but is ", Message(run));
    }

    [Theory]
    [InlineData("[Input(4, 2)]", "[Lstm({|GNN0006:0|}, Name = \"Encoder\")]", "Layer 1 'Encoder': units must be at least 1, but is 0")]
    [InlineData("[Input(1, 4, 4)]", "[Conv2D({|GNN0006:-2|}, 3)]", "Layer 1 'Layer1': filters must be at least 1, but is -2")]
    public void GNN0006_RecurrentUnitsAndFilters_NameTheLayer(string input, string layer, string message)
    {
        GeneratorRun run = Verify(Network($$"""
            [Network]
            {{input}}
            {{layer}}
            """));

        Assert.Equal(message, Message(run));
    }

    [Fact]
    public void GNN0006_DenseUnitsNamedOutOfOrder_OnUnitsArgument()
        => Verify(Network("""
            [Network]
            [Input(3)]
            [Dense(activation: Activation.Tanh, {|GNN0006:units: -2|})]
            """));

    [Fact]
    public void GNN0006_EveryNonPositiveSize_IsReported()
        => Verify(Network("""
            [Network]
            [Input({|GNN0006:0|})]
            [Dense({|GNN0006:0|})]
            [Dense(2)]
            [Dense({|GNN0006:-7|})]
            """));

    // ---------------------------------------------------------------- GNN0007 Softmax not last

    [Fact]
    public void GNN0007_SoftmaxOnHiddenLayer_OnActivationArgument()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(3)]
            [Dense(4, {|GNN0007:Activation.Softmax|}, Name = "hidden")]
            [Dense(2)]
            """));

        AssertMessage(run, "Layer 1 'Hidden' uses Softmax, which is allowed on the last layer only (layer 2)");
    }

    [Fact]
    public void GNN0007_NamedActivationArgument_OnThatArgument()
        => Verify(Network("""
            [Network]
            [Input(3)]
            [Dense(4)]
            [Dense(4, {|GNN0007:activation: Activation.Softmax|})]
            [Dense(2, Activation.Softmax)]
            """));

    // ---------------------------------------------------------------- GNN0008 loss / output activation mismatch

    [Theory]
    [InlineData("Identity")]
    [InlineData("ReLU")]
    [InlineData("LeakyReLU")]
    [InlineData("Sigmoid")]
    [InlineData("Tanh")]
    public void GNN0008_CrossEntropyWithoutSoftmax_OnLossArgument(string activation)
    {
        GeneratorRun run = Verify(Network($$"""
            [Network]
            [Input(3)]
            [Dense(2, Activation.{{activation}})]
            [Loss({|GNN0008:LossFunction.CrossEntropy|})]
            """));

        AssertMessage(run, $"Loss CrossEntropy requires the last layer to use Softmax, but layer 1 'Layer1' uses {activation}");
    }

    [Theory]
    [InlineData("Identity")]
    [InlineData("ReLU")]
    [InlineData("LeakyReLU")]
    [InlineData("Tanh")]
    [InlineData("Softmax")]
    public void GNN0008_BinaryCrossEntropyWithoutSigmoid_OnLossArgument(string activation)
        => Verify(Network($$"""
            [Network]
            [Input(3)]
            [Dense(4, Activation.Tanh)]
            [Dense(2, Activation.{{activation}})]
            [Loss({|GNN0008:LossFunction.BinaryCrossEntropy|})]
            """));

    [Fact]
    public void GNN0008_NamedLossArgument_OnThatArgument()
        => Verify(Network("""
            [Network]
            [Input(3)]
            [Dense(2, Activation.Sigmoid)]
            [Loss({|GNN0008:function: LossFunction.CrossEntropy|})]
            """));

    [Theory]
    [InlineData("Sigmoid", "CrossEntropy", "BinaryCrossEntropy,MeanSquaredError")]
    [InlineData("Softmax", "BinaryCrossEntropy", "CrossEntropy,MeanSquaredError")]
    [InlineData("Tanh", "CrossEntropy", "MeanSquaredError")]
    public void GNN0008_NamesTheLossesThatFit_ForItsCodeFix(string activation, string loss, string fitting)
    {
        GeneratorRun run = Verify(Network($$"""
            [Network]
            [Input(3)]
            [Dense(2, Activation.{{activation}})]
            [Loss({|GNN0008:LossFunction.{{loss}}|})]
            """));

        Assert.Equal(fitting, Assert.Single(run.GeneratorDiagnostics).Properties[DiagnosticDescriptors.FittingLossesProperty]);
    }

    [Theory]
    [InlineData("Softmax", "CrossEntropy")]
    [InlineData("Sigmoid", "BinaryCrossEntropy")]
    [InlineData("Softmax", "MeanSquaredError")]
    [InlineData("ReLU", "MeanSquaredError")]
    public void CompatibleLosses_ReportNothing(string activation, string loss)
        => Verify(Network($"[Network][Input(3)][Dense(2, Activation.{activation})][Loss(LossFunction.{loss})]"));

    // ---------------------------------------------------------------- GNN0009 undefined enum value

    [Theory]
    [InlineData("(Activation)42", "42")]
    [InlineData("(Activation)(-1)", "-1")]
    public void GNN0009_UndefinedActivation_OnActivationArgument(string activation, string value)
    {
        GeneratorRun run = Verify(Network($$"""
            [Network]
            [Input(3)]
            [Dense(2, {|GNN0009:{{activation}}|})]
            """));

        AssertMessage(run, $"{value} is not a defined Activation value; use one of: Identity, ReLU, LeakyReLU, Sigmoid, Tanh, Softmax, ELU, GELU, GELUTanh, SiLU, Softplus");
    }

    [Fact]
    public void GNN0009_UndefinedLossFunction_OnFunctionArgument()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(3)]
            [Dense(2)]
            [Loss({|GNN0009:(LossFunction)9|})]
            """));

        AssertMessage(run, "9 is not a defined LossFunction value; use one of: MeanSquaredError, BinaryCrossEntropy, CrossEntropy");
    }

    [Fact]
    public void GNN0009_UndefinedPrecision_OnPrecisionArgument()
    {
        GeneratorRun run = Verify(Network("""
            [Network({|GNN0009:(Precision)5|}, Seed = 3)]
            [Input(3)]
            [Dense(2)]
            """));

        AssertMessage(run, "5 is not a defined Precision value; use one of: Single, Double");
    }

    // ---------------------------------------------------------------- GNN0010 layers split across partial declarations

    [Fact]
    public void GNN0010_LayerOnAnotherPartialDeclaration_OnThatAttribute()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(3)]
            [Dense(4)]
            public partial class Net { }

            [{|GNN0010:Dense(2)|}]
            [{|GNN0010:Loss(LossFunction.MeanSquaredError)|}]
            """));

        Assert.Equal(
            "Network 'Net' has [Dense] on a different partial declaration than its other network attributes; put [Network], [Input], the layers and [Loss] on one declaration so their order is defined",
            run.GeneratorDiagnostics[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void GNN0010_LayerInAnotherFile_OnThatAttribute()
        => Verify(
            Network("[Network][Input(3)][Dense(4)]"),
            Network("[{|GNN0010:Dense(2)|}]"));

    [Fact]
    public void GNN0010_InputOnAnotherPartialDeclaration_IsNotAlsoReportedMissing()
        => Verify(
            Network("[Network][Dense(4)]"),
            Network("[{|GNN0010:Input(3)|}]"));

    [Fact]
    public void GNN0010_OnlyLayerOnAnotherPartialDeclaration_IsNotAlsoNoLayers()
        => Verify(
            Network("[Network][Input(3)]"),
            Network("[{|GNN0010:Dense(2)|}]"));

    // ---------------------------------------------------------------- GNN0011 malformed attribute

    [Fact]
    public void GNN0011_OnlyLayerMalformed_IsNotAlsoNoLayers()
        => VerifyWithCompilerErrors(
            Network("""
                [Network]
                [Input(3)]
                [{|GNN0011:Dense("x")|}]
                """),
            "CS1503");

    [Fact]
    public void GNN0011_StringForUnits_OnDenseAttribute()
    {
        GeneratorRun run = VerifyWithCompilerErrors(
            Network("""
                [Network]
                [Input(3)]
                [{|GNN0011:Dense("x")|}]
                [Dense(2)]
                """),
            "CS1503");

        AssertMessage(run, "The [Dense] attribute could not be read: its arguments match none of its constructors");
    }

    [Fact]
    public void GNN0011_StringForPrecision_OnNetworkAttribute()
        => VerifyWithCompilerErrors(
            Network("""
                [{|GNN0011:Network("double")|}]
                [Input(3)]
                [Dense(2)]
                """),
            "CS1503");

    [Fact]
    public void GNN0023_NoDimensions_OnInputAttribute()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [{|GNN0023:Input()|}]
            [Dense(2)]
            """));

        AssertMessage(run, "The input shape [] is not supported: give one to three dimensions: [N] a vector, [C, L] a signal or [T, F] a sequence, [C, H, W] an image");
    }

    [Fact]
    public void GNN0023_FourDimensions_OnInputAttribute()
        => Verify(Network("""
            [Network]
            [{|GNN0023:Input(1, 2, 3, 4)|}]
            [Dense(2)]
            """));

    [Fact]
    public void GNN0011_TooManyArguments_OnDenseAttribute()
        => VerifyWithCompilerErrors(
            Network("""
                [Network]
                [Input(3)]
                [Dense(2)]
                [{|GNN0011:Dense(2, Activation.Tanh, 0.5)|}]
                """),
            "CS1729");

    [Fact]
    public void GNN0011_NonConstantArgument_OnDenseAttribute()
        => VerifyWithCompilerErrors(
            Network(
                """
                [Network]
                [Input(3)]
                [{|GNN0011:Dense(Sizes.Hidden)|}]
                [Dense(2)]
                """,
                "public partial class Net { }\n\npublic static class Sizes { public static int Hidden = 4; }"),
            "CS0182");

    [Fact]
    public void GNN0011_NamedArgumentOfWrongType_OnDenseAttribute()
    {
        GeneratorRun run = VerifyWithCompilerErrors(
            Network("""
                [Network]
                [Input(3)]
                [Dense(2)]
                [{|GNN0011:Dense(2, Activation.LeakyReLU, NegativeSlope = "steep")|}]
                """),
            "CS0029");

        AssertMessage(run, "The [Dense] attribute could not be read: the value of 'NegativeSlope' is not a constant of its type");
    }

    // ---------------------------------------------------------------- GNN0012 [Input] after a layer

    [Fact]
    public void GNN0012_InputAfterLayer_OnInputAttribute()
        => Verify(Network("""
            [Network]
            [Dense(4)]
            [{|GNN0012:Input(3)|}]
            [Dense(2)]
            """));

    [Fact]
    public void GNN0012_CarriesTheFirstLayer_ForItsCodeFix()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Dense(4, Activation.Tanh)]
            [Dense(3)]
            [{|GNN0012:Input(3)|}]
            [Dense(2)]
            """));

        Location firstLayer = Assert.Single(Assert.Single(run.GeneratorDiagnostics).AdditionalLocations);
        Assert.Equal("Dense(4, Activation.Tanh)", firstLayer.SourceTree!.GetText().ToString(firstLayer.SourceSpan));
    }

    [Fact]
    public void GNN0012_InputAfterLastLayer_OnInputAttribute()
        => Verify(Network("""
            [Network]
            [Dense(2)]
            [Loss(LossFunction.MeanSquaredError)]
            [{|GNN0012:Input(3)|}]
            """));

    // ---------------------------------------------------------------- GNN0013 invalid NegativeSlope

    [Theory]
    [InlineData("-0.1", "-0.1")]
    [InlineData("-double.Epsilon", "-5E-324")]
    [InlineData("1", "1")]
    [InlineData("1.5", "1.5")]
    [InlineData("double.NaN", "NaN")]
    [InlineData("double.PositiveInfinity", "Infinity")]
    [InlineData("double.NegativeInfinity", "-Infinity")]
    public void GNN0013_SlopeOutOfRange_OnNegativeSlopeArgument(string slope, string shown)
    {
        GeneratorRun run = Verify(Network($$"""
            [Network]
            [Input(3)]
            [Dense(2, Activation.LeakyReLU, {|GNN0013:NegativeSlope = {{slope}}|})]
            """));

        AssertMessage(run, $"NegativeSlope must be a finite number from 0 up to (not including) 1, but is {shown}");
    }

    // ---------------------------------------------------------------- GNN0014 invalid layer name

    [Theory]
    [InlineData("\"my layer\"")]
    [InlineData("\"1st\"")]
    [InlineData("\"\"")]
    [InlineData("\"hid-den\"")]
    [InlineData("\"@class\"")]
    [InlineData("null")]
    public void GNN0014_NotAnIdentifier_OnNameArgument(string name)
    {
        GeneratorRun run = Verify(Network($$"""
            [Network]
            [Input(3)]
            [Dense(2, {|GNN0014:Name = {{name}}|})]
            """));

        Assert.EndsWith("is not a valid C# identifier", Message(run));
    }

    // ---------------------------------------------------------------- GNN0015 language version

    [Theory]
    [InlineData(LanguageVersion.CSharp10, "10.0")]
    [InlineData(LanguageVersion.CSharp11, "11.0")]
    public void GNN0015_LanguageVersionBelow12_OnNetworkAttribute(LanguageVersion version, string shown)
    {
        GeneratorRun run = Verify(version, Network("""
            [{|GNN0015:Network(Precision.Double)|}]
            [Input(3)]
            [Dense(2)]
            """));

        AssertMessage(run, $"GenNN's generated code needs C# 12 or later (a streaming network's State, for one, is an [InlineArray] buffer); this project uses C# {shown}");
    }

    // ---------------------------------------------------------------- GNN0016 network too large

    [Fact]
    public void GNN0016_LayerWithTooManyWeights_OnLayerAttribute()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(100000)]
            [{|GNN0016:Dense(100000)|}]
            """));

        AssertMessage(run, "The network is too large: layer 1 would have 10000100000 parameters, more than 32 MiB of floats a parameter buffer may take");
    }

    [Fact]
    public void GNN0016_NormalizationOverTooManyFeatures_OnLayerAttribute()
    {
        // 4 · (2^31 − 1) + 1 parameters and running statistics: more than a 32-bit count holds (found by the malformed-attribute property test,
        // whose generator crashed summing them).
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(int.MaxValue)]
            [{|GNN0016:BatchNorm|}]
            """));

        AssertMessage(run, "The network is too large: layer 1 would have 8589934589 parameters and state values, more than 32 MiB of floats a parameter buffer may take");
    }

    [Fact]
    public void GNN0016_TooMuchTrainingScratchPerSample_OnNetworkAttribute()
    {
        // Values (2 Mi + 2 Mi + 1), head output, two masks and the deltas: 12,000,003 floats per sample, over 32 MiB.
        GeneratorRun run = Verify(Network("""
            [{|GNN0016:Network|}]
            [Input(2000000)]
            [Dropout(0.5)]
            [Dropout(0.5)]
            [Dense(1)]
            [Loss(LossFunction.MeanSquaredError)]
            """));

        AssertMessage(run, "The network is too large: one sample's activations, deltas, masks and statistics take 48000012 bytes; at most 32 MiB are supported");
    }

    [Fact]
    public void GNN0016_SameNetworkInferenceOnly_Fits()
        => Verify(Network("""
            [Network]
            [Input(2000000)]
            [Dropout(0.5)]
            [Dropout(0.5)]
            [Dense(1)]
            """));

    [Fact]
    public void GNN0016_TooManyDoubleParametersInAll_OnNetworkAttribute()
    {
        // Each layer fits, but 2 · (1448² + 1448) = 4,196,304 doubles exceed the 32 MiB buffer (4 Mi doubles).
        GeneratorRun run = Verify(Network("""
            [{|GNN0016:Network(Precision.Double)|}]
            [Input(1448)]
            [Dense(1448)]
            [Dense(1448)]
            """));

        AssertMessage(run, "The network is too large: it has 4196304 parameters; at most 4194304 fit the 32 MiB a parameter buffer may take in double");
    }

    [Fact]
    public void GNN0016_SameParametersInSingle_Fit()
        => Verify(Network("""
            [Network(Precision.Single)]
            [Input(1448)]
            [Dense(1448)]
            [Dense(1448)]
            """));

    [Fact]
    public void GNN0016_SeveralHugeLayers_OnOversizedLayerAndNetwork()
        => Verify(Network("""
            [Network]
            [Input(1)]
            [Dense(100000)]
            [{|GNN0016:Dense(100000)|}]
            [Dense(100000)]
            """));

    // ---------------------------------------------------------------- GNN0017 generated member names collide

    [Theory]
    [InlineData("Input")]
    [InlineData("input")]
    [InlineData("Output")]
    [InlineData("output")]
    public void GNN0017_NameMakingANetworkMember_OnNameArgument(string name)
    {
        GeneratorRun run = Verify(Network($$"""
            [Network]
            [Input(3)]
            [Dense(2, {|GNN0017:Name = "{{name}}"|})]
            """));

        string capitalized = char.ToUpperInvariant(name[0]) + name[1..];
        AssertMessage(run, $"A member of layer 1 '{capitalized}' would be named '{capitalized}Size', which the network itself already uses; rename the layer or the class");
    }

    [Fact]
    public void GNN0017_DuplicateName_OnSecondNameArgument()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(3)]
            [Dense(4, Name = "hidden")]
            [Dense(4, {|GNN0017:Name = "Hidden"|})]
            [Dense(2)]
            """));

        AssertMessage(run, "A member of layer 2 'Hidden' would be named 'HiddenInputSize', which layer 1 'Hidden' already uses; rename the layer or the class");
    }

    [Fact]
    public void GNN0017_NameTakingAnotherLayersDefault_OnThatLayersAttribute()
        => Verify(Network("""
            [Network]
            [Input(3)]
            [Dense(4, Name = "layer2")]
            [{|GNN0017:Dense(2)|}]
            """));

    [Theory]
    [InlineData("hidden", "hiddenInput")]
    [InlineData("hiddenInput", "hidden")]
    [InlineData("h", "hInput")]
    public void GNN0017_NamesWhoseMembersCollide_OnSecondNameArgument(string first, string second)
        => Verify(Network($$"""
            [Network]
            [Input(3)]
            [Dense(4, Name = "{{first}}")]
            [Dense(2, {|GNN0017:Name = "{{second}}"|})]
            """));

    [Fact]
    public void GNN0014_NameWithAnInvisibleFormattingCharacter_OnNameArgument()
        => Verify(Network("""
            [Network]
            [Input(3)]
            [Dense(4, Name = "abc")]
            [Dense(2, {|GNN0014:Name = "ab\u00ADc"|})]
            """));

    [Theory]
    [InlineData("Forward")]
    [InlineData("Parameters")]
    [InlineData("InputSize")]
    [InlineData("Layer1Weights")]
    [InlineData("ResetToTrainedWeights")]
    [InlineData("TrainedLayer1Weights")]
    public void GNN0017_ClassNamedLikeAGeneratedMember_OnClassName(string name)
    {
        GeneratorRun run = Verify(Network("[Network][Input(2)][Dense(1)]", $"public partial class {{|GNN0017:{name}|}} {{ }}"));

        Assert.StartsWith($"The network class would be named '{name}', which a generated member of ", Message(run));
    }

    // ---------------------------------------------------------------- GNN0018 invalid dropout

    [Theory]
    [InlineData("-0.1", "-0.1")]
    [InlineData("1", "1")]
    [InlineData("double.NaN", "NaN")]
    public void GNN0018_DropoutOutOfRange_OnDropoutArgument(string rate, string shown)
    {
        GeneratorRun run = Verify(Network($$"""
            [Network]
            [Input(3)]
            [Dense(4, Activation.ReLU, {|GNN0018:Dropout = {{rate}}|})]
            [Dense(2)]
            """));

        AssertMessage(run, $"Dropout of layer 1 must be a probability from 0 up to (not including) 1, but is {shown}");
    }

    [Fact]
    public void GNN0018_DropoutOnOutputLayer_OnDropoutArgument()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(3)]
            [Dense(4, Activation.ReLU, Dropout = 0.5)]
            [Dense(2, {|GNN0018:Dropout = 0.5|})]
            """));

        Assert.StartsWith("Dropout of layer 2 is not allowed on the output layer", Message(run));
    }

    [Fact]
    public void DropoutOnHiddenLayer_ReportsNothing()
        => Verify(Network("[Network][Input(3)][Dense(4, Activation.ReLU, Dropout = 0.5)][Dense(2)][Loss(LossFunction.MeanSquaredError)]"));

    // ---------------------------------------------------------------- GNN0019 invalid optimizer

    [Fact]
    public void GNN0019_OptimizerWithoutLoss_OnOptimizerAttribute()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(3)]
            [Dense(2)]
            [{|GNN0019:Optimizer(OptimizerKind.Adam)|}]
            """));

        AssertMessage(run, "[Optimizer] is invalid: an inference-only network (no [Loss]) has nothing to optimize");
    }

    [Theory]
    [InlineData("OptimizerKind.Adam, Beta1 = 0.8", "LearningRate = 0", "LearningRate = 0 is out of range: it must be finite, positive")]
    [InlineData("OptimizerKind.Adam, Beta1 = 0.8", "LearningRate = double.PositiveInfinity", "LearningRate = Infinity is out of range: it must be finite, positive")]
    [InlineData("OptimizerKind.Adam, Beta1 = 0.8", "Epsilon = -1e-8", "Epsilon = -1E-08 is out of range: it must be finite, non-negative")]
    [InlineData("OptimizerKind.Adam, Beta1 = 0.8", "Beta2 = 1", "Beta2 = 1 is out of range: it must be finite, non-negative and below 1")]
    [InlineData("OptimizerKind.Sgd, Momentum = 0.9", "Dampening = 1", "Dampening = 1 is out of range: it must be finite, non-negative and below 1")]
    [InlineData("OptimizerKind.Sgd, Momentum = 0.9", "Dampening = -0.5", "Dampening = -0.5 is out of range: it must be finite, non-negative and below 1")]
    public void GNN0019_SettingOutOfRange_OnThatSetting(string optimizer, string setting, string problem)
    {
        GeneratorRun run = Verify(Network($$"""
            [Network]
            [Input(3)]
            [Dense(2)]
            [Loss(LossFunction.MeanSquaredError)]
            [Optimizer({{optimizer}}, {|GNN0019:{{setting}}|})]
            """));

        AssertMessage(run, "[Optimizer] is invalid: " + problem);
    }

    [Fact]
    public void GNN0019_NesterovWithoutMomentum_OnNesterovSetting()
        => Verify(Network("""
            [Network]
            [Input(3)]
            [Dense(2)]
            [Loss(LossFunction.MeanSquaredError)]
            [Optimizer(OptimizerKind.Sgd, {|GNN0019:Nesterov = true|})]
            """));

    [Fact]
    public void GNN0019_NesterovWithDampening_OnNesterovSetting()
        => Verify(Network("""
            [Network]
            [Input(3)]
            [Dense(2)]
            [Loss(LossFunction.MeanSquaredError)]
            [Optimizer(OptimizerKind.Sgd, Momentum = 0.9, Dampening = 0.1, {|GNN0019:Nesterov = true|})]
            """));

    [Fact]
    public void GNN0009_UndefinedOptimizerKind_OnKindArgument()
        => Verify(Network("""
            [Network]
            [Input(3)]
            [Dense(2)]
            [Loss(LossFunction.MeanSquaredError)]
            [Optimizer({|GNN0009:(OptimizerKind)7|})]
            """));

    [Fact]
    public void ValidOptimizer_ReportsNothing()
        => Verify(Network("""
            [Network]
            [Input(3)]
            [Dense(2)]
            [Loss(LossFunction.MeanSquaredError)]
            [Optimizer(OptimizerKind.Sgd, LearningRate = 0.1, Momentum = 0.9, Nesterov = true, WeightDecay = 1e-4)]
            """));

    // ---------------------------------------------------------------- helpers

    /// <summary>A file declaring <paramref name="declaration"/> in namespace <c>Demo</c> under <paramref name="attributes"/>.</summary>
    private static string Network(string attributes, string declaration = "public partial class Net { }")
        => $"""
            using GenNN;
            using GenNN.Training;

            namespace Demo;

            {attributes}
            {declaration}
            """;

    private static GeneratorRun Verify(params string[] markupSources) => Verify(LanguageVersion.CSharp12, markupSources);

    /// <summary>
    /// Runs the generator and checks the GNN diagnostics against the markup. The test source itself must compile,
    /// so the GNN diagnostics are the only errors; a network with diagnostics gets no source, one without compiles.
    /// </summary>
    private static GeneratorRun Verify(LanguageVersion version, params string[] markupSources)
    {
        GeneratorRun run = RunAndCompare(version, markupSources);
        Assert.Empty(run.CompilationDiagnostics);
        return run;
    }

    /// <summary>Like <see cref="Verify(string[])"/> for sources the compiler rejects too, with (at least) <paramref name="compilerErrors"/>.</summary>
    private static GeneratorRun VerifyWithCompilerErrors(string markupSource, params string[] compilerErrors)
    {
        GeneratorRun run = RunAndCompare(LanguageVersion.CSharp12, markupSource);
        string[] reported = run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToArray();
        Assert.All(compilerErrors, id => Assert.Contains(id, reported));
        return run;
    }

    private static GeneratorRun RunAndCompare(LanguageVersion version, params string[] markupSources)
    {
        DiagnosticMarkup[] markups = markupSources.Select((markup, i) => DiagnosticMarkup.Parse(markup, $"Source{i}.cs")).ToArray();
        GeneratorRun run = GeneratorHarness.Run(version, markups.Select(markup => markup.Source).ToArray());

        Assert.Null(run.Exception);
        Dictionary<string, SourceText> texts = run.Output.SyntaxTrees.ToDictionary(tree => tree.FilePath, tree => tree.GetText());
        string[] expected = markups
            .SelectMany(markup => markup.Expected)
            .Select(d => Describe(d.Id, d.Path, d.Span, texts))
            .ToArray();
        string[] actual = run.GeneratorDiagnostics
            .OrderBy(d => d.Location.SourceTree?.FilePath, System.StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, System.StringComparer.Ordinal)
            .Select(d => Describe(d.Id, d.Location.SourceTree?.FilePath, d.Location.SourceSpan, texts))
            .ToArray();
        Assert.Equal(expected, actual);
        Assert.All(run.GeneratorDiagnostics, d =>
        {
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Equal(LocationKind.SourceFile, d.Location.Kind); // a tree location, which #pragma can address (style guide §3.6)
        });

        int networks = markups.Sum(markup => markup.Source.Split("[Network").Length - 1);
        if (expected.Length > 0 && networks == 1)
        {
            // An invalid network gets no code. (Tests declaring a valid network beside an invalid one check their sources themselves.)
            Assert.Empty(run.GeneratedSources);
        }

        return run;
    }

    /// <summary><c>GNN0006 at Source0.cs(6,8): '0'</c>: the ID, where, and the located text, so a failure shows what moved.</summary>
    private static string Describe(string id, string? path, TextSpan span, Dictionary<string, SourceText> texts)
    {
        if (path is null || !texts.TryGetValue(path, out SourceText? text))
        {
            return $"{id} at a location outside the sources";
        }

        LinePosition start = text.Lines.GetLinePosition(span.Start);
        return $"{id} at {path}({start.Line + 1},{start.Character + 1}): '{text.ToString(span)}'";
    }

    /// <summary>The message of the run's only diagnostic, in the invariant culture.</summary>
    private static string Message(GeneratorRun run) => Assert.Single(run.GeneratorDiagnostics).GetMessage(CultureInfo.InvariantCulture);

    private static void AssertMessage(GeneratorRun run, string expected) => Assert.Equal(expected, Message(run));
}
