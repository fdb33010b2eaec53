using System.Collections.Generic;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Layers.LayerNorm;

/// <summary>Reads <c>[LayerNorm(NormalizedDimensions = ..., ElementwiseAffine = ..., Epsilon = ..., Name = ...)]</c>.</summary>
internal sealed class LayerNormLayerParser : ILayerParser
{
    public static readonly LayerNormLayerParser Instance = new();

    public IReadOnlyList<LayerSpec>? Parse(AttributeReader attribute, int index, TensorShape input, List<Diagnostic> diagnostics)
    {
        int errors = diagnostics.Count;
        string? name = LayerNames.Resolve(attribute, index, diagnostics);
        string layerName = name ?? attribute.ShortName;
        int dimensions = attribute.Named("NormalizedDimensions", 0);
        if (dimensions < 0 || dimensions > input.Rank)
        {
            LayerDiagnostics.InvalidSetting(
                attribute.NamedLocation("NormalizedDimensions"),
                index,
                layerName,
                $"NormalizedDimensions must be from 0 (all) to the input's {Invariant.Text(input.Rank)} dimensions ({input}), but is {Invariant.Text(dimensions)}",
                diagnostics);
        }

        double epsilon = attribute.Named("Epsilon", 1e-5);
        if (!(epsilon > 0 && !double.IsInfinity(epsilon)))
        {
            LayerDiagnostics.InvalidSetting(attribute.NamedLocation("Epsilon"), index, layerName, $"Epsilon must be a positive finite number, but is {Invariant.Text(epsilon)}", diagnostics);
        }

        return diagnostics.Count != errors || name is null
            ? null
            : new LayerSpec[] { new LayerNormLayerSpec(name, input, dimensions == 0 ? input.Rank : dimensions, attribute.Named("ElementwiseAffine", true), epsilon) };
    }
}
