using System.Collections.Generic;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Layers;

/// <summary>Reads one layer attribute into its <see cref="LayerSpec"/>.</summary>
internal interface ILayerParser
{
    /// <summary>
    /// Parses the layer at 1-based <paramref name="index"/>, fed by a vector of <paramref name="inputSize"/>.
    /// Returns <see langword="null"/> after adding at least one diagnostic when the attribute is invalid.
    /// </summary>
    LayerSpec? Parse(AttributeReader attribute, int index, int inputSize, List<Diagnostic> diagnostics);
}
