using System.Collections.Generic;
using System.Linq;
using GenNN.Generator.Helpers;
using GenNN.Generator.Layers.Activation;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Convolution;

/// <summary>
/// A 1-D or 2-D convolution, PyTorch's <c>nn.Conv1d</c> / <c>nn.Conv2d</c>: weights in PyTorch's layout
/// <c>[filters, in_channels / groups, (kernel,) kernel]</c>, bias <c>[filters]</c>, and an activation fused when it
/// can be. A 1-D convolution is the 2-D one with height 1, so both share the kernels (<c>GenNN.Kernels.ConvolutionKernel</c>).
/// </summary>
/// <param name="Name">The member-name prefix.</param>
/// <param name="InputShape"><c>[C, L]</c> or <c>[C, H, W]</c>.</param>
/// <param name="OutputShape"><c>[F, L']</c> or <c>[F, H', W']</c>.</param>
/// <param name="Geometry">The kernel, stride, padding, dilation and groups.</param>
/// <param name="FusedActivation">The activation applied to each output value.</param>
internal sealed record ConvolutionLayerSpec(string Name, TensorShape InputShape, TensorShape OutputShape, ConvolutionGeometry Geometry, ActivationSpec FusedActivation)
    : LayerSpec(Name, InputShape, OutputShape)
{
    /// <summary>The taps per tile of the kernel's input-gradient product (the runtime's <c>RegisterTiles.Rows</c>).</summary>
    private const int GradientTileRows = 4;

    public int Dimensions => InputShape.Rank - 1;

    public override string KindName => Dimensions == 1 ? "Conv1D" : "Conv2D";

    public override SignalAxes? ReadsAxes => Dimensions == 1 ? SignalAxes.ChannelsFirst : null;

    public override SignalAxes? WritesAxes(SignalAxes? input) => Dimensions == 1 ? SignalAxes.ChannelsFirst : null;

    public override ActivationSpec Activation => FusedActivation;

    public override string Summary
        => $"{KindName} kernel {Geometry.KernelText(Dimensions)}, stride {Invariant.Text(Geometry.Stride)}, padding {Geometry.PaddingText(Dimensions)}"
           + (Geometry.Dilation == 1 ? string.Empty : $", dilation {Invariant.Text(Geometry.Dilation)}")
           + (Geometry.Groups == 1 ? string.Empty : $", {Invariant.Text(Geometry.Groups)} groups");

    public int InChannels => InputShape[0];

    public int Filters => OutputShape[0];

    /// <summary>Weights per filter: <c>(in_channels / groups)·kernel^d</c>.</summary>
    public int PatchLength => InChannels / Geometry.Groups * KernelArea;

    public int KernelArea => Dimensions == 1 ? Geometry.Kernel : Geometry.Kernel * Geometry.Kernel;

    public ParameterTensor Weights => new(
        "Weights",
        "w",
        Dimensions == 1 ? TensorShape.Of(Filters, InChannels / Geometry.Groups, Geometry.Kernel) : TensorShape.Of(Filters, InChannels / Geometry.Groups, Geometry.Kernel, Geometry.Kernel),
        FusedActivation.IsReLUFamily ? TensorInitialization.HeUniform : TensorInitialization.GlorotUniform,
        PatchLength,
        Filters / Geometry.Groups * KernelArea);

    public ParameterTensor Bias => ParameterTensor.Constant("Bias", "b", Filters, TensorInitialization.Zeros);

    public override IReadOnlyList<ParameterTensor> Tensors => new[] { Weights, Bias };

    /// <summary>
    /// The kernel's working memory, as <c>GenNN.Kernels.ConvolutionKernel.ScratchLength</c> computes it from the
    /// geometry: a table of row offsets (one value per tap and per filter of a group), then at stride 1 (the direct
    /// path) the zero-framed input when padded, one group's outputs on the virtual grid as wide as the padded input
    /// (unless that is the output's own layout), a tile of four taps' input gradients and one group's padded input
    /// gradient; at other strides the im2col matrix of one group. In 64 bits: the parser bounds it before the region
    /// takes it as 32.
    /// </summary>
    public long ScratchLength
    {
        get
        {
            int filtersPerGroup = Filters / Geometry.Groups;
            long table = PatchLength + filtersPerGroup;
            long outHeight = Dimensions == 1 ? 1 : OutputShape[1];
            long outWidth = OutputShape[OutputShape.Rank - 1];
            if (Geometry.Stride != 1)
            {
                return table + (PatchLength * outHeight * outWidth);
            }

            long inHeight = Dimensions == 1 ? 1 : InputShape[1];
            long inWidth = InputShape[InputShape.Rank - 1];
            long paddedHeight = Dimensions == 1 ? 1 : inHeight + Geometry.PaddingBefore + Geometry.PaddingAfter;
            long paddedWidth = inWidth + Geometry.PaddingBefore + Geometry.PaddingAfter;
            long plane = paddedHeight * paddedWidth;
            bool padded = plane != inHeight * inWidth;
            long positions = ((outHeight - 1) * paddedWidth) + outWidth;
            bool compacted = positions != outHeight * outWidth;
            return table
                + (padded ? InChannels * plane : 0)
                + (compacted ? filtersPerGroup * positions : 0)
                + (Geometry.IsPointwise ? 0 : GradientTileRows * positions)
                + (padded ? InChannels / Geometry.Groups * plane : 0);
        }
    }

    public override IReadOnlyList<ScratchRegion> Scratch => new[] { new ScratchRegion("Scratch", (int)ScratchLength, ScratchScope.Temporary) };

    public override IReadOnlyList<LayerSetting> Settings => new[]
    {
        new LayerSetting("KernelSize", Geometry.Kernel),
        new LayerSetting("Stride", Geometry.Stride),
        new LayerSetting("PaddingBefore", Geometry.PaddingBefore),
        new LayerSetting("PaddingAfter", Geometry.PaddingAfter),
        new LayerSetting("Dilation", Geometry.Dilation),
        new LayerSetting("Groups", Geometry.Groups),
    }.Concat(ActivationSettings.Of(FusedActivation)).ToArray();

    public override long Flops => 2L * OutputShape.Length * PatchLength;

    /// <summary><c>nn.Conv1d</c> / <c>nn.Conv2d</c>, then its activation module unless Identity.</summary>
    public override int TorchModuleCount => FusedActivation.Kind == ActivationKind.Identity ? 1 : 2;

    /// <summary>Both tensors are stored in PyTorch's layout, so they are copied as they are.</summary>
    public override IReadOnlyList<TorchTensorSpec> TorchTensors(string module)
    {
        string torchModule = Dimensions == 1 ? "nn.Conv1d" : "nn.Conv2d";
        return new[]
        {
            TorchTensorSpec.Copy(module, "weight", Weights, $"{torchModule}.weight's [out_channels, in_channels / groups, {(Dimensions == 1 ? "kernel" : "kH, kW")}]"),
            TorchTensorSpec.Copy(module, "bias", Bias, $"{torchModule}.bias's [out_channels]"),
        };
    }
}

/// <summary>A convolution's window: square kernel, stride and dilation, padding before and after each spatial dimension (unequal only for 'same' with an even kernel).</summary>
internal sealed record ConvolutionGeometry(int Kernel, int Stride, int PaddingBefore, int PaddingAfter, int Dilation, int Groups)
{
    public bool IsPointwise => Kernel == 1 && Stride == 1 && PaddingBefore == 0 && PaddingAfter == 0;

    /// <summary>The output extent of a spatial dimension of <paramref name="input"/> values (may be ≤ 0: no output).</summary>
    public long OutputExtent(int input) => ((input + (long)PaddingBefore + PaddingAfter - ((long)Dilation * (Kernel - 1)) - 1) / Stride) + 1;

    public string KernelText(int dimensions) => dimensions == 1 ? Invariant.Text(Kernel) : $"{Invariant.Text(Kernel)}×{Invariant.Text(Kernel)}";

    public string PaddingText(int dimensions)
        => PaddingBefore == PaddingAfter ? Invariant.Text(PaddingBefore) : $"{Invariant.Text(PaddingBefore)} before, {Invariant.Text(PaddingAfter)} after";
}
