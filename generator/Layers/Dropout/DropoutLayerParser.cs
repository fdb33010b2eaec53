using System.Collections.Generic;
using GenNN.Generator.Diagnostics;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Layers.Dropout;

/// <summary>Reads <c>[Dropout(rate, Name = ...)]</c>.</summary>
internal sealed class DropoutLayerParser : ILayerParser
{
    public static readonly DropoutLayerParser Instance = new();

    public IReadOnlyList<LayerSpec>? Parse(AttributeReader attribute, int index, TensorShape input, List<Diagnostic> diagnostics)
    {
        string? name = LayerNames.Resolve(attribute, index, diagnostics);
        double rate = attribute.Argument("rate", 0.0);
        if (double.IsNaN(rate) || rate < 0 || rate >= 1)
        {
            diagnostics.Add(Diagnostic.Create(
                DiagnosticDescriptors.InvalidDropout,
                attribute.ArgumentLocation("rate"),
                Invariant.Text(index),
                $"must be a probability from 0 up to (not including) 1, but is {Invariant.Text(rate)}"));
            return null;
        }

        return name is null ? null : new LayerSpec[] { new DropoutLayerSpec(name, input, rate) };
    }
}
