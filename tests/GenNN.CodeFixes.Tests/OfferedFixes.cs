using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenNN.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;

namespace GenNN.CodeFixes.Tests;

/// <summary>
/// The titles of the fixes a provider offers for the generator's diagnostics on a source, in order: what an IDE
/// shows. The testing framework checks the fix it is told to apply; this checks which ones are on offer at all.
/// </summary>
internal static class OfferedFixes
{
    public static async Task<IReadOnlyList<string>> TitlesAsync(CodeFixProvider provider, string source)
    {
        using var workspace = new AdhocWorkspace();
        Document document = workspace.AddProject("Test", LanguageNames.CSharp)
            .WithParseOptions(new CSharpParseOptions(LanguageVersion.CSharp12))
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .WithMetadataReferences(TestReferences.All)
            .AddDocument("Test.cs", source);
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        ImmutableArray<Diagnostic> diagnostics = CSharpGeneratorDriver.Create(new NetworkGenerator())
            .RunGenerators(compilation)
            .GetRunResult()
            .Diagnostics;

        var titles = new List<string>();
        foreach (Diagnostic diagnostic in diagnostics.Where(diagnostic => provider.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => titles.Add(action.Title), CancellationToken.None));
        }

        return titles;
    }
}
