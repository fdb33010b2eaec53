using System.Collections.Generic;
using GenNN.Generator.Diagnostics;
using GenNN.Generator.Helpers;
using GenNN.Generator.Layers.Activation;
using GenNN.Generator.Layers.Dropout;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Layers.Dense;

/// <summary>Reads <c>[Dense(units, activation, Name = ..., NegativeSlope = ..., Alpha = ..., Dropout = ...)]</c>.</summary>
internal sealed class DenseLayerParser : ILayerParser
{
    public static readonly DenseLayerParser Instance = new();

    /// <summary>
    /// Layers narrower than this many outputs are unrolled into scalar statements; wider ones use the SIMD kernels,
    /// which run across outputs. Measured on N1-N3: with four or more outputs the kernels win even for tiny layers
    /// (scalar tanh and sigmoid dominate unrolled code), while a layer of one to three outputs leaves most SIMD lanes idle.
    /// </summary>
    public const int MinVectorizedOutputs = 4;

    /// <summary>The unrolled form writes a statement per weight: above this size it grows faster than it gains.</summary>
    public const int MaxUnrolledWeights = 256;

    /// <summary>
    /// Vectorized layers up to this many weights compute training's input gradient for a whole block as one product
    /// over a transposed copy of the weights in the block's scratch (the weights and a zero bias: up to 64 KiB and
    /// the layer's inputs in float, per such layer). One sample at a time, each input's gradient is a dot product along
    /// a weight row, summed across a register's lanes: on N2 (8 → 64 → 64 → 8) that was 43 % of a training step, and
    /// the block product took the step from 16.4 to 12.8 µs. Larger layers keep the per-sample form, whose dot products
    /// run efficiently along long rows (the MNIST sample's 256 → 128 layer trained no faster batched), and which needs
    /// no copy of the weights. A layer reading the network's input needs no input gradient at all
    /// (<see cref="LayerSpec.AsFirstComputingLayer"/>).
    /// </summary>
    public const int MaxBatchedInputGradientWeights = 16 * 1024;

    public IReadOnlyList<LayerSpec>? Parse(AttributeReader attribute, int index, TensorShape input, List<Diagnostic> diagnostics)
    {
        int errors = diagnostics.Count;
        string? name = LayerNames.Resolve(attribute, index, diagnostics);
        int units = attribute.Argument("units", 0);
        if (units <= 0)
        {
            LayerDiagnostics.NonPositiveSize(attribute.ArgumentLocation("units"), index, name ?? attribute.ShortName, "units", units, diagnostics);
        }

        ActivationSpec? activation = ActivationSettings.Read(attribute, "activation", index, name ?? attribute.ShortName, diagnostics);
        double dropout = DropoutRates.Resolve(attribute, index, diagnostics);
        if (diagnostics.Count != errors || name is null || activation is null
            || !LayerDiagnostics.RequireRank(attribute, index, name, input, diagnostics, "a dense layer reads a vector; add [Flatten] before it", 1))
        {
            return null;
        }

        // A long: the product can overflow int. Too large even in float: stop here, before a spec's sizes overflow.
        long weights = input.LongLength * units;
        if (LayerDiagnostics.TooLarge(attribute, index, "parameters", weights + units, NetworkLimits.MaxParameterBytes, "a parameter buffer may take", diagnostics))
        {
            return null;
        }

        DenseCodeStrategy strategy = units < MinVectorizedOutputs && weights <= MaxUnrolledWeights ? DenseCodeStrategy.Unrolled : DenseCodeStrategy.Vectorized;
        TensorShape output = TensorShape.Of(units);
        bool batchesInputGradient = strategy == DenseCodeStrategy.Vectorized && weights <= MaxBatchedInputGradientWeights;
        List<LayerSpec> layers = ActivationSettings.Attach(name, output, activation, fused => new DenseLayerSpec(name, input.Length, units, fused, strategy, batchesInputGradient));
        if (dropout > 0)
        {
            layers.Add(new DropoutLayerSpec(name + "Dropout", output, dropout));
        }

        return layers;
    }
}
