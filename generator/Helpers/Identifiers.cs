using Microsoft.CodeAnalysis.CSharp;

namespace GenNN.Generator.Helpers;

/// <summary>Spelling symbol names back as C# source.</summary>
internal static class Identifiers
{
    /// <summary>Prefixes reserved keywords with <c>@</c>: a class named <c>@class</c> has the symbol name <c>class</c>.</summary>
    public static string Escape(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
