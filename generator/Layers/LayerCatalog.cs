using System;
using GenNN.Generator.Layers.Activation;
using GenNN.Generator.Layers.Dense;
using GenNN.Generator.Layers.Dropout;
using GenNN.Generator.Layers.Flatten;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers;

/// <summary>
/// The layer kinds the generator knows: which attribute declares each, which parser reads it, which emitter writes
/// it. Adding a layer kind means a folder beside <c>Dense/</c> and one line in each member here.
/// </summary>
internal static class LayerCatalog
{
    /// <summary>The parser for a layer attribute, or <see langword="null"/> when the attribute declares no layer.</summary>
    public static ILayerParser? ParserFor(string attributeMetadataName) => attributeMetadataName switch
    {
        KnownNames.DenseAttribute => DenseLayerParser.Instance,
        KnownNames.ActivationAttribute => ActivationLayerParser.Instance,
        KnownNames.DropoutAttribute => DropoutLayerParser.Instance,
        KnownNames.FlattenAttribute => FlattenLayerParser.Instance,
        _ => null,
    };

    /// <summary>The emitter for a parsed layer.</summary>
    public static ILayerEmitter EmitterFor(LayerSpec layer) => layer switch
    {
        DenseLayerSpec => DenseLayerEmitter.Instance,
        ActivationLayerSpec => ActivationLayerEmitter.Instance,
        DropoutLayerSpec => DropoutLayerEmitter.Instance,
        FlattenLayerSpec => FlattenLayerEmitter.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.GetType().Name),
    };
}
