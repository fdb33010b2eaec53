using System.Linq;
using GenNN.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// The passes that declare scratch skip zeroing it when the project allows unsafe code (which <c>[SkipLocalsInit]</c>
/// needs), and only then; the attribute goes on those passes, never on the class, whose other parts are the user's.
/// tests/GenNN.IntegrationTests (which allows unsafe code) runs every pass on a stack filled with NaN.
/// </summary>
public sealed class SkipLocalsInitTests
{
    private const string Attribute = "[global::System.Runtime.CompilerServices.SkipLocalsInit]";

    private const string Source = """
        using GenNN;

        namespace Demo;

        [Network][Input(4)][Dense(8, Activation.ReLU)][Dense(2, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
        public partial class Net { }
        """;

    [Theory]
    [InlineData(true, 5)] // Forward, ForwardBatch, EvaluateBatch, ComputeLoss and the training block pass
    [InlineData(false, 0)]
    public void ThePassesWithScratch_SkipZeroingIt_WhereUnsafeCodeIsAllowed(bool allowUnsafe, int marked)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation([Source]);
        compilation = compilation.WithOptions(compilation.Options.WithAllowUnsafe(allowUnsafe));
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);

        SyntaxTree generated = output.SyntaxTrees.Last();
        Assert.Equal(marked, generated.ToString().Split(Attribute).Length - 1);
        Assert.Empty(output.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning));
        ClassDeclarationSyntax network = generated.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Single(type => type.Identifier.Text == "Net");
        Assert.DoesNotContain("SkipLocalsInit", network.AttributeLists.ToString());
    }
}
