using System.ComponentModel;

namespace GenNN.Kernels;

/// <summary>
/// The shape of a 2-D pooling window over one sample's <c>[Channels, InHeight, InWidth]</c>, with PyTorch's
/// meaning (<c>nn.MaxPool2d</c>/<c>nn.AvgPool2d</c>, <c>ceil_mode=False</c>, no dilation): the window of output
/// <c>(oy, ox)</c> covers rows <c>oy·StrideHeight − PaddingHeight</c> onwards and columns
/// <c>ox·StrideWidth − PaddingWidth</c> onwards; padding is the same on both sides of a dimension. A 1-D pool over
/// <c>[C, L]</c> is the case <c>InHeight = KernelHeight = StrideHeight = 1</c>, <c>PaddingHeight = 0</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct PoolGeometry(
    int Channels,
    int InHeight,
    int InWidth,
    int KernelHeight,
    int KernelWidth,
    int StrideHeight,
    int StrideWidth,
    int PaddingHeight,
    int PaddingWidth)
{
    /// <summary>Output rows: <c>(InHeight + 2·PaddingHeight − KernelHeight) / StrideHeight + 1</c>.</summary>
    public int OutHeight => ((InHeight + (2 * PaddingHeight) - KernelHeight) / StrideHeight) + 1;

    /// <summary>Output columns: <c>(InWidth + 2·PaddingWidth − KernelWidth) / StrideWidth + 1</c>.</summary>
    public int OutWidth => ((InWidth + (2 * PaddingWidth) - KernelWidth) / StrideWidth) + 1;

    /// <summary>Values in one sample's input: <c>Channels·InHeight·InWidth</c>.</summary>
    public int InputLength => Channels * InHeight * InWidth;

    /// <summary>Values in one sample's output: <c>Channels·OutHeight·OutWidth</c>.</summary>
    public int OutputLength => Channels * OutHeight * OutWidth;
}
