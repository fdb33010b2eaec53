using System.Collections.Generic;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Layers.Activation;

/// <summary>Reads <c>[Activation(function, NegativeSlope = ..., Alpha = ..., Name = ...)]</c>.</summary>
internal sealed class ActivationLayerParser : ILayerParser
{
    public static readonly ActivationLayerParser Instance = new();

    public IReadOnlyList<LayerSpec>? Parse(AttributeReader attribute, int index, TensorShape input, List<Diagnostic> diagnostics)
    {
        string? name = LayerNames.Resolve(attribute, index, diagnostics);
        ActivationSpec? activation = ActivationSettings.Read(attribute, "function", index, name ?? attribute.ShortName, diagnostics);
        return name is null || activation is null ? null : new LayerSpec[] { new ActivationLayerSpec(name, input, activation) };
    }
}
