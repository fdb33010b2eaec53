using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace GenNN.Generator.Tests.Infrastructure;

/// <summary>A diagnostic a test expects: its ID and the exact source span it must underline.</summary>
internal sealed record ExpectedDiagnostic(string Id, string Path, TextSpan Span);

/// <summary>
/// Source text with expected diagnostics marked inline, in the notation of the Roslyn testing packages:
/// <c>{|GNN0006:0|}</c> expects <c>GNN0006</c> on exactly the text <c>0</c>; <c>{|GNN0004,GNN0005:Network|}</c> expects
/// two diagnostics on one span. Spans may nest.
/// </summary>
internal sealed class DiagnosticMarkup
{
    private const string Open = "{|";
    private const string Close = "|}";

    private DiagnosticMarkup(string source, ImmutableArray<ExpectedDiagnostic> expected)
    {
        Source = source;
        Expected = expected;
    }

    /// <summary>The source with the markup removed, as the compiler sees it.</summary>
    public string Source { get; }

    /// <summary>The marked diagnostics, in order of their span's start.</summary>
    public ImmutableArray<ExpectedDiagnostic> Expected { get; }

    /// <summary>Strips the markup from <paramref name="markup"/>; <paramref name="path"/> is the file name the compilation gives the tree.</summary>
    public static DiagnosticMarkup Parse(string markup, string path)
    {
        var source = new StringBuilder(markup.Length);
        var open = new Stack<(string[] Ids, int Start)>();
        var expected = ImmutableArray.CreateBuilder<ExpectedDiagnostic>();
        int i = 0;
        while (i < markup.Length)
        {
            if (string.CompareOrdinal(markup, i, Open, 0, Open.Length) == 0)
            {
                int colon = markup.IndexOf(':', i);
                if (colon < 0)
                {
                    throw new FormatException($"Markup '{{|' at offset {i} has no ':' after its diagnostic IDs.");
                }

                string[] ids = markup.Substring(i + Open.Length, colon - i - Open.Length).Split(',', StringSplitOptions.TrimEntries);
                open.Push((ids, source.Length));
                i = colon + 1;
            }
            else if (string.CompareOrdinal(markup, i, Close, 0, Close.Length) == 0 && open.Count > 0)
            {
                (string[] ids, int start) = open.Pop();
                foreach (string id in ids)
                {
                    expected.Add(new ExpectedDiagnostic(id, path, TextSpan.FromBounds(start, source.Length)));
                }

                i += Close.Length;
            }
            else
            {
                source.Append(markup[i]);
                i++;
            }
        }

        if (open.Count > 0)
        {
            throw new FormatException("Unclosed '{|' markup span.");
        }

        expected.Sort((left, right) => left.Span.Start != right.Span.Start
            ? left.Span.Start.CompareTo(right.Span.Start)
            : string.CompareOrdinal(left.Id, right.Id));
        return new DiagnosticMarkup(source.ToString(), expected.ToImmutable());
    }
}
