using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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

    public static string? Resolve(AttributeReader attribute, int index, List<Diagnostic> diagnostics)
    {
        if (!attribute.HasNamed(NameProperty))
        {
            return "Layer" + index.ToString(CultureInfo.InvariantCulture);
        }

        string? name = attribute.Named<string?>(NameProperty, null);
        if (name is null || !SyntaxFacts.IsValidIdentifier(name) || name.StartsWith("@", System.StringComparison.Ordinal))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidLayerName, attribute.NamedLocation(NameProperty), name ?? "null", "is not a valid C# identifier"));
            return null;
        }

        // C# ignores formatting characters (soft hyphens, zero-width joiners) when it compares identifiers, so names
        // differing only by them would collide in generated code while looking distinct here.
        if (name.Any(character => CharUnicodeInfo.GetUnicodeCategory(character) == UnicodeCategory.Format))
        {
            diagnostics.Add(Diagnostic.Create(
                DiagnosticDescriptors.InvalidLayerName, attribute.NamedLocation(NameProperty), name, "contains an invisible formatting character, which C# ignores in identifiers"));
            return null;
        }

        // Clashes with other layers' or the network's members are checked once all layers are known (GNN0017).
        return char.ToUpperInvariant(name[0]) + name.Substring(1);
    }
}
