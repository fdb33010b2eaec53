using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace GenNN.CodeFixes.Tests;

/// <summary>
/// GNN0012's fix: <c>[Input]</c> moves to just before the first layer, which the diagnostic carries as its
/// additional location (<c>{|#1:...|}</c> in the sources below), and nothing else moves.
/// </summary>
public sealed class MoveInputFirstCodeFixTests
{
    [Fact]
    public Task MovesInputLine_AboveTheFirstLayer()
        => Test(
            """
            using GenNN;

            [Network]
            [{|#1:Dense(4, Activation.Tanh)|}]
            [{|#0:Input(3)|}]
            [Dense(2)]
            public partial class Net { }
            """,
            """
            using GenNN;

            [Network]
            [Input(3)]
            [Dense(4, Activation.Tanh)]
            [Dense(2)]
            public partial class Net { }
            """).RunAsync();

    [Fact]
    public Task MovesInputLine_WithItsComments_AndLeavesTheDocCommentOnTop()
        => Test(
            """
            using GenNN;

            namespace Demo
            {
                /// <summary>Regression on three features.</summary>
                [{|#1:Dense(4)|}] // hidden
                [Dense(1)]
                [Loss(LossFunction.MeanSquaredError)]
                // the input comes first
                [{|#0:Input(3)|}] // three features
                [Network]
                public partial class Net { }
            }
            """,
            """
            using GenNN;

            namespace Demo
            {
                /// <summary>Regression on three features.</summary>
                // the input comes first
                [Input(3)] // three features
                [Dense(4)] // hidden
                [Dense(1)]
                [Loss(LossFunction.MeanSquaredError)]
                [Network]
                public partial class Net { }
            }
            """).RunAsync();

    [Fact]
    public Task MovesInput_WithinOneLine()
        => Test(
            """
            using GenNN;

            [Network][{|#1:Dense(4)|}][Dense(2)][{|#0:Input(3)|}] public partial class Net { }
            """,
            """
            using GenNN;

            [Network][Input(3)][Dense(4)][Dense(2)] public partial class Net { }
            """).RunAsync();

    [Fact]
    public Task MovesInput_SharingBrackets_BeforeTheLayerInTheSameBrackets()
        => Test(
            """
            using GenNN;

            [Network, {|#1:Dense(4)|}, {|#0:Input(3)|}]
            [Dense(2)]
            public partial class Net { }
            """,
            """
            using GenNN;

            [Network, Input(3), Dense(4)]
            [Dense(2)]
            public partial class Net { }
            """).RunAsync();

    [Fact]
    public Task MovesInput_OutOfSharedBrackets_IntoTheFirstLayersBrackets()
        => Test(
            """
            using GenNN;

            [Network]
            [{|#1:Dense(4)|}]
            [Dense(2), {|#0:Input(3)|}]
            public partial class Net { }
            """,
            """
            using GenNN;

            [Network]
            [Input(3), Dense(4)]
            [Dense(2)]
            public partial class Net { }
            """).RunAsync();

    private static GeneratorCodeFixTest<MoveInputFirstCodeFixProvider> Test(string source, string fixedSource)
    {
        var test = new GeneratorCodeFixTest<MoveInputFirstCodeFixProvider>(source, fixedSource);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("GNN0012", DiagnosticSeverity.Error).WithLocation(0).WithLocation(1));
        return test;
    }
}
