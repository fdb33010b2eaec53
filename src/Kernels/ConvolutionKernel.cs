using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenNN.Kernels;

/// <summary>
/// A 2-D (and, with height 1, 1-D) convolution layer's passes for one sample, as matrix multiplications
/// (<see cref="Conv2DGeometry"/> gives the shapes). With <c>K</c> the patch length (one filter's weights,
/// <c>k = (c·KernelHeight + ky)·KernelWidth + kx</c>) and <c>B_k</c> the input values tap <c>k</c> reads, one per
/// output position <c>p</c>:
/// <list type="bullet">
/// <item>forward: <c>output[f, p] = f(bias[f] + Σ_k W[f, k]·B_k[p])</c>, the bias (and ReLU or LeakyReLU) applied to
/// the accumulators before their only store, tanh and sigmoid in a pass of their own over the product;</item>
/// <item>weight gradient: <c>dW[f, k] += Σ_p dOut[f, p]·B_k[p]</c>, bias gradient <c>db[f] += Σ_p dOut[f, p]</c>;</item>
/// <item>input gradient: <c>dB_k[p] = Σ_f W[f, k]·dOut[f, p]</c>, each added back to the input value it came from.</item>
/// </list>
/// Two ways to lay out <c>B</c>:
/// <list type="bullet">
/// <item><b>Direct</b> (stride 1, the common case): over a virtual output grid as wide as the (padded) input, output
/// <c>(oy, ox)</c> at <c>q = oy·Wp + ox</c>, every tap reads <c>input[offset_k + q]</c>: the input itself, shifted by
/// <c>offset_k = c·Hp·Wp + ky·dh·Wp + kx·dw</c>. Nothing is copied per tap; the cost is the <c>Wp − OutWidth</c>
/// columns between output rows, computed and dropped (kept as zeros in the backward pass), or, where the forward
/// pass goes output row by output row instead, the overlap of each row's last vector. Padding, if any, is applied
/// once by copying the input into a zero-bordered frame.</item>
/// <item><b>im2col</b> (any stride): per group, <c>columns[k, p] = input[c, oy·sh − pt + ky·dh, ox·sw − pl + kx·dw]</c>,
/// zero in the padding; col2im adds the input gradient back.</item>
/// </list>
/// Every product runs along <c>p</c>, contiguous in the output, in <c>B</c> and in <c>dOut</c>, one vector of
/// positions per register (<see cref="Vector{T}"/>, or <see cref="System.Runtime.Intrinsics.Vector512{T}"/> where
/// <see cref="VectorWidth.UsesFullWidthVector512"/>), with register tiles that reuse each load several times
/// (ConvolutionKernel.Gemm.cs). The weights are already in the layout this needs: PyTorch's
/// <c>[OutChannels, InChannels / Groups, KernelHeight, KernelWidth]</c> is <c>W[f, k]</c> row-major.
/// The spans must have the geometry's lengths (not checked: generated code guarantees them); nothing is allocated.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class ConvolutionKernel
{
    /// <summary>
    /// Scratch values <see cref="Forward"/> and <see cref="Backward"/> need: a table of row offsets (one value per
    /// entry, whatever the element type), then for the direct path the padded input, the virtual output grid of one
    /// group (when it differs from the output's layout), a tile of the input gradient's rows and the padded input
    /// gradient of one group; for the im2col path the <see cref="Conv2DGeometry.ColumnsLength"/> matrix.
    /// </summary>
    public static int ScratchLength(in Conv2DGeometry geometry)
    {
        int table = TableLength(geometry);
        if (!IsDirect(geometry))
        {
            return table + geometry.ColumnsLength;
        }

        var grid = new DirectGrid(geometry);
        return table + grid.PaddedInputLength + grid.VirtualOutputLength + grid.GradientTileLength + grid.PaddedGradientLength;
    }

    /// <summary>
    /// <c>output[f, oy, ox] = f(bias[f] + Σ_{c in group(f), ky, kx} weights[f, c, ky, kx]·input[c, oy·sh − pt + ky·dh, ox·sw − pl + kx·dw])</c>,
    /// zero outside the input; <c>f</c> is <typeparamref name="TActivation"/> (<paramref name="slope"/> is LeakyReLU's).
    /// <paramref name="scratch"/> holds <see cref="ScratchLength"/> values; its contents on entry and exit carry no meaning.
    /// </summary>
    public static void Forward<T, TActivation>(
        in Conv2DGeometry geometry, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output, Span<T> scratch, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        Debug.Assert(input.Length == geometry.InputLength && weights.Length == geometry.WeightsLength, "input or weights of the wrong length");
        Debug.Assert(bias.Length == geometry.OutChannels && output.Length == geometry.OutputLength, "bias or output of the wrong length");
        Debug.Assert(scratch.Length >= ScratchLength(geometry), "scratch shorter than ScratchLength");
        if (IsDirect(geometry))
        {
            DirectForward<T, TActivation>(geometry, input, weights, bias, output, scratch, slope);
            return;
        }

        int patch = geometry.GroupPatchLength;
        int positions = geometry.OutSpatial;
        int filtersPerGroup = geometry.OutChannels / geometry.Groups;
        int groupInputLength = geometry.InChannels / geometry.Groups * geometry.InHeight * geometry.InWidth;
        Span<int> rows = Table(scratch, patch);
        Span<T> columns = scratch.Slice(TableLength(geometry), geometry.ColumnsLength);
        FillRows(rows, positions);
        for (int group = 0; group < geometry.Groups; group++)
        {
            Im2Col(geometry, input.Slice(group * groupInputLength, groupInputLength), columns);
            int firstFilter = group * filtersPerGroup;
            Multiply<T, TActivation>(
                ref MemoryMarshal.GetReference(weights.Slice(firstFilter * patch)),
                patch,
                1,
                ref MemoryMarshal.GetReference(columns),
                rows,
                ref MemoryMarshal.GetReference(output.Slice(firstFilter * positions)),
                positions,
                filtersPerGroup,
                ColumnVectors.Contiguous(positions),
                bias.Slice(firstFilter, filtersPerGroup),
                slope);
        }
    }

    /// <summary>
    /// Given <paramref name="outputGradient"/> = dL/d(output) (before any activation), adds dL/dW to
    /// <paramref name="weightGradient"/> and dL/db to <paramref name="biasGradient"/>, and overwrites
    /// <paramref name="inputGradient"/> with dL/d(input) unless it is empty (the first layer needs none).
    /// <paramref name="scratch"/> is as for <see cref="Forward"/>.
    /// </summary>
    public static void Backward<T>(
        in Conv2DGeometry geometry,
        ReadOnlySpan<T> input,
        ReadOnlySpan<T> weights,
        ReadOnlySpan<T> outputGradient,
        Span<T> weightGradient,
        Span<T> biasGradient,
        Span<T> inputGradient,
        Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(input.Length == geometry.InputLength && weights.Length == geometry.WeightsLength, "input or weights of the wrong length");
        Debug.Assert(outputGradient.Length == geometry.OutputLength && weightGradient.Length == geometry.WeightsLength, "gradient of the wrong length");
        Debug.Assert(biasGradient.Length == geometry.OutChannels, "bias gradient of the wrong length");
        Debug.Assert(inputGradient.IsEmpty || inputGradient.Length == geometry.InputLength, "input gradient of the wrong length");
        Debug.Assert(scratch.Length >= ScratchLength(geometry), "scratch shorter than ScratchLength");
        int positions = geometry.OutSpatial;
        for (int filter = 0; filter < geometry.OutChannels; filter++)
        {
            biasGradient[filter] += LayerNormKernel.Sum(outputGradient.Slice(filter * positions, positions));
        }

        if (IsDirect(geometry))
        {
            DirectBackward(geometry, input, weights, outputGradient, weightGradient, inputGradient, scratch);
            return;
        }

        int patch = geometry.GroupPatchLength;
        int filtersPerGroup = geometry.OutChannels / geometry.Groups;
        int groupInputLength = geometry.InChannels / geometry.Groups * geometry.InHeight * geometry.InWidth;
        bool wantsInputGradient = !inputGradient.IsEmpty;
        Span<int> table = Table(scratch, patch + filtersPerGroup);
        Span<T> columns = scratch.Slice(TableLength(geometry), geometry.ColumnsLength);
        Span<int> columnRows = table.Slice(0, patch);
        Span<int> gradientRows = table.Slice(patch, filtersPerGroup);
        FillRows(columnRows, positions);
        FillRows(gradientRows, positions);
        if (wantsInputGradient)
        {
            // col2im adds, since overlapping windows send several gradients to one input position.
            inputGradient.Clear();
        }

        for (int group = 0; group < geometry.Groups; group++)
        {
            int firstFilter = group * filtersPerGroup;
            ref T groupOutputGradient = ref MemoryMarshal.GetReference(outputGradient.Slice(firstFilter * positions));
            Im2Col(geometry, input.Slice(group * groupInputLength, groupInputLength), columns);
            AddProductTransposed(
                ref groupOutputGradient,
                positions,
                ref MemoryMarshal.GetReference(columns),
                columnRows,
                ref MemoryMarshal.GetReference(weightGradient.Slice(firstFilter * patch)),
                filtersPerGroup,
                positions);
            if (!wantsInputGradient)
            {
                continue;
            }

            // dColumns = Wᵀ·dOut: the weights read transposed, W[f, k] as row k, column f.
            Multiply<T, IdentityActivation<T>>(
                ref MemoryMarshal.GetReference(weights.Slice(firstFilter * patch)),
                1,
                patch,
                ref groupOutputGradient,
                gradientRows,
                ref MemoryMarshal.GetReference(columns),
                positions,
                patch,
                ColumnVectors.Contiguous(positions),
                ReadOnlySpan<T>.Empty,
                T.Zero);
            Col2ImAdd(geometry, columns, inputGradient.Slice(group * groupInputLength, groupInputLength));
        }
    }

    /// <summary>Whether the direct path applies: stride 1 in both dimensions, so each tap reads a contiguous run of the (padded) input.</summary>
    private static bool IsDirect(in Conv2DGeometry geometry) => geometry.StrideHeight == 1 && geometry.StrideWidth == 1;

    /// <summary>
    /// The scratch values reserved for the row offset table: one per tap of a group and one per filter of a group
    /// (the input gradient's product reads the output gradient's rows), one value per entry whatever the element type.
    /// </summary>
    private static int TableLength(in Conv2DGeometry geometry) => geometry.GroupPatchLength + (geometry.OutChannels / geometry.Groups);

    /// <summary>The first <paramref name="entries"/> entries of the row offset table at the start of <paramref name="scratch"/>.</summary>
    private static Span<int> Table<T>(Span<T> scratch, int entries)
        where T : unmanaged
        => MemoryMarshal.Cast<T, int>(scratch).Slice(0, entries);

    /// <summary>Row <c>j</c> of a plain matrix of rows <paramref name="rowLength"/> long starts at <c>j·rowLength</c>.</summary>
    private static void FillRows(Span<int> rows, int rowLength)
    {
        for (int j = 0; j < rows.Length; j++)
        {
            rows[j] = j * rowLength;
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

    /// <summary>
    /// Copies <paramref name="length"/> values. The layout changes copy one short run per row (a 14-wide map: 14
    /// values), where a call to <c>Span.CopyTo</c> costs more than the copy; vectors, the last one placed flush with
    /// the end (overlapping values already copied), do it in a few instructions; a run shorter than a
    /// <see cref="Vector{T}"/> takes 128-bit vectors the same way when it has their length.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

        int narrowLanes = Vector128<T>.Count;
        if (Vector128.IsHardwareAccelerated && length >= narrowLanes)
        {
            for (int i = 0; i < length - narrowLanes; i += narrowLanes)
            {
                Vector128.StoreUnsafe(Vector128.LoadUnsafe(ref source, (nuint)i), ref target, (nuint)i);
            }

            Vector128.StoreUnsafe(Vector128.LoadUnsafe(ref source, (nuint)(length - narrowLanes)), ref target, (nuint)(length - narrowLanes));
            return;
        }

        for (int i = 0; i < length; i++)
        {
            Unsafe.Add(ref target, i) = Unsafe.Add(ref source, i);
        }
    }

    /// <summary>
    /// <c>target[i] += source[i]</c> for <c>i &lt; length</c>: whole vectors, then a flush vector whose lanes already
    /// added are masked to zero (so none is added twice); runs shorter than a vector go one by one.
    /// </summary>
    private static void AddRun<T>(ref T source, ref T target, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector<T>.Count;
        if (!Vector.IsHardwareAccelerated || length < lanes)
        {
            for (int i = 0; i < length; i++)
            {
                Unsafe.Add(ref target, i) += Unsafe.Add(ref source, i);
            }

            return;
        }

        var tail = new VectorTail<T>(length);
        for (int i = 0; i < tail.WholeEnd; i += lanes)
        {
            Vector.StoreUnsafe(Vector.LoadUnsafe(ref target, (nuint)i) + Vector.LoadUnsafe(ref source, (nuint)i), ref target, (nuint)i);
        }

        if (tail.HasTail)
        {
            nuint at = (nuint)tail.Start;
            Vector.StoreUnsafe(Vector.LoadUnsafe(ref target, at) + (Vector.LoadUnsafe(ref source, at) & tail.Mask), ref target, at);
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
