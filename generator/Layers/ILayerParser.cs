using System.Collections.Generic;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Layers;

/// <summary>Reads one layer attribute into its <see cref="LayerSpec"/>s.</summary>
internal interface ILayerParser
{
    /// <summary>
    /// Parses the attribute at 1-based <paramref name="index"/>, fed by values of shape <paramref name="input"/>. Returns
    /// the layers it declares: usually one; a dense or convolution layer with an activation it does not compute itself
    /// is followed by an activation layer, and a dense layer's <c>Dropout</c> shorthand by a dropout layer. Returns
    /// <see langword="null"/> after adding at least one diagnostic when the attribute is invalid for that input.
    /// </summary>
    IReadOnlyList<LayerSpec>? Parse(AttributeReader attribute, int index, TensorShape input, List<Diagnostic> diagnostics);
}
