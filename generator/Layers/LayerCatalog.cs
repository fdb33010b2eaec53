using System;
using GenNN.Generator.Layers.Activation;
using GenNN.Generator.Layers.BatchNorm;
using GenNN.Generator.Layers.Convolution;
using GenNN.Generator.Layers.Dense;
using GenNN.Generator.Layers.Dropout;
using GenNN.Generator.Layers.Flatten;
using GenNN.Generator.Layers.GlobalAveragePool;
using GenNN.Generator.Layers.LayerNorm;
using GenNN.Generator.Layers.Pooling;
using GenNN.Generator.Layers.Recurrent;
using GenNN.Generator.Layers.Transpose;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers;

/// <summary>
/// The layer kinds the generator knows: which attribute declares each, which parser reads it, which emitter writes
/// it. Adding a layer kind means a folder beside <c>Dense/</c>, its attribute's name in <see cref="KnownNames"/> and one
/// line in each member here (the README lists the runtime's and the tests' parts).
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
        KnownNames.TransposeAttribute => TransposeLayerParser.Instance,
        KnownNames.Conv1DAttribute => ConvolutionLayerParser.OneDimensional,
        KnownNames.Conv2DAttribute => ConvolutionLayerParser.TwoDimensional,
        KnownNames.MaxPool1DAttribute => PoolingLayerParser.Max1D,
        KnownNames.MaxPool2DAttribute => PoolingLayerParser.Max2D,
        KnownNames.AvgPool1DAttribute => PoolingLayerParser.Average1D,
        KnownNames.AvgPool2DAttribute => PoolingLayerParser.Average2D,
        KnownNames.GlobalAveragePoolAttribute => GlobalAveragePoolLayerParser.Instance,
        KnownNames.BatchNormAttribute => BatchNormLayerParser.Instance,
        KnownNames.LayerNormAttribute => LayerNormLayerParser.Instance,
        KnownNames.LstmAttribute => RecurrentLayerParser.Lstm,
        KnownNames.GruAttribute => RecurrentLayerParser.Gru,
        KnownNames.SimpleRnnAttribute => RecurrentLayerParser.SimpleRnn,
        _ => null,
    };

    /// <summary>The emitter for a parsed layer.</summary>
    public static ILayerEmitter EmitterFor(LayerSpec layer) => layer switch
    {
        DenseLayerSpec => DenseLayerEmitter.Instance,
        ActivationLayerSpec => ActivationLayerEmitter.Instance,
        DropoutLayerSpec => DropoutLayerEmitter.Instance,
        FlattenLayerSpec => FlattenLayerEmitter.Instance,
        TransposeLayerSpec => TransposeLayerEmitter.Instance,
        ConvolutionLayerSpec => ConvolutionLayerEmitter.Instance,
        PoolingLayerSpec => PoolingLayerEmitter.Instance,
        GlobalAveragePoolLayerSpec => GlobalAveragePoolLayerEmitter.Instance,
        BatchNormLayerSpec => BatchNormLayerEmitter.Instance,
        LayerNormLayerSpec => LayerNormLayerEmitter.Instance,
        RecurrentLayerSpec => RecurrentLayerEmitter.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.GetType().Name),
    };
}
