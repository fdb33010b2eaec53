using System.Collections.Generic;
using System.Globalization;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Dense;

/// <summary>A fully connected layer: <c>a = f(W·x + b)</c>, <c>W</c> stored <c>[out, in]</c> row-major (PyTorch's <c>nn.Linear</c> layout).</summary>
internal sealed record DenseLayerSpec(string Name, int InputSize, int OutputSize, ActivationSpec Activation, CodeStrategy Strategy)
    : LayerSpec(Name, InputSize, OutputSize, Activation, Strategy)
{
    public override string KindName => "Dense";

    public ParameterTensor Weights => new(
        "Weights",
        "w",
        InputSize * OutputSize,
        "[" + OutputSize.ToString(CultureInfo.InvariantCulture) + ", " + InputSize.ToString(CultureInfo.InvariantCulture) + "]",
        Activation.IsReLUFamily ? TensorInitialization.HeUniform : TensorInitialization.GlorotUniform,
        InputSize,
        OutputSize,
        ReadForInputGradient: true);

    public ParameterTensor Bias => new(
        "Bias",
        "b",
        OutputSize,
        "[" + OutputSize.ToString(CultureInfo.InvariantCulture) + "]",
        TensorInitialization.Zeros,
        InputSize,
        OutputSize,
        ReadForInputGradient: false);

    public override IReadOnlyList<ParameterTensor> Tensors => new[] { Weights, Bias };

    public override long Flops => 2L * InputSize * OutputSize;
}
