using System.Collections.Generic;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Layers.GlobalAveragePool;

/// <summary>Reads <c>[GlobalAveragePool(Name = ...)]</c>.</summary>
internal sealed class GlobalAveragePoolLayerParser : ILayerParser
{
    public static readonly GlobalAveragePoolLayerParser Instance = new();

    public IReadOnlyList<LayerSpec>? Parse(AttributeReader attribute, int index, TensorShape input, List<Diagnostic> diagnostics)
    {
        string? name = LayerNames.Resolve(attribute, index, diagnostics);
        return name is null || !LayerDiagnostics.RequireRank(attribute, index, name, input, diagnostics, "it averages the positions of a signal [channels, length] or an image [channels, height, width]", 2, 3)
            ? null
            : new LayerSpec[] { new GlobalAveragePoolLayerSpec(name, input) };
    }
}
