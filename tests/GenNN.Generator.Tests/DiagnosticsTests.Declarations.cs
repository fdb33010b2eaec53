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

    [Theory]
    [InlineData("[Input(4, 2)][Lstm(3)][Dense(1)]", "public int {|GNN0017:State|} { get; set; }", "State")]
    [InlineData("[Input(4, 2)][Lstm(3)][Dense(2)]", "public class {|GNN0017:State|} { }", "State")]
    [InlineData("[Input(4, 2)][Lstm(3)][Dense(1)]", "public const int {|GNN0017:FrameSize|} = 8;", "FrameSize")]
    [InlineData("[Input(4, 2)][Lstm(3)][Dense(1)]", "public float {|GNN0017:Step|} { get; set; }", "Step")]
    [InlineData("[Input(4, 2)][Gru(3, ReturnSequences = true)][Gru(2)][Dense(1)]", "public int {|GNN0017:StateLength|};", "StateLength")]
    [InlineData("[Input(4)][Dense(3)][BatchNorm][Dense(1)]", "private int {|GNN0017:_buffers|} = 1; public int Count => _buffers;", "_buffers")]
    [InlineData("[Input(4)][Dense(3, Dropout = 0.5)][Dense(1)][Loss(LossFunction.MeanSquaredError)]", "private int {|GNN0017:_dropoutRandom|} = 1; public int Count => _dropoutRandom;", "_dropoutRandom")]
    [InlineData("[Input(4)][Dense(3)][Dense(1)][Loss(LossFunction.MeanSquaredError)]", "private int {|GNN0017:_gradientsPending|} = 1; public int Count => _gradientsPending;", "_gradientsPending")]
    [InlineData("[Input(4)][Dense(20000)][Dense(1)]", "private static int {|GNN0017:s_forwardWorkspaces|} = 1; public int Count => s_forwardWorkspaces;", "s_forwardWorkspaces")]
    public void GNN0017_MemberOnlySomeNetworksGet_WhenThisOneGetsIt(string layers, string member, string name)
    {
        // Streaming members for a network that streams, _buffers with BatchNorm, _dropoutRandom with dropout and a
        // loss, a pool for a pass too large for the stack: this network certainly gets the member.
        GeneratorRun run = Verify(Network("[Network]" + layers, $$"""public partial class Net { {{member}} }"""));

        AssertMessage(run, ClassMemberMessage(name));
    }

    [Fact]
    public void MembersOfStreamingNetworks_InANetworkThatCannotStream_Compile()
    {
        // A bidirectional layer needs the whole sequence: no State, Step, FrameSize or StateLength.
        GeneratorRun run = Verify(Network(
            "[Network][Input(4, 2)][Lstm(3, Bidirectional = true)][Dense(1)]",
            """
            public partial class Net
            {
                public int State { get; set; }

                public float Step { get; set; }

                public const int FrameSize = 8;

                public int StateLength;

                private int _buffers = 1;

                public int Count => _buffers;
            }
            """));

        Assert.Single(run.GeneratedSources);
    }

    // ---------------------------------------------------------------- GNN0017 a member the class inherits

    [Theory]
    [InlineData("public string Description => \"\";", "Description")]
    [InlineData("public virtual void Forward(System.ReadOnlySpan<float> input, System.Span<float> output) { }", "Forward")]
    [InlineData("public int Parameters;", "Parameters")]
    [InlineData("protected int State;", "State")]
    [InlineData("public int Step;", "Step")]
    public void GNN0017_MemberTheClassInherits_OnTheBaseType(string baseMember, string name)
    {
        GeneratorRun run = Verify(Network(
            "[Network][Input(4, 2)][Lstm(3)][Dense(1)]",
            $$"""
            public partial class Net : {|GNN0017:GameComponent|} { }

            public class GameComponent { {{baseMember}} }
            """));

        AssertMessage(run, $"A member GenNN generates for the network itself would be named '{name}', which a member the network inherits from 'GameComponent' already uses; rename that member in 'GameComponent', or do not derive the network from it");
    }

    [Fact]
    public void GNN0017_MemberOfALayerInheritedFromAGrandparent_OnTheBaseType()
    {
        GeneratorRun run = Verify(Network(
            "[Network][Input(4)][Dense(3, Name = \"Hidden\")][Dense(1)]",
            """
            public partial class Net : {|GNN0017:Middle|} { }

            public class Middle : Root { }

            public class Root { public int HiddenWeights; }
            """));

        AssertMessage(run, "A member GenNN generates for layer 1 'Hidden' would be named 'HiddenWeights', which a member the network inherits from 'Root' already uses; rename that member in 'Root' or the layer, or do not derive the network from 'Root'");
    }

    [Fact]
    public void InheritedMembersTheNetworkDoesNotClashWith_Compile()
    {
        // Private members are not inherited visibly, an overload is no clash, and a non-streaming network has no State.
        GeneratorRun run = Verify(Network(
            "[Network][Input(4)][Dense(1)]",
            """
            public partial class Net : GameComponent { }

            public class GameComponent
            {
                private int Parameters = 1;

                public int State;

                public int Count => Parameters;

                public float[] Forward(float[] input) => input;
            }
            """));

        Assert.Single(run.GeneratedSources);
    }

    // ---------------------------------------------------------------- GNN0017 a method with a generated method's parameters

    [Theory]
    [InlineData("[Network][Input(2)][Dense(1)]", "public void {|GNN0017:Forward|}(System.ReadOnlySpan<float> input, System.Span<float> output) { }", "Forward")]
    [InlineData("[Network][Input(2)][Dense(1)]", "public int {|GNN0017:Forward|}(System.ReadOnlySpan<float> x, System.Span<float> y) => 0;", "Forward")]
    [InlineData("[Network][Input(2)][Dense(1)][Loss(LossFunction.MeanSquaredError)]", "public void {|GNN0017:ApplyGradients|}(float rate) { }", "ApplyGradients")]
    [InlineData("[Network][Input(2)][Dense(1)][Loss(LossFunction.MeanSquaredError)]", "public float {|GNN0017:AccumulateGradients|}(System.ReadOnlySpan<float> a, System.ReadOnlySpan<float> b, System.Span<float> c, out SeededRandom d) { d = default; return 0; }", "AccumulateGradients")]
    [InlineData("[Network(Precision.Double)][Input(2)][Dense(1)]", "private void {|GNN0017:InferencePass|}(System.ReadOnlySpan<double> input, System.Span<double> scratch) { }", "InferencePass")]
    public void GNN0017_MethodWithAGeneratedMethodsParameters_OnThatMethod(string attributes, string method, string name)
    {
        GeneratorRun run = Verify(Network(attributes, $$"""public partial class Net { {{method}} }"""));

        AssertMessage(run, SameParametersMessage(name));
    }

    [Fact]
    public void GNN0017_StepWithTheGeneratedStepsParameters_OnThatMethod()
    {
        // State is generated, so without the generated code the method's own source does not compile (CS0246).
        GeneratorRun run = VerifyWithCompilerErrors(
            Network(
                "[Network][Input(4, 2)][Lstm(3)][Dense(1)]",
                "public partial class Net { public void {|GNN0017:Step|}(ref State state, System.ReadOnlySpan<float> frame, System.Span<float> output) { } }"),
            "CS0246");

        AssertMessage(run, SameParametersMessage("Step"));
    }

    [Fact]
    public void GNN0017_StepWhoseStateAlsoNamesAnOuterType_OnThatMethod()
    {
        // The generator reads State as the outer struct; in the built class the simple name means the generated one.
        GeneratorRun run = Verify(Network(
            "[Network][Input(4, 2)][Lstm(3)][Dense(1)]",
            """
            public partial class Net { public void {|GNN0017:Step|}(ref State state, System.ReadOnlySpan<float> frame, System.Span<float> output) { } }

            public struct State { }
            """));

        AssertMessage(run, SameParametersMessage("Step"));
    }

    [Theory]
    [InlineData("public class {|GNN0017:InputSize|}<T> { }", "InputSize")]
    [InlineData("public class {|GNN0017:Forward|}<T> { }", "Forward")]
    public void GNN0017_GenericTypeNamedLikeAGeneratedMemberThatIsNoType_OnThatType(string member, string name)
    {
        // A type's arity sets it apart from other types only: beside a constant or a method of its name it is CS0102.
        GeneratorRun run = Verify(Network("[Network][Input(4, 2)][Lstm(3)][Dense(1)]", $$"""public partial class Net { {{member}} }"""));

        AssertMessage(run, ClassMemberMessage(name));
    }

    [Fact]
    public void GNN0017_StepWhoseStateIsAUsingAlias_OnThatMethod()
    {
        // Inside the class the simple name State means the generated struct, whatever an alias outside says.
        GeneratorRun run = Verify("""
            using GenNN;
            using State = System.Int32;

            namespace Demo;

            [Network][Input(4, 2)][Lstm(3)][Dense(1)]
            public partial class Net { public void {|GNN0017:Step|}(ref State state, System.ReadOnlySpan<float> frame, System.Span<float> output) { } }
            """);

        AssertMessage(run, SameParametersMessage("Step"));
    }

    [Fact]
    public void AStepTakingTheClasssOwnGenericState_IsAnOverload()
    {
        GeneratorRun run = Verify(Network(
            "[Network][Input(4, 2)][Lstm(3)][Dense(1)]",
            "public partial class Net { public struct State<T> { } public void Step(ref State<int> state, System.ReadOnlySpan<float> frame, System.Span<float> output) { } }"));

        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void AnInheritedStepWhoseStateIsTheBaseClasssType_IsAnOverload()
    {
        // In the base class's scope State is that scope's type: the two Step methods overload each other.
        GeneratorRun run = Verify(Network(
            "[Network][Input(4, 2)][Lstm(3)][Dense(1)]",
            """
            public partial class Net : GameComponent { }

            public struct State { }

            public class GameComponent { public void Step(ref State state, System.ReadOnlySpan<float> frame, System.Span<float> output) { } }
            """));

        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void GenericTypesAndInheritedGenericMethods_NamedLikeGeneratedMembers_Compile()
    {
        // A type's arity is part of its name, and no member hides a base method of another arity (no CS0102, CS0108).
        GeneratorRun run = Verify(Network(
            "[Network][Input(4, 2)][Lstm(3)][Dense(1)]",
            """
            public partial class Net : GameComponent { public class State<TFrame> { } }

            public class GameComponent
            {
                public class Step<T> { }

                public void Description<T>() { }

                public int Parameters<T>() => 0;
            }
            """));

        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void TrueOverloadsOfGeneratedMethods_Compile()
    {
        // Other element types, another ref-ness, other counts, a generic method; and methods this network does not get.
        GeneratorRun run = Verify(Network(
            "[Network][Input(4, 2)][Lstm(3)][Dense(1)][Loss(LossFunction.MeanSquaredError)]",
            """
            public partial class Net
            {
                public void Forward(System.ReadOnlySpan<double> input, System.Span<double> output) { }

                public void Forward(System.ReadOnlySpan<float> input, ref System.Span<float> output) { }

                public void Forward<T>(System.ReadOnlySpan<float> input, System.Span<float> output) { }

                public void Step(ref State state, float[] frame) { }

                public void ApplyGradients(double learningRate) { }

                public void ResetToTrainedWeights() { }
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

    /// <summary>GNN0017's message for a member of the class named like a member GenNN generates for the network.</summary>
    private static string ClassMemberMessage(string name)
        => $"A member GenNN generates for the network itself would be named '{name}', which a member the class declares already uses; rename that member";

    /// <summary>GNN0017's message for a method of the class that repeats a generated method's parameters.</summary>
    private static string SameParametersMessage(string name)
        => $"A member GenNN generates for the network itself would be named '{name}', which a method the class declares with the same parameters already uses; rename that method, or change its parameters";
}
