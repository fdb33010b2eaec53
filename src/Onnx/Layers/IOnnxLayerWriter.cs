using System.Collections.Generic;

namespace GenNN.Onnx.Layers;

/// <summary>
/// Writes the ONNX nodes and initializers of one layer kind (a few kinds that differ only in their number of spatial
/// dimensions). <see cref="OnnxLayerWriters"/> finds the writer by <see cref="LayerDescription.Kind"/>.
/// </summary>
internal interface IOnnxLayerWriter
{
    /// <summary>The <see cref="LayerDescription.Kind"/> values this writer handles.</summary>
    IReadOnlyList<string> Kinds { get; }

    /// <summary>
    /// Writes <paramref name="layer"/>'s computation, reading the value <paramref name="input"/> of shape
    /// <c>[N, ...InputShape]</c>, and returns the name of the value it produces, of shape <c>[N, ...OutputShape]</c>
    /// (<paramref name="input"/> itself for a layer that computes nothing). The layer's activation is not part of it:
    /// the encoder applies every layer's <see cref="LayerDescription.Activation"/> after it.
    /// </summary>
    string Write(OnnxGraphBuilder graph, LayerDescription layer, string input);
}
