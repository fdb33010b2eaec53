using System;
using System.Collections.Frozen;
using System.Linq;

namespace GenNN.Onnx.Layers;

/// <summary>
/// The layer writers by <see cref="LayerDescription.Kind"/>. Exporting a new layer kind means a writer class beside
/// the others and its instance in the list here.
/// </summary>
internal static class OnnxLayerWriters
{
    private static readonly FrozenDictionary<string, IOnnxLayerWriter> ByKind = new IOnnxLayerWriter[]
    {
        new DenseLayerWriter(),
        new ConvolutionLayerWriter(),
        new MaxPoolLayerWriter(),
        new AvgPoolLayerWriter(),
        new GlobalAveragePoolLayerWriter(),
        new BatchNormLayerWriter(),
        new LayerNormLayerWriter(),
        new ActivationLayerWriter(),
        new DropoutLayerWriter(),
        new FlattenLayerWriter(),
        new TransposeLayerWriter(),
        new RecurrentLayerWriter(),
    }
        .SelectMany(writer => writer.Kinds, (writer, kind) => (kind, writer))
        .ToFrozenDictionary(entry => entry.kind, entry => entry.writer, StringComparer.Ordinal);

    /// <summary>The writer for <paramref name="layer"/>'s kind.</summary>
    /// <exception cref="NotSupportedException">No writer knows the kind.</exception>
    public static IOnnxLayerWriter For(LayerDescription layer)
        => ByKind.TryGetValue(layer.Kind, out IOnnxLayerWriter? writer)
            ? writer
            : throw new NotSupportedException(
                $"Layer '{layer.Name}' is a {layer.Kind} layer; the ONNX export knows {string.Join(", ", ByKind.Keys.Order(StringComparer.Ordinal))} layers.");
}
