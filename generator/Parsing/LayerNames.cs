using System.Collections.Generic;
using System.Globalization;
using GenNN.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenNN.Generator.Parsing;

/// <summary>
/// Turns a layer's optional <c>Name</c> into the prefix of its generated members: <c>Layer{index}</c> by default,
/// otherwise the user's name with its first letter capitalized (<c>hidden1</c> → <c>Hidden1Weights</c>).
/// </summary>
internal static class LayerNames
{
    public const string NameProperty = "Name";

    /// <summary>Prefixes that would collide with the network's own members (<c>InputSize</c>, <c>OutputSize</c>).</summary>
    private static readonly HashSet<string> Reserved = new() { "Input", "Output" };

    public static string? Resolve(AttributeReader attribute, int index, List<Diagnostic> diagnostics)
    {
        if (!attribute.HasNamed(NameProperty))
        {
            return "Layer" + index.ToString(CultureInfo.InvariantCulture);
        }

        string? name = attribute.Named<string?>(NameProperty, null);
        string? problem = null;
        if (name is null || !SyntaxFacts.IsValidIdentifier(name) || name.StartsWith("@", System.StringComparison.Ordinal))
        {
            problem = "is not a valid C# identifier";
        }
        else
        {
            name = char.ToUpperInvariant(name[0]) + name.Substring(1);
            if (Reserved.Contains(name))
            {
                problem = $"is reserved: '{name}Size' and similar members would collide with the network's own members";
            }
        }

        if (problem is not null)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidLayerName, attribute.NamedLocation(NameProperty), name ?? "null", problem));
            return null;
        }

        return name;
    }
}
