using System.Collections.Generic;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Layers.Transpose;

/// <summary>Reads <c>[Transpose(Name = ...)]</c>.</summary>
internal sealed class TransposeLayerParser : ILayerParser
{
    public static readonly TransposeLayerParser Instance = new();

    public IReadOnlyList<LayerSpec>? Parse(AttributeReader attribute, int index, TensorShape input, List<Diagnostic> diagnostics)
    {
        string? name = LayerNames.Resolve(attribute, index, diagnostics);
        return name is null
            || !LayerDiagnostics.RequireRank(attribute, index, name, input, diagnostics, "a transpose swaps the two axes of a signal [channels, length] or a sequence [steps, features]", 2)
            ? null
            : new LayerSpec[] { new TransposeLayerSpec(name, input) };
    }
}
