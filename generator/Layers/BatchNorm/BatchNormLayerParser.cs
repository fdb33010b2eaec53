using System.Collections.Generic;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Layers.BatchNorm;

/// <summary>Reads <c>[BatchNorm(Momentum = ..., Epsilon = ..., Name = ...)]</c>.</summary>
internal sealed class BatchNormLayerParser : ILayerParser
{
    public static readonly BatchNormLayerParser Instance = new();

    public IReadOnlyList<LayerSpec>? Parse(AttributeReader attribute, int index, TensorShape input, List<Diagnostic> diagnostics)
    {
        int errors = diagnostics.Count;
        string? name = LayerNames.Resolve(attribute, index, diagnostics);
        string layerName = name ?? attribute.ShortName;
        double momentum = attribute.Named("Momentum", 0.1);
        if (!(momentum >= 0 && momentum <= 1))
        {
            LayerDiagnostics.InvalidSetting(attribute.NamedLocation("Momentum"), index, layerName, $"Momentum must be from 0 to 1, but is {Invariant.Text(momentum)}", diagnostics);
        }

        double epsilon = attribute.Named("Epsilon", 1e-5);
        if (!(epsilon > 0 && !double.IsInfinity(epsilon)))
        {
            LayerDiagnostics.InvalidSetting(attribute.NamedLocation("Epsilon"), index, layerName, $"Epsilon must be a positive finite number, but is {Invariant.Text(epsilon)}", diagnostics);
        }

        return diagnostics.Count != errors || name is null ? null : new LayerSpec[] { new BatchNormLayerSpec(name, input, momentum, epsilon) };
    }
}
