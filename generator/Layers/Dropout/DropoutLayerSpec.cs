using System.Collections.Generic;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Dropout;

/// <summary>
/// Inverted dropout: training keeps each value with probability <c>1 − Rate</c>, scaled by <c>1/(1 − Rate)</c>, and
/// keeps the mask for backward; inference passes the values through.
/// </summary>
internal sealed record DropoutLayerSpec(string Name, TensorShape Shape, double Rate)
    : LayerSpec(Name, Shape, Shape)
{
    public override string KindName => "Dropout";

    public override string Summary => $"Dropout({Invariant.Text(Rate)})";

    public override bool DrawsRandom => true;

    /// <summary>Inference passes each step through.</summary>
    public override LayerSpec? OneStep => Shape.Step is { } step ? new DropoutLayerSpec(Name, step, Rate) : null;

    public override IReadOnlyList<LayerSetting> Settings => new[] { new LayerSetting("Rate", Rate) };

    public override IReadOnlyList<ScratchRegion> Scratch => new[] { new ScratchRegion("Mask", Shape.Length, ScratchScope.TrainingSample) };
}
