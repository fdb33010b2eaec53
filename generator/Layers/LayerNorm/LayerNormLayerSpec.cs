using System.Collections.Generic;
using System.Linq;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.LayerNorm;

/// <summary>
/// Layer normalization, PyTorch's <c>nn.LayerNorm(normalized_shape)</c> with <c>normalized_shape</c> the trailing
/// <paramref name="NormalizedDimensions"/> dimensions: each run of those values is normalized by its own mean and
/// (biased) variance, then scaled by <c>Weight</c> and shifted by <c>Bias</c> elementwise when affine.
/// <paramref name="IsOneStep"/> marks the layer as a streaming <c>Step</c> runs it on one frame (<see cref="OneStep"/>),
/// whose working memory is its own, not the layer's named regions.
/// </summary>
internal sealed record LayerNormLayerSpec(string Name, TensorShape Shape, int NormalizedDimensions, bool Affine, double Epsilon, bool IsOneStep = false)
    : LayerSpec(Name, Shape, Shape)
{
    public override string KindName => "LayerNorm";

    public override string Summary => $"LayerNorm over {NormalizedShape}{(Affine ? string.Empty : ", no affine")}, ε {Invariant.Text(Epsilon)}";

    public TensorShape NormalizedShape => TensorShape.Of(Shape.Dimensions.Skip(Shape.Rank - NormalizedDimensions).ToArray());

    /// <summary>Values normalized together.</summary>
    public int RunLength => NormalizedShape.Length;

    /// <summary>Runs per sample.</summary>
    public int Runs => Shape.Length / RunLength;

    public ParameterTensor Weight => new("Weight", "gamma", NormalizedShape, TensorInitialization.Ones, 0, 0);

    public ParameterTensor Bias => new("Bias", "beta", NormalizedShape, TensorInitialization.Zeros, 0, 0);

    public override IReadOnlyList<ParameterTensor> Tensors => Affine ? new[] { Weight, Bias } : System.Array.Empty<ParameterTensor>();

    /// <summary>Each run's mean and <c>1/√(σ² + ε)</c>: kept per sample in training; scratch in inference.</summary>
    public override IReadOnlyList<ScratchRegion> Scratch => new[]
    {
        new ScratchRegion("Mean", Runs, ScratchScope.TrainingSample),
        new ScratchRegion("InverseStd", Runs, ScratchScope.TrainingSample),
        new ScratchRegion("Statistics", 2 * Runs, ScratchScope.Temporary),
    };

    public override IReadOnlyList<LayerSetting> Settings => new[]
    {
        new LayerSetting("NormalizedDimensions", NormalizedDimensions),
        new LayerSetting("ElementwiseAffine", Affine ? 1 : 0),
        new LayerSetting("Epsilon", Epsilon),
    };

    public override long Flops => 4L * Shape.Length;

    /// <summary>Normalizing over each step's features only (the last dimension) is one run per step.</summary>
    public override string? OneStepHint => Shape.Rank == 2 && NormalizedDimensions != 1 ? "LayerNorm(NormalizedDimensions = 1) normalizes each step's features, and streams" : null;

    public override LayerSpec? OneStep => Shape.Step is { } step && NormalizedDimensions == 1 ? new LayerNormLayerSpec(Name, step, 1, Affine, Epsilon, IsOneStep: true) : null;

    /// <summary><c>nn.LayerNorm(normalized_shape)</c>: with elementwise affine, <c>weight</c> and <c>bias</c> of the normalized shape; without, none.</summary>
    public override IReadOnlyList<TorchTensorSpec> TorchTensors(string module) => Affine
        ? new[]
        {
            TorchTensorSpec.Copy(module, "weight", Weight, "nn.LayerNorm.weight's normalized_shape"),
            TorchTensorSpec.Copy(module, "bias", Bias, "nn.LayerNorm.bias's normalized_shape"),
        }
        : System.Array.Empty<TorchTensorSpec>();
}
