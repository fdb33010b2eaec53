using System.Collections.Generic;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.BatchNorm;

/// <summary>
/// Batch normalization over the channels (the first dimension) of a vector <c>[N]</c> (each feature a channel), a
/// signal <c>[C, L]</c> or an image <c>[C, H, W]</c>: PyTorch's <c>nn.BatchNorm1d</c> / <c>nn.BatchNorm2d</c> with
/// affine parameters <c>Weight</c> (γ, ones) and <c>Bias</c> (β, zeros), and state <c>RunningMean</c> (zeros),
/// <c>RunningVariance</c> (ones) and <c>NumBatchesTracked</c>. Training normalizes each block of samples by its own
/// statistics, kept per block for backward; inference by the running ones.
/// </summary>
internal sealed record BatchNormLayerSpec(string Name, TensorShape Shape, double Momentum, double Epsilon)
    : LayerSpec(Name, Shape, Shape)
{
    public override string KindName => "BatchNorm";

    /// <summary>On two axes it normalizes each index of the first, a signal's channel (PyTorch's <c>BatchNorm1d</c> on <c>[C, L]</c>): after a recurrent sequence that would be each step.</summary>
    public override SignalAxes? ReadsAxes => Shape.Rank == 2 ? SignalAxes.ChannelsFirst : null;

    public override string Summary => $"BatchNorm{(Shape.Rank == 3 ? "2d" : "1d")}(momentum {Invariant.Text(Momentum)}, ε {Invariant.Text(Epsilon)})";

    public int Channels => Shape[0];

    public ParameterTensor Weight => ParameterTensor.Constant("Weight", "gamma", Channels, TensorInitialization.Ones);

    public ParameterTensor Bias => ParameterTensor.Constant("Bias", "beta", Channels, TensorInitialization.Zeros);

    public ParameterTensor RunningMean => ParameterTensor.Constant("RunningMean", "runningMean", Channels, TensorInitialization.Zeros);

    public ParameterTensor RunningVariance => ParameterTensor.Constant("RunningVariance", "runningVariance", Channels, TensorInitialization.Ones);

    public ParameterTensor NumBatchesTracked => ParameterTensor.Constant("NumBatchesTracked", "batches", 1, TensorInitialization.Zeros);

    public override IReadOnlyList<ParameterTensor> Tensors => new[] { Weight, Bias };

    public override IReadOnlyList<ParameterTensor> Buffers => new[] { RunningMean, RunningVariance, NumBatchesTracked };

    /// <summary>
    /// The block's mean and <c>1/√(σ² + ε)</c> per channel, for backward; and where running statistics go when the
    /// caller asked not to update them (data-parallel chunks but the first).
    /// </summary>
    public override IReadOnlyList<ScratchRegion> Scratch => new[]
    {
        new ScratchRegion("BatchMean", Channels, ScratchScope.TrainingBlock),
        new ScratchRegion("BatchInverseStd", Channels, ScratchScope.TrainingBlock),
        new ScratchRegion("DiscardedMean", Channels, ScratchScope.TrainingBlock),
        new ScratchRegion("DiscardedVariance", Channels, ScratchScope.TrainingBlock),
    };

    public override IReadOnlyList<LayerSetting> Settings => new[] { new LayerSetting("Momentum", Momentum), new LayerSetting("Epsilon", Epsilon) };

    public override long Flops => 2L * Shape.Length;

    /// <summary>
    /// <c>nn.BatchNorm2d</c> on an image, <c>nn.BatchNorm1d</c> otherwise: four <c>[C]</c> tensors copied as they are, and
    /// <c>num_batches_tracked</c>, an <c>int64</c> scalar of shape <c>[]</c> in PyTorch, one value in GenNN's buffers.
    /// </summary>
    public override IReadOnlyList<TorchTensorSpec> TorchTensors(string module)
    {
        string torchModule = Shape.Rank == 3 ? "nn.BatchNorm2d" : "nn.BatchNorm1d";
        return new[]
        {
            TorchTensorSpec.Copy(module, "weight", Weight, $"{torchModule}.weight's [num_features]"),
            TorchTensorSpec.Copy(module, "bias", Bias, $"{torchModule}.bias's [num_features]"),
            TorchTensorSpec.Copy(module, "running_mean", RunningMean, $"{torchModule}.running_mean's [num_features]") with { IsBuffer = true },
            TorchTensorSpec.Copy(module, "running_var", RunningVariance, $"{torchModule}.running_var's [num_features]") with { IsBuffer = true, Conversion = TorchConversionKind.Variance },
            new TorchTensorSpec($"{module}.num_batches_tracked", NumBatchesTracked, true, TensorShape.Of(), TorchConversionKind.Count, $"{torchModule}.num_batches_tracked's scalar []"),
        };
    }
}
