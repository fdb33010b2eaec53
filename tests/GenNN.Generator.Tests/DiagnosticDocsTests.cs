using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using GenNN.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// Every descriptor's help link opens its own section of <c>docs/diagnostics/README.md</c>, and every section shows
/// code that fails and then the fix, so the page a user reaches from the error list answers what went wrong and what
/// to write instead. The descriptors are found by reflection, so a new diagnostic without its section fails here.
/// </summary>
public sealed partial class DiagnosticDocsTests
{
    private const string FixMarker = "Fix:";

    private static readonly ImmutableArray<DiagnosticDescriptor> Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
        .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
        .ToImmutableArray();

    private static readonly string Page = File.ReadAllText(PagePath());

    public static TheoryData<string> Ids => new(Descriptors.Select(descriptor => descriptor.Id));

    [Fact]
    public void EveryIdConstant_HasItsOwnDescriptor()
    {
        string[] constants = typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.Name.EndsWith("Id", System.StringComparison.Ordinal))
            .Select(field => (string)field.GetRawConstantValue()!)
            .Order()
            .ToArray();

        Assert.Equal(constants, Descriptors.Select(descriptor => descriptor.Id).Order());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void HelpLink_IsTheAnchorOfTheIdsHeading_OnTheDiagnosticsPage(string id)
    {
        string link = Descriptors.Single(descriptor => descriptor.Id == id).HelpLinkUri;

        string anchor = id.ToLowerInvariant();
        Assert.Equal(DiagnosticDescriptors.HelpLinkBase + anchor, link);
        Assert.EndsWith("/docs/diagnostics/README.md#", DiagnosticDescriptors.HelpLinkBase);
        Assert.Contains(anchor, Headings().Select(GitHubAnchor));
        Assert.Contains($"[{id}](#{anchor})", Page);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Section_ShowsFailingCode_ThenTheFix(string id)
    {
        string section = Section(id);

        int fix = section.IndexOf(FixMarker, System.StringComparison.Ordinal);
        Assert.True(fix >= 0, $"The {id} section has no '{FixMarker}'.");
        Assert.True(HasCode(section[..fix]), $"The {id} section shows no failing code (a code span or block) before its fix.");
        Assert.True(section[(fix + FixMarker.Length)..].Trim().Length > 0, $"The {id} section's fix is empty.");
    }

    /// <summary>The anchor GitHub gives a heading: lower case, punctuation dropped, spaces turned into hyphens.</summary>
    private static string GitHubAnchor(string heading)
    {
        var anchor = new StringBuilder(heading.Length);
        foreach (char c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                anchor.Append(c);
            }
            else if (c == ' ')
            {
                anchor.Append('-');
            }
        }

        return anchor.ToString();
    }

    private static IEnumerable<string> Headings()
        => Page.Split('\n').Where(line => line.StartsWith('#')).Select(line => line.TrimStart('#'));

    /// <summary>The text under the <c>## id</c> heading, up to the next heading of that level.</summary>
    private static string Section(string id)
    {
        string heading = $"## {id}\n";
        int start = Page.IndexOf(heading, System.StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/diagnostics/README.md has no '## {id}' section.");
        start += heading.Length;
        int end = Page.IndexOf("\n## ", start, System.StringComparison.Ordinal);
        return end < 0 ? Page[start..] : Page[start..end];
    }

    private static bool HasCode(string text) => text.Contains("```", System.StringComparison.Ordinal) || CodeSpan().IsMatch(text);

    [GeneratedRegex("`[^`\n]+`")]
    private static partial Regex CodeSpan();

    [Fact]
    public void ThePackagePage_NamesTheRangeOfIds_UpToTheLast()
    {
        string last = Descriptors.Select(descriptor => descriptor.Id).Max()!;
        string package = File.ReadAllText(Path.Combine(Path.GetDirectoryName(PagePath())!, "..", "..", "src", "PACKAGE.md"));

        Assert.Contains($"(`GNN0001`–`{last}`)", package);
    }

    private static string PagePath([CallerFilePath] string thisFile = "")
        => Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "docs", "diagnostics", "README.md");
}
