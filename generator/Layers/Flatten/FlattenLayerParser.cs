using System.Collections.Generic;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Layers.Flatten;

/// <summary>Reads <c>[Flatten(Name = ...)]</c>.</summary>
internal sealed class FlattenLayerParser : ILayerParser
{
    public static readonly FlattenLayerParser Instance = new();

    public IReadOnlyList<LayerSpec>? Parse(AttributeReader attribute, int index, TensorShape input, List<Diagnostic> diagnostics)
    {
        string? name = LayerNames.Resolve(attribute, index, diagnostics);
        return name is null ? null : new LayerSpec[] { new FlattenLayerSpec(name, input) };
    }
}
