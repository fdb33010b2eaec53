using System.Collections.Generic;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Activation;

/// <summary>
/// An activation applied to each value of any shape (<c>[Activation(Activation.GELU)]</c>), also what a dense or
/// convolution layer's activation becomes when its derivative needs the pre-activation: this layer's input is kept
/// for the backward pass anyway, so the gradient is exact. As the last layer it computes nothing: the network's
/// output head applies it.
/// </summary>
internal sealed record ActivationLayerSpec(string Name, TensorShape Shape, ActivationSpec Function)
    : LayerSpec(Name, Shape, Shape)
{
    public override string KindName => "Activation";

    public override ActivationSpec Activation => Function;

    public override string Summary => "Activation";

    public override IReadOnlyList<LayerSetting> Settings => ActivationSettings.Of(Function);

    public override bool AliasesInput(bool isOutputLayer) => isOutputLayer;

    /// <summary>Each value on its own.</summary>
    public override LayerSpec? OneStep => Shape.Step is { } step ? new ActivationLayerSpec(Name, step, Function) : null;
}
