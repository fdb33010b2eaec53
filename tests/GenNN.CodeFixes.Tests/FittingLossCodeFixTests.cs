using System.Threading.Tasks;
using Xunit;

namespace GenNN.CodeFixes.Tests;

/// <summary>GNN0008's fix: the loss argument becomes a loss that fits the output activation, and only such a loss.</summary>
public sealed class FittingLossCodeFixTests
{
    [Theory]
    [InlineData("Sigmoid", "CrossEntropy", "BinaryCrossEntropy")]
    [InlineData("Sigmoid", "CrossEntropy", "MeanSquaredError")]
    [InlineData("Softmax", "BinaryCrossEntropy", "CrossEntropy")]
    [InlineData("Softmax", "BinaryCrossEntropy", "MeanSquaredError")]
    [InlineData("Tanh", "CrossEntropy", "MeanSquaredError")]
    [InlineData("Identity", "BinaryCrossEntropy", "MeanSquaredError")]
    public Task ReplacesTheLoss_WithTheChosenFittingOne(string activation, string loss, string fitting)
        => Test(
            $$"""
            using GenNN;

            [Network]
            [Input(3)]
            [Dense(2, Activation.{{activation}})]
            [Loss({|GNN0008:LossFunction.{{loss}}|})]
            public partial class Net { }
            """,
            $$"""
            using GenNN;

            [Network]
            [Input(3)]
            [Dense(2, Activation.{{activation}})]
            [Loss(LossFunction.{{fitting}})]
            public partial class Net { }
            """,
            fitting).RunAsync();

    [Fact]
    public Task KeepsTheArgumentName_Comments_AndQualification()
        => Test(
            """
            [GenNN.Network]
            [GenNN.Input(3)]
            [GenNN.Dense(2, GenNN.Activation.Softmax)] // the output
            [GenNN.Loss({|GNN0008:function: /* multi-class */ GenNN.LossFunction.BinaryCrossEntropy|})]
            public partial class Net { }
            """,
            """
            [GenNN.Network]
            [GenNN.Input(3)]
            [GenNN.Dense(2, GenNN.Activation.Softmax)] // the output
            [GenNN.Loss(function: /* multi-class */ GenNN.LossFunction.CrossEntropy)]
            public partial class Net { }
            """,
            "CrossEntropy").RunAsync();

    [Theory]
    [InlineData("Sigmoid", "CrossEntropy", new[] { "Use LossFunction.BinaryCrossEntropy", "Use LossFunction.MeanSquaredError" })]
    [InlineData("Softmax", "BinaryCrossEntropy", new[] { "Use LossFunction.CrossEntropy", "Use LossFunction.MeanSquaredError" })]
    [InlineData("Tanh", "CrossEntropy", new[] { "Use LossFunction.MeanSquaredError" })]
    [InlineData("ReLU", "BinaryCrossEntropy", new[] { "Use LossFunction.MeanSquaredError" })]
    public async Task OffersOnlyTheLossesThatFit_TheFusedOneFirst(string activation, string loss, string[] offered)
        => Assert.Equal(offered, await OfferedFixes.TitlesAsync(new FittingLossCodeFixProvider(), $$"""
            using GenNN;

            [Network]
            [Input(3)]
            [Dense(2, Activation.{{activation}})]
            [Loss(LossFunction.{{loss}})]
            public partial class Net { }
            """));

    private static GeneratorCodeFixTest<FittingLossCodeFixProvider> Test(string source, string fixedSource, string fitting)
        => new(source, fixedSource) { CodeActionEquivalenceKey = FittingLossCodeFixProvider.EquivalenceKey(fitting) };
}
