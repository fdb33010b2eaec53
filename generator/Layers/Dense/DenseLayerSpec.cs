using System.Collections.Generic;
using GenNN.Generator.Layers.Activation;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Dense;

/// <summary>
/// A fully connected layer: <c>a = f(xᵀ·W + b)</c>, <c>W</c> stored input-major <c>[in, out]</c> (row <c>i</c> holds
/// the weights from input <c>i</c>; the transpose of PyTorch's <c>nn.Linear.weight</c>), so that forward and backward
/// both run across contiguous outputs.
/// </summary>
/// <param name="BatchesInputGradient">
/// Whether training's block backward computes <c>dL/dx</c> for the whole block as one product over <c>Wᵀ</c>, laid out
/// in the block's scratch (<c>InputGradient</c> region), rather than sample by sample.
/// </param>
internal sealed record DenseLayerSpec(string Name, int Inputs, int Units, ActivationSpec FusedActivation, DenseCodeStrategy Strategy, bool BatchesInputGradient)
    : LayerSpec(Name, TensorShape.Of(Inputs), TensorShape.Of(Units))
{
    public override string KindName => "Dense";

    public override ActivationSpec Activation => FusedActivation;

    public override string Summary => Strategy == DenseCodeStrategy.Unrolled ? "Dense (unrolled)" : "Dense (vectorized)";

    public ParameterTensor Weights => new(
        "Weights",
        "w",
        TensorShape.Of(Inputs, Units),
        FusedActivation.IsReLUFamily ? TensorInitialization.HeUniform : TensorInitialization.GlorotUniform,
        Inputs,
        Units)
    {
        LayoutNote = ", input-major (<c>[in, out]</c>, the transpose of PyTorch's <c>nn.Linear.weight</c>): row <c>i</c> holds input <c>i</c>'s weights to every neuron",
    };

    public ParameterTensor Bias => ParameterTensor.Constant("Bias", "b", Units, TensorInitialization.Zeros);

    public override IReadOnlyList<ParameterTensor> Tensors => new[] { Weights, Bias };

    public override IReadOnlyList<LayerSetting> Settings => ActivationSettings.Of(FusedActivation);

    public override LayerSpec AsFirstComputingLayer() => this with { BatchesInputGradient = false };

    /// <summary>
    /// With <see cref="BatchesInputGradient"/>, per block: <c>Wᵀ</c> and a zero bias for
    /// <c>GenNN.Kernels.DenseBatchKernel.InputGradients</c> (its <c>InputGradientScratchLength</c>).
    /// </summary>
    public override IReadOnlyList<ScratchRegion> Scratch => BatchesInputGradient
        ? new[] { new ScratchRegion("InputGradient", (Inputs * Units) + Inputs, ScratchScope.TrainingBlock) }
        : System.Array.Empty<ScratchRegion>();

    /// <summary><c>nn.Linear</c>, then its activation module unless Identity.</summary>
    public override int TorchModuleCount => FusedActivation.Kind == ActivationKind.Identity ? 1 : 2;

    /// <summary><c>weight</c> is <c>[out, in]</c>, the transpose of the stored <c>[in, out]</c>; <c>bias</c> is <c>[out]</c>.</summary>
    public override IReadOnlyList<TorchTensorSpec> TorchTensors(string module) => new[]
    {
        TorchTensorSpec.Transposed(module, "weight", Weights, "nn.Linear.weight's [out, in]"),
        TorchTensorSpec.Copy(module, "bias", Bias, "nn.Linear.bias's [out]"),
    };

    public override long Flops => 2L * Inputs * Units;
}
