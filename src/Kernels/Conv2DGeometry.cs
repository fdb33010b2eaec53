using System.ComponentModel;

namespace GenNN.Kernels;

/// <summary>
/// The shape of a 2-D convolution over one sample, with PyTorch's meaning for every number (<c>nn.Conv2d</c>):
/// the input is <c>[InChannels, InHeight, InWidth]</c> row-major, the weights are
/// <c>[OutChannels, InChannels / Groups, KernelHeight, KernelWidth]</c>, the output is
/// <c>[OutChannels, OutHeight, OutWidth]</c>. Output channel <c>f</c> sees only the input channels of its group,
/// <c>g = f / (OutChannels / Groups)</c>. Padding may differ on each side (PyTorch pads symmetrically; an asymmetric
/// "same" padding is <c>F.pad</c> followed by an unpadded convolution). A 1-D convolution over <c>[C, L]</c> is the
/// case <c>InHeight = KernelHeight = StrideHeight = DilationHeight = 1</c> with no height padding.
/// Generated code keeps one as a <c>static readonly</c> field; the derived sizes are recomputed on each read so that
/// a <c>with</c> expression can never leave them stale.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct Conv2DGeometry(
    int InChannels,
    int InHeight,
    int InWidth,
    int OutChannels,
    int KernelHeight,
    int KernelWidth,
    int StrideHeight,
    int StrideWidth,
    int PaddingTop,
    int PaddingLeft,
    int PaddingBottom,
    int PaddingRight,
    int DilationHeight,
    int DilationWidth,
    int Groups)
{
    /// <summary>Output rows: <c>(InHeight + PaddingTop + PaddingBottom − DilationHeight·(KernelHeight − 1) − 1) / StrideHeight + 1</c>.</summary>
    public int OutHeight => ((InHeight + PaddingTop + PaddingBottom - (DilationHeight * (KernelHeight - 1)) - 1) / StrideHeight) + 1;

    /// <summary>Output columns: <c>(InWidth + PaddingLeft + PaddingRight − DilationWidth·(KernelWidth − 1) − 1) / StrideWidth + 1</c>.</summary>
    public int OutWidth => ((InWidth + PaddingLeft + PaddingRight - (DilationWidth * (KernelWidth - 1)) - 1) / StrideWidth) + 1;

    /// <summary>Values in one sample's input: <c>InChannels·InHeight·InWidth</c>.</summary>
    public int InputLength => InChannels * InHeight * InWidth;

    /// <summary>Values in one sample's output: <c>OutChannels·OutHeight·OutWidth</c>.</summary>
    public int OutputLength => OutChannels * OutHeight * OutWidth;

    /// <summary>Values in the weight tensor: <c>OutChannels·(InChannels / Groups)·KernelHeight·KernelWidth</c>.</summary>
    public int WeightsLength => OutChannels * GroupPatchLength;

    /// <summary>
    /// The size of the im2col matrix of one group of one sample, <c>(InChannels / Groups)·KernelHeight·KernelWidth</c>
    /// rows by <c>OutHeight·OutWidth</c> columns, which strided convolutions unfold into; zero for a
    /// <see cref="IsPointwise"/> convolution, whose input already is that matrix. The scratch a call needs, whichever
    /// path it takes, is <see cref="ConvolutionKernel.ScratchLength"/>.
    /// </summary>
    public int ColumnsLength => IsPointwise ? 0 : GroupPatchLength * OutSpatial;

    /// <summary>
    /// True for a 1×1 kernel at stride 1 without padding: each output position reads exactly its own input position,
    /// so a group's input channels are used in place as the im2col matrix (dilation has nothing to spread).
    /// </summary>
    public bool IsPointwise =>
        KernelHeight == 1 && KernelWidth == 1 && StrideHeight == 1 && StrideWidth == 1
        && PaddingTop == 0 && PaddingLeft == 0 && PaddingBottom == 0 && PaddingRight == 0;

    /// <summary>Positions in one output channel: <c>OutHeight·OutWidth</c>.</summary>
    public int OutSpatial => OutHeight * OutWidth;

    /// <summary>Weights per output channel, the rows of a group's im2col matrix: <c>(InChannels / Groups)·KernelHeight·KernelWidth</c>.</summary>
    public int GroupPatchLength => InChannels / Groups * KernelHeight * KernelWidth;
}
