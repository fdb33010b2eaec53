using System.Collections.Generic;
using System.Collections.Immutable;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Dense;

/// <summary>
/// A fully connected layer: <c>a = f(xᵀ·W + b)</c>, <c>W</c> stored input-major <c>[in, out]</c> (row <c>i</c> holds
/// the weights from input <c>i</c>; the transpose of PyTorch's <c>nn.Linear.weight</c>), so that forward and backward
/// both run across contiguous outputs.
/// </summary>
internal sealed record DenseLayerSpec(string Name, int InputSize, int OutputSize, ActivationSpec Activation, CodeStrategy Strategy, double DropoutRate)
    : LayerSpec(Name, InputSize, OutputSize, Activation, Strategy, DropoutRate)
{
    public override string KindName => "Dense";

    public ParameterTensor Weights => new(
        "Weights",
        "w",
        InputSize * OutputSize,
        new EquatableArray<int>(ImmutableArray.Create(InputSize, OutputSize)),
        Activation.IsReLUFamily ? TensorInitialization.HeUniform : TensorInitialization.GlorotUniform,
        InputSize,
        OutputSize,
        ReadForInputGradient: true);

    public ParameterTensor Bias => new(
        "Bias",
        "b",
        OutputSize,
        new EquatableArray<int>(ImmutableArray.Create(OutputSize)),
        TensorInitialization.Zeros,
        InputSize,
        OutputSize,
        ReadForInputGradient: false);

    public override IReadOnlyList<ParameterTensor> Tensors => new[] { Weights, Bias };

    public override long Flops => 2L * InputSize * OutputSize;
}
