using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using GenNN.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace GenNN.CodeFixes;

/// <summary>
/// GNN0008: replaces a loss that does not fit the output activation with one that does, one fix per fitting loss:
/// the loss fused with the activation first (<c>BinaryCrossEntropy</c> for a sigmoid, <c>CrossEntropy</c> for a
/// softmax), then <c>MeanSquaredError</c>, which fits any output. The generator, which knows the output layer,
/// names them in the diagnostic's <see cref="DiagnosticDescriptors.FittingLossesProperty"/>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FittingLossCodeFixProvider))]
[Shared]
public sealed class FittingLossCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.LossActivationMismatchId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // GNN0008 is reported on the loss argument, named (function: ...) or not.
            if (!diagnostic.Properties.TryGetValue(DiagnosticDescriptors.FittingLossesProperty, out string? losses)
                || losses is null
                || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeArgumentSyntax>() is not AttributeArgumentSyntax argument)
            {
                continue;
            }

            foreach (string loss in losses.Split(','))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use LossFunction.{loss}",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, LossExpression(loss).WithTriviaFrom(argument.Expression)))),
                        equivalenceKey: EquivalenceKey(loss)),
                    diagnostic);
            }
        }
    }

    /// <summary>The equivalence key of the fix that switches to <paramref name="loss"/>, so Fix All applies the same loss everywhere.</summary>
    public static string EquivalenceKey(string loss) => nameof(FittingLossCodeFixProvider) + "." + loss;

    /// <summary>
    /// <c>LossFunction.<paramref name="loss"/></c>, written fully qualified and left for the simplifier to shorten as
    /// far as the file's usings allow, so the fix compiles whether or not the file imports GenNN.
    /// </summary>
    private static ExpressionSyntax LossExpression(string loss)
        => SyntaxFactory.ParseExpression("global::GenNN.LossFunction." + loss).WithAdditionalAnnotations(Simplifier.Annotation);
}
