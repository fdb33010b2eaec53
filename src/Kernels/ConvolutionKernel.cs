using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GenNN.Kernels;

/// <summary>
/// A 2-D (and, with height 1, 1-D) convolution layer's passes for one sample, as matrix multiplications
/// (<see cref="Conv2DGeometry"/> gives the shapes). Per group, im2col copies the input into <c>columns</c>, a
/// matrix with one row per weight of a filter, <c>k = (c·KernelHeight + ky)·KernelWidth + kx</c>, and one column per
/// output position <c>p = oy·OutWidth + ox</c>: <c>columns[k, p] = input[c, oy·sh − pt + ky·dh, ox·sw − pl + kx·dw]</c>,
/// zero where that falls in the padding. Then, with <c>K</c> the patch length and <c>P</c> the output positions,
/// <list type="bullet">
/// <item>forward: <c>output[f, p] = bias[f] + Σ_k W[f, k]·columns[k, p]</c>;</item>
/// <item>weight gradient: <c>dW[f, k] += Σ_p dOut[f, p]·columns[k, p]</c>, bias gradient <c>db[f] += Σ_p dOut[f, p]</c>;</item>
/// <item>input gradient: <c>dColumns[k, p] = Σ_f W[f, k]·dOut[f, p]</c>, then col2im adds each <c>dColumns[k, p]</c>
/// back to the input position it was copied from.</item>
/// </list>
/// Every product runs along <c>p</c>, the contiguous dimension of the output, of <c>columns</c> and of <c>dOut</c>,
/// one <see cref="Vector{T}"/> of positions per register, with register tiles that reuse each load several times
/// (see ConvolutionKernel.Gemm.cs). The weights are already in the layout this needs: PyTorch's
/// <c>[OutChannels, InChannels / Groups, KernelHeight, KernelWidth]</c> is <c>W[f, k]</c> row-major.
/// A <see cref="Conv2DGeometry.IsPointwise"/> convolution skips im2col and col2im: its input is already the matrix.
/// The spans must have the geometry's lengths (not checked: generated code guarantees them); nothing is allocated.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class ConvolutionKernel
{
    /// <summary>
    /// <c>output[f, oy, ox] = bias[f] + Σ_{c in group(f), ky, kx} weights[f, c, ky, kx]·input[c, oy·sh − pt + ky·dh, ox·sw − pl + kx·dw]</c>,
    /// zero outside the input; no activation. <paramref name="columns"/> is scratch of
    /// <see cref="Conv2DGeometry.ColumnsLength"/> values; its contents on entry and exit carry no meaning.
    /// </summary>
    public static void Forward<T>(
        in Conv2DGeometry geometry, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output, Span<T> columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(input.Length == geometry.InputLength && weights.Length == geometry.WeightsLength, "input or weights of the wrong length");
        Debug.Assert(bias.Length == geometry.OutChannels && output.Length == geometry.OutputLength, "bias or output of the wrong length");
        Debug.Assert(columns.Length >= geometry.ColumnsLength, "columns shorter than ColumnsLength");
        int patch = geometry.GroupPatchLength;
        int positions = geometry.OutSpatial;
        int filtersPerGroup = geometry.OutChannels / geometry.Groups;
        int channelsPerGroup = geometry.InChannels / geometry.Groups;
        int groupInputLength = channelsPerGroup * geometry.InHeight * geometry.InWidth;
        bool pointwise = geometry.IsPointwise;
        for (int group = 0; group < geometry.Groups; group++)
        {
            ReadOnlySpan<T> groupInput = input.Slice(group * groupInputLength, groupInputLength);
            if (!pointwise)
            {
                Im2Col(geometry, groupInput, columns);
            }

            int firstFilter = group * filtersPerGroup;
            Multiply(
                ref MemoryMarshal.GetReference(weights.Slice(firstFilter * patch)),
                patch,
                1,
                ref MemoryMarshal.GetReference(pointwise ? groupInput : columns),
                ref MemoryMarshal.GetReference(output.Slice(firstFilter * positions)),
                filtersPerGroup,
                patch,
                positions,
                bias.Slice(firstFilter, filtersPerGroup));
        }
    }

    /// <summary>
    /// Given <paramref name="outputGradient"/> = dL/d(output) (before any activation), adds dL/dW to
    /// <paramref name="weightGradient"/> and dL/db to <paramref name="biasGradient"/>, and overwrites
    /// <paramref name="inputGradient"/> with dL/d(input) unless it is empty (the first layer needs none).
    /// <paramref name="columns"/> is scratch, as for <see cref="Forward"/>.
    /// </summary>
    public static void Backward<T>(
        in Conv2DGeometry geometry,
        ReadOnlySpan<T> input,
        ReadOnlySpan<T> weights,
        ReadOnlySpan<T> outputGradient,
        Span<T> weightGradient,
        Span<T> biasGradient,
        Span<T> inputGradient,
        Span<T> columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(input.Length == geometry.InputLength && weights.Length == geometry.WeightsLength, "input or weights of the wrong length");
        Debug.Assert(outputGradient.Length == geometry.OutputLength && weightGradient.Length == geometry.WeightsLength, "gradient of the wrong length");
        Debug.Assert(biasGradient.Length == geometry.OutChannels, "bias gradient of the wrong length");
        Debug.Assert(inputGradient.IsEmpty || inputGradient.Length == geometry.InputLength, "input gradient of the wrong length");
        Debug.Assert(columns.Length >= geometry.ColumnsLength, "columns shorter than ColumnsLength");
        int patch = geometry.GroupPatchLength;
        int positions = geometry.OutSpatial;
        int filtersPerGroup = geometry.OutChannels / geometry.Groups;
        int channelsPerGroup = geometry.InChannels / geometry.Groups;
        int groupInputLength = channelsPerGroup * geometry.InHeight * geometry.InWidth;
        bool pointwise = geometry.IsPointwise;
        bool wantsInputGradient = !inputGradient.IsEmpty;
        for (int filter = 0; filter < geometry.OutChannels; filter++)
        {
            biasGradient[filter] += LayerNormKernel.Sum(outputGradient.Slice(filter * positions, positions));
        }

        if (wantsInputGradient && !pointwise)
        {
            // col2im adds, since overlapping windows send several gradients to one input position.
            inputGradient.Clear();
        }

        for (int group = 0; group < geometry.Groups; group++)
        {
            int firstFilter = group * filtersPerGroup;
            ReadOnlySpan<T> groupInput = input.Slice(group * groupInputLength, groupInputLength);
            ref T groupOutputGradient = ref MemoryMarshal.GetReference(outputGradient.Slice(firstFilter * positions));
            if (!pointwise)
            {
                Im2Col(geometry, groupInput, columns);
            }

            AddProductTransposed(
                ref groupOutputGradient,
                ref MemoryMarshal.GetReference(pointwise ? groupInput : columns),
                ref MemoryMarshal.GetReference(weightGradient.Slice(firstFilter * patch)),
                filtersPerGroup,
                patch,
                positions);

            if (!wantsInputGradient)
            {
                continue;
            }

            // dColumns = Wᵀ·dOut: the weights read transposed, W[f, k] as row k, column f.
            Span<T> groupInputGradient = inputGradient.Slice(group * groupInputLength, groupInputLength);
            Multiply(
                ref MemoryMarshal.GetReference(weights.Slice(firstFilter * patch)),
                1,
                patch,
                ref groupOutputGradient,
                ref MemoryMarshal.GetReference(pointwise ? groupInputGradient : columns),
                patch,
                filtersPerGroup,
                positions,
                ReadOnlySpan<T>.Empty);
            if (!pointwise)
            {
                Col2ImAdd(geometry, columns, groupInputGradient);
            }
        }
    }

    /// <summary>
    /// Fills the <c>[GroupPatchLength, OutSpatial]</c> im2col matrix of one group, whose channels start
    /// <paramref name="groupInput"/>. Each row is one (channel, ky, kx); for each output row it copies the run of
    /// input columns the kernel tap reads (contiguous at stride 1) and zeroes the positions that fall in the padding.
    /// </summary>
    private static void Im2Col<T>(in Conv2DGeometry geometry, ReadOnlySpan<T> groupInput, Span<T> columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = geometry.InChannels / geometry.Groups;
        int height = geometry.InHeight, width = geometry.InWidth;
        int outHeight = geometry.OutHeight, outWidth = geometry.OutWidth;
        int strideY = geometry.StrideHeight, strideX = geometry.StrideWidth;
        int positions = outHeight * outWidth;
        int row = 0;
        for (int channel = 0; channel < channels; channel++)
        {
            ReadOnlySpan<T> plane = groupInput.Slice(channel * height * width, height * width);
            for (int ky = 0; ky < geometry.KernelHeight; ky++)
            {
                int yOffset = (ky * geometry.DilationHeight) - geometry.PaddingTop;
                (int firstY, int endY) = InsideRange(yOffset, strideY, height, outHeight);
                for (int kx = 0; kx < geometry.KernelWidth; kx++, row++)
                {
                    int xOffset = (kx * geometry.DilationWidth) - geometry.PaddingLeft;
                    (int firstX, int endX) = InsideRange(xOffset, strideX, width, outWidth);
                    Span<T> matrixRow = columns.Slice(row * positions, positions);
                    if (firstX == endX)
                    {
                        // The tap reads only padding (and the run below would point outside the row).
                        matrixRow.Clear();
                        continue;
                    }

                    matrixRow.Slice(0, firstY * outWidth).Clear();
                    matrixRow.Slice(endY * outWidth).Clear();
                    ref T rowStart = ref MemoryMarshal.GetReference(matrixRow);
                    for (int oy = firstY; oy < endY; oy++)
                    {
                        ref T target = ref Unsafe.Add(ref rowStart, oy * outWidth);
                        ref T source = ref Unsafe.Add(ref MemoryMarshal.GetReference(plane), ((oy * strideY) + yOffset) * width);
                        for (int ox = 0; ox < firstX; ox++)
                        {
                            Unsafe.Add(ref target, ox) = T.Zero;
                        }

                        if (strideX == 1)
                        {
                            CopyRun(ref Unsafe.Add(ref source, firstX + xOffset), ref Unsafe.Add(ref target, firstX), endX - firstX);
                        }
                        else
                        {
                            for (int ox = firstX; ox < endX; ox++)
                            {
                                Unsafe.Add(ref target, ox) = Unsafe.Add(ref source, (ox * strideX) + xOffset);
                            }
                        }

                        for (int ox = endX; ox < outWidth; ox++)
                        {
                            Unsafe.Add(ref target, ox) = T.Zero;
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Copies <paramref name="length"/> values. Im2col copies one short run per output row and kernel tap (a 14-wide
    /// map: 14 values), where a call to <c>Span.CopyTo</c> costs more than the copy; vectors, the last one placed
    /// flush with the end (overlapping values already copied), do it in a few instructions.
    /// </summary>
    private static void CopyRun<T>(ref T source, ref T target, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated && length >= lanes)
        {
            for (int i = 0; i < length - lanes; i += lanes)
            {
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref source, (nuint)i), ref target, (nuint)i);
            }

            Vector.StoreUnsafe(Vector.LoadUnsafe(ref source, (nuint)(length - lanes)), ref target, (nuint)(length - lanes));
            return;
        }

        for (int i = 0; i < length; i++)
        {
            Unsafe.Add(ref target, i) = Unsafe.Add(ref source, i);
        }
    }

    /// <summary>
    /// The adjoint of <see cref="Im2Col"/>: adds every entry of the <c>[GroupPatchLength, OutSpatial]</c> matrix
    /// <paramref name="columns"/> to the input position <see cref="Im2Col"/> copied it from; entries from the padding
    /// have nowhere to go and are dropped.
    /// </summary>
    private static void Col2ImAdd<T>(in Conv2DGeometry geometry, ReadOnlySpan<T> columns, Span<T> groupInputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = geometry.InChannels / geometry.Groups;
        int height = geometry.InHeight, width = geometry.InWidth;
        int outHeight = geometry.OutHeight, outWidth = geometry.OutWidth;
        int strideY = geometry.StrideHeight, strideX = geometry.StrideWidth;
        int positions = outHeight * outWidth;
        int row = 0;
        for (int channel = 0; channel < channels; channel++)
        {
            Span<T> plane = groupInputGradient.Slice(channel * height * width, height * width);
            for (int ky = 0; ky < geometry.KernelHeight; ky++)
            {
                int yOffset = (ky * geometry.DilationHeight) - geometry.PaddingTop;
                (int firstY, int endY) = InsideRange(yOffset, strideY, height, outHeight);
                for (int kx = 0; kx < geometry.KernelWidth; kx++, row++)
                {
                    int xOffset = (kx * geometry.DilationWidth) - geometry.PaddingLeft;
                    (int firstX, int endX) = InsideRange(xOffset, strideX, width, outWidth);
                    if (firstX == endX)
                    {
                        continue;
                    }

                    ref T matrixRow = ref Unsafe.Add(ref MemoryMarshal.GetReference(columns), row * positions);
                    for (int oy = firstY; oy < endY; oy++)
                    {
                        ref T source = ref Unsafe.Add(ref matrixRow, oy * outWidth);
                        ref T target = ref Unsafe.Add(ref MemoryMarshal.GetReference(plane), ((oy * strideY) + yOffset) * width);
                        if (strideX == 1)
                        {
                            AddRun(ref Unsafe.Add(ref source, firstX), ref Unsafe.Add(ref target, firstX + xOffset), endX - firstX);
                        }
                        else
                        {
                            for (int ox = firstX; ox < endX; ox++)
                            {
                                Unsafe.Add(ref target, (ox * strideX) + xOffset) += Unsafe.Add(ref source, ox);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary><c>target[i] += source[i]</c> for a short run, as <see cref="CopyRun"/> copies one.</summary>
    private static void AddRun<T>(ref T source, ref T target, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<T>.Count <= length; i += Vector<T>.Count)
            {
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref target, (nuint)i) + Vector.LoadUnsafe(ref source, (nuint)i), ref target, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref target, i) += Unsafe.Add(ref source, i);
        }
    }

    /// <summary>
    /// The output indices <c>o</c> in <c>[First, End)</c> whose input index <c>o·stride + offset</c> lies in
    /// <c>[0, length)</c>, clipped to the <paramref name="count"/> outputs; the rest read the padding.
    /// </summary>
    private static (int First, int End) InsideRange(int offset, int stride, int length, int count)
    {
        int first = offset >= 0 ? 0 : Math.Min(count, (-offset + stride - 1) / stride);
        int end = offset >= length ? 0 : Math.Min(count, (length - offset + stride - 1) / stride);
        return (first, Math.Max(first, end));
    }
}
