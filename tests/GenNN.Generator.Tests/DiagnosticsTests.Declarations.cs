using GenNN.Generator.Tests.Infrastructure;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// Networks the generator used to accept and then write code for that did not compile: a real setting float cannot
/// hold, a member the class declares under a generated member's name, a base class the generated constructors cannot
/// call; and a softmax over one output, which compiles but never trains. Each is now reported on the source at fault,
/// and its accepted neighbour compiles.
/// </summary>
public sealed partial class DiagnosticsTests
{
    // ---------------------------------------------------------------- GNN0022 a setting float cannot hold

    [Theory]
    [InlineData("[Input(4)][Dense(3)]", "BatchNorm({|GNN0022:Epsilon = 1e300|})", "Epsilon = 1E+300 is beyond float's range, so it would be infinite")]
    [InlineData("[Input(4)]", "LayerNorm({|GNN0022:Epsilon = 1e-50|})", "Epsilon = 1E-50 is below float's smallest value, so it would be 0")]
    [InlineData("[Input(4)]", "Dense(3, Activation.ELU, {|GNN0022:Alpha = 1e300|})", "Alpha = 1E+300 is beyond float's range, so it would be infinite")]
    [InlineData("[Input(4)][Dense(3)]", "Activation(Activation.ELU, {|GNN0022:Alpha = 1e300|})", "Alpha = 1E+300 is beyond float's range, so it would be infinite")]
    public void GNN0022_RealSettingFloatCannotHold_OnTheSetting(string before, string layer, string problem)
    {
        GeneratorRun run = Verify(Network($$"""
            [Network]
            {{before}}
            [{{layer}}]
            [Dense(1)]
            """));

        Assert.EndsWith($"{problem} in a float network; use a value float holds, or [Network(Precision.Double)]", Message(run));
    }

    [Fact]
    public void GNN0022_OnADenseLayersOwnActivation_NamesTheDenseLayer()
    {
        // The ELU becomes a layer of its own, Layer1Activation; the user wrote Layer1.
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(4)]
            [Dense(3, Activation.ELU, {|GNN0022:Alpha = 1e300|})]
            [Dense(1)]
            """));

        Assert.StartsWith("Layer 1 'Layer1': Alpha = 1E+300", Message(run));
    }

    [Fact]
    public void TinySettingsThatMeanWhatZeroMeans_Compile()
    {
        // A slope or a dropout rate below float's smallest value is 0 in float, which is harmless (an epsilon is not).
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(4)]
            [Dense(3, Activation.LeakyReLU, NegativeSlope = 1e-50, Dropout = 1e-50)]
            [Dense(1)]
            [Loss(LossFunction.MeanSquaredError)]
            """));

        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void SameSettingsInADoubleNetwork_Compile()
    {
        GeneratorRun run = Verify(Network("""
            [Network(Precision.Double)]
            [Input(4)]
            [Dense(3, Activation.ELU, Alpha = 1e300)]
            [LayerNorm(Epsilon = 1e-50)]
            [BatchNorm(Epsilon = 1e300)]
            [Dense(1)]
            """));

        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void GNN0022_EluAlpha_NamesTheLayer()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(4)]
            [Dense(3, Activation.ELU, {|GNN0022:Alpha = 0|}, Name = "hid")]
            [Dense(1)]
            """));

        AssertMessage(run, "Layer 1 'Hid': ELU's Alpha must be a positive finite number, but is 0");
    }

    // ---------------------------------------------------------------- GNN0017 a member the class declares

    [Theory]
    [InlineData("public int {|GNN0017:InputSize|} => 3;", "InputSize", "the network itself", "that member")]
    [InlineData("private int {|GNN0017:_parameters|} = 1; public int Count => _parameters;", "_parameters", "the network itself", "that member")]
    [InlineData("public void {|GNN0017:HiddenWeights|}() { }", "HiddenWeights", "layer 1 'Hidden'", "that member, or the layer")]
    [InlineData("public int {|GNN0017:Forward|};", "Forward", "the network itself", "that member")]
    public void GNN0017_MemberTheClassDeclares_OnThatMember(string member, string name, string owner, string fix)
    {
        GeneratorRun run = Verify(Network(
            """
            [Network]
            [Input(4)]
            [Dense(3, Name = "Hidden")]
            [Dense(1)]
            """,
            $$"""public partial class Net { {{member}} }"""));

        AssertMessage(run, $"A member GenNN generates for {owner} would be named '{name}', which a member the class declares already uses; rename {fix}");
    }

    [Fact]
    public void MembersNamedLikeWhatOnlyOtherNetworksGet_Compile()
    {
        // State and Step only for streaming networks, ResetToTrainedWeights only with a weights file, TrainBatch only
        // with a loss: this network gets none of them.
        GeneratorRun run = Verify(Network(
            """
            [Network]
            [Input(4)]
            [Dense(2)]
            """,
            """
            public partial class Net
            {
                public int Step { get; set; }

                public enum State { Idle, Busy }

                public const int FrameSize = 3;

                public int TrainBatch;

                public void ResetToTrainedWeights() { }
            }
            """));

        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void OverloadsOfGeneratedMethods_Compile()
    {
        GeneratorRun run = Verify(Network(
            """
            [Network]
            [Input(4)]
            [Dense(2)]
            """,
            """
            public partial class Net
            {
                public float[] Forward(float[] input)
                {
                    var output = new float[OutputSize];
                    Forward(input, output);
                    return output;
                }
            }
            """));

        Assert.Single(run.GeneratedSources);
    }

    // ---------------------------------------------------------------- GNN0036 base class without a parameterless constructor

    [Fact]
    public void GNN0036_BaseWithOnlyAConstructorWithArguments_OnTheClassName()
    {
        // Without the generated constructors the class's implicit one fails too (CS7036, on the class), and GNN0036
        // says why; with them, the error was in generated code.
        GeneratorRun run = VerifyWithCompilerErrors(
            Network(
                """
                [Network]
                [Input(4)]
                [Dense(2)]
                """,
                """
                public partial class {|GNN0036:Net|} : Base { }

                public class Base { public Base(int x) { } }
                """),
            "CS7036");

        AssertMessage(run, "Network 'Net' derives from 'Base', which has no accessible constructor that takes no arguments; the generated constructors call one. Add it to 'Base', or declare the network's constructors yourself and call InitializeParameters(seed) in them.");
    }

    [Theory]
    [InlineData("public class Base { protected Base() { } public Base(int x) { } }", "public partial class Net : Base { }")]
    [InlineData("public class Base { public Base(int x = 3) { } }", "public partial class Net : Base { }")]
    [InlineData("public class Base { public Base(int x) { } }", "public partial class Net : Base { public Net() : base(1) => InitializeParameters(DefaultSeed); }")]
    public void BasesTheConstructorsCanCall_Compile(string baseClass, string network)
    {
        GeneratorRun run = Verify(Network(
            """
            [Network]
            [Input(4)]
            [Dense(2)]
            """,
            network + "\n\n" + baseClass));

        Assert.Single(run.GeneratedSources);
    }

    // ---------------------------------------------------------------- GNN0037 softmax over one output

    [Fact]
    public void GNN0037_SoftmaxOverOneOutput_OnTheActivation()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(4)]
            [Dense(1, {|GNN0037:Activation.Softmax|})]
            [Loss(LossFunction.CrossEntropy)]
            """));

        AssertMessage(run, "Layer 1 'Layer1' applies Softmax over a single output, which is always 1, so nothing would train; for two classes use Activation.Sigmoid with LossFunction.BinaryCrossEntropy, or Softmax over two outputs");
    }

    [Fact]
    public void GNN0037_SoftmaxLayerOverOneValue_OnTheFunction()
        => Verify(Network("""
            [Network]
            [Input(4)]
            [Dense(1)]
            [Activation({|GNN0037:Activation.Softmax|})]
            """));

    // ---------------------------------------------------------------- generated code

    [Fact]
    public void ATypeNamedVar_DoesNotChangeTheGeneratedCode()
    {
        // The generated code names every type, so a user type named 'var' changes nothing.
        GeneratorRun run = Verify(Network(
            """
            [Network]
            [Input(4)]
            [Dense(2)]
            """,
            """
            public partial class Net { }

            public class var { }
            """));

        Assert.Single(run.GeneratedSources);
    }
}
