using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using GenNN.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenNN.CodeFixes;

/// <summary>
/// GNN0012: moves <c>[Input]</c> before the first layer attribute. The diagnostic carries that layer as its
/// additional location, so this fix needs no list of layer kinds. An <c>[Input]</c> alone in its brackets moves with
/// its brackets, its line and its comments; one sharing brackets with other attributes moves into the first layer's
/// brackets, just before it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveInputFirstCodeFixProvider))]
[Shared]
public sealed class MoveInputFirstCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.InputAfterLayerId);

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
            if (diagnostic.AdditionalLocations.Count == 0
                || AttributeAt(root, diagnostic.Location) is not { Parent: AttributeListSyntax inputList } input
                || AttributeAt(root, diagnostic.AdditionalLocations[0]) is not { Parent: AttributeListSyntax layerList } firstLayer
                || inputList.Parent is not TypeDeclarationSyntax declaration
                || layerList.Parent != declaration
                || firstLayer.SpanStart > input.SpanStart)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Move [{input.Name}] before [{firstLayer.Name}]",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(declaration, MoveBefore(declaration, input, firstLayer)))),
                    equivalenceKey: nameof(MoveInputFirstCodeFixProvider)),
                diagnostic);
        }
    }

    private static AttributeSyntax? AttributeAt(SyntaxNode root, Location location)
        => location.IsInSource && root.FullSpan.Contains(location.SourceSpan)
            ? root.FindNode(location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>()
            : null;

    private static TypeDeclarationSyntax MoveBefore(TypeDeclarationSyntax declaration, AttributeSyntax input, AttributeSyntax firstLayer)
    {
        var inputList = (AttributeListSyntax)input.Parent!;
        var layerList = (AttributeListSyntax)firstLayer.Parent!;
        if (inputList.Attributes.Count == 1)
        {
            return declaration.WithAttributeLists(MoveList(declaration.AttributeLists, inputList, layerList));
        }

        // [Input] shares its brackets: take it out of them and into the first layer's, right before the layer.
        int layerIndex = layerList.Attributes.IndexOf(firstLayer);
        AttributeListSyntax withoutInput = inputList.WithAttributes(inputList.Attributes.Remove(input));
        if (inputList == layerList)
        {
            return declaration.ReplaceNode(inputList, withoutInput.WithAttributes(withoutInput.Attributes.Insert(layerIndex, input)));
        }

        return declaration.ReplaceNodes(
            new[] { inputList, layerList },
            (original, _) => original == inputList
                ? withoutInput
                : layerList.WithAttributes(layerList.Attributes.Insert(layerIndex, input)));
    }

    /// <summary>
    /// Moves <paramref name="inputList"/> to just before <paramref name="layerList"/>. On lines of their own, lists move
    /// as whole lines, comments included. A list sharing a line with the list before it leaves its surrounding space
    /// or line break where it was, so neither line's layout changes.
    /// </summary>
    private static SyntaxList<AttributeListSyntax> MoveList(SyntaxList<AttributeListSyntax> lists, AttributeListSyntax inputList, AttributeListSyntax layerList)
    {
        int inputIndex = lists.IndexOf(inputList);
        int layerIndex = lists.IndexOf(layerList);
        var result = new List<AttributeListSyntax>(lists);
        AttributeListSyntax moved = inputList;
        AttributeListSyntax previous = lists[inputIndex - 1];
        if (EndsLine(previous) && EndsLine(inputList))
        {
            if (layerIndex == 0)
            {
                // The first list's leading trivia is the class's: its doc comment and blank lines stay above the
                // attributes, and the layer keeps only its indentation.
                (SyntaxTriviaList above, SyntaxTriviaList indentation) = SplitIndentation(layerList.GetLeadingTrivia());
                moved = inputList.WithLeadingTrivia(above.AddRange(inputList.GetLeadingTrivia()));
                result[0] = layerList.WithLeadingTrivia(indentation);
            }
        }
        else
        {
            moved = inputList.WithLeadingTrivia(layerList.GetLeadingTrivia()).WithTrailingTrivia(previous.GetTrailingTrivia());
            result[layerIndex] = result[layerIndex].WithLeadingTrivia(inputList.GetLeadingTrivia());
            result[inputIndex - 1] = result[inputIndex - 1].WithTrailingTrivia(inputList.GetTrailingTrivia());
        }

        result.RemoveAt(inputIndex);
        result.Insert(layerIndex, moved);
        return SyntaxFactory.List(result);
    }

    private static bool EndsLine(AttributeListSyntax list) => list.GetTrailingTrivia().Any(SyntaxKind.EndOfLineTrivia);

    /// <summary>Splits leading trivia into what stands on the lines above and the indentation of the token's own line.</summary>
    private static (SyntaxTriviaList Above, SyntaxTriviaList Indentation) SplitIndentation(SyntaxTriviaList trivia)
    {
        int start = trivia.Count;
        while (start > 0 && trivia[start - 1].IsKind(SyntaxKind.WhitespaceTrivia))
        {
            start--;
        }

        return (SyntaxFactory.TriviaList(trivia.Take(start)), SyntaxFactory.TriviaList(trivia.Skip(start)));
    }
}
