using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenNN.Kernels;

/// <summary>
/// The direct path of <see cref="ConvolutionKernel"/> (stride 1): the taps read the input in place (see the class
/// summary), so the only copies are the padding frame, if any, and, when the output is computed over the virtual
/// grid, one pass that moves each output row between the grid and the output's layout. Forward writes rows wide
/// enough for a vector straight into place instead when that costs less (<see cref="WritesRows"/>).
/// </summary>
public static partial class ConvolutionKernel
{
    /// <summary>
    /// What moving one vector of outputs from the virtual grid into place costs, in multiply-add vectors: measured
    /// on the 3×3 convolutions of the LeNet-size benchmark network (Zen 4, 256-bit vectors), where for one input
    /// channel moving the rows took half as long as the product itself.
    /// </summary>
    private const int MoveCostInMultiplyAdds = 4;

    private static void DirectForward<T, TActivation>(
        in Conv2DGeometry geometry, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output, Span<T> scratch, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        var grid = new DirectGrid(geometry);
        DirectScratch<T> parts = grid.Split(geometry, scratch);
        int patch = geometry.GroupPatchLength;
        int filtersPerGroup = geometry.OutChannels / geometry.Groups;
        int outputPlane = geometry.OutSpatial;
        int groupSourceLength = geometry.InChannels / geometry.Groups * grid.PlaneLength;
        Span<int> taps = parts.Table.Slice(0, patch);
        FillTaps(geometry, grid, taps);
        ReadOnlySpan<T> source = grid.IsPadded ? Pad(geometry, grid, input, parts.PaddedInput) : input;
        bool byRows = WritesRows<T>(geometry, grid);
        ColumnVectors columns = byRows
            ? ColumnVectors.Rows(geometry.OutHeight, geometry.OutWidth, grid.PaddedWidth)
            : ColumnVectors.Contiguous(grid.Positions);
        bool compacts = grid.IsCompacted && !byRows;
        for (int group = 0; group < geometry.Groups; group++)
        {
            int firstFilter = group * filtersPerGroup;
            Span<T> groupOutput = output.Slice(firstFilter * outputPlane, filtersPerGroup * outputPlane);
            Span<T> target = compacts ? parts.VirtualOutput : groupOutput;
            Multiply<T, TActivation>(
                ref MemoryMarshal.GetReference(weights.Slice(firstFilter * patch)),
                patch,
                1,
                ref MemoryMarshal.GetReference(source.Slice(group * groupSourceLength)),
                taps,
                ref MemoryMarshal.GetReference(target),
                compacts ? grid.Positions : outputPlane,
                filtersPerGroup,
                columns,
                bias.Slice(firstFilter, filtersPerGroup),
                slope);
            if (compacts)
            {
                MoveRows(target, grid.PaddedWidth, grid.Positions, groupOutput, geometry.OutWidth, outputPlane, filtersPerGroup, geometry.OutHeight, geometry.OutWidth);
            }
        }
    }

    /// <summary>
    /// Whether the forward pass writes the output row by row (each vector inside one output row, straight to its
    /// place) rather than over the virtual grid and then moving the rows into place. By rows, a row's last vector
    /// overlaps the one before it, so rows that are not a whole number of vectors cost extra multiply-adds, one
    /// per tap; the move costs about <see cref="MoveCostInMultiplyAdds"/> per vector moved. Rows narrower than a
    /// vector always take the grid; outputs already in the grid's layout need no move. Costed in <see cref="Vector{T}"/>s
    /// also where the products then run on 512-bit vectors (<see cref="VectorWidth.UsesFullWidthVector512"/>): the move
    /// cost was measured at 256 bits, and either layout gives the same values.
    /// </summary>
    private static bool WritesRows<T>(in Conv2DGeometry geometry, in DirectGrid grid)
    {
        int lanes = Vector<T>.Count;
        if (!grid.IsCompacted || !Vector.IsHardwareAccelerated || geometry.OutWidth < lanes)
        {
            return false;
        }

        long rowVectors = (long)geometry.OutHeight * ((geometry.OutWidth + lanes - 1) / lanes);
        long gridVectors = (grid.Positions + lanes - 1) / lanes;
        return (rowVectors - gridVectors) * geometry.GroupPatchLength < MoveCostInMultiplyAdds * rowVectors;
    }

    /// <summary>
    /// The direct path's weight and input gradients (the bias gradient is done by the caller). The output gradient is
    /// moved onto the virtual grid with zeros between the rows, so every product runs over whole runs of the grid:
    /// the zeros add nothing to the weight gradient, and they give the input gradient's stray columns nothing to add.
    /// </summary>
    private static void DirectBackward<T>(
        in Conv2DGeometry geometry, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> outputGradient, Span<T> weightGradient, Span<T> inputGradient, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var grid = new DirectGrid(geometry);
        DirectScratch<T> parts = grid.Split(geometry, scratch);
        int patch = geometry.GroupPatchLength;
        int filtersPerGroup = geometry.OutChannels / geometry.Groups;
        int outputPlane = geometry.OutSpatial;
        int channelsPerGroup = geometry.InChannels / geometry.Groups;
        int groupSourceLength = channelsPerGroup * grid.PlaneLength;
        int groupInputLength = channelsPerGroup * geometry.InHeight * geometry.InWidth;
        int positions = grid.Positions;
        Span<int> taps = parts.Table.Slice(0, patch);
        Span<int> filterRows = parts.Table.Slice(patch, filtersPerGroup);
        FillTaps(geometry, grid, taps);
        FillRows(filterRows, positions);
        ReadOnlySpan<T> source = grid.IsPadded ? Pad(geometry, grid, input, parts.PaddedInput) : input;
        for (int group = 0; group < geometry.Groups; group++)
        {
            int firstFilter = group * filtersPerGroup;
            ReadOnlySpan<T> gradient = outputGradient.Slice(firstFilter * outputPlane, filtersPerGroup * outputPlane);
            if (grid.IsCompacted)
            {
                parts.VirtualOutput.Clear();
                MoveRows(gradient, geometry.OutWidth, outputPlane, parts.VirtualOutput, grid.PaddedWidth, positions, filtersPerGroup, geometry.OutHeight, geometry.OutWidth);
                gradient = parts.VirtualOutput;
            }

            ref T groupGradient = ref MemoryMarshal.GetReference(gradient);
            AddProductTransposed(
                ref groupGradient,
                positions,
                ref MemoryMarshal.GetReference(source.Slice(group * groupSourceLength)),
                taps,
                ref MemoryMarshal.GetReference(weightGradient.Slice(firstFilter * patch)),
                filtersPerGroup,
                positions);
            if (inputGradient.IsEmpty)
            {
                continue;
            }

            ref T groupWeights = ref MemoryMarshal.GetReference(weights.Slice(firstFilter * patch));
            Span<T> groupInputGradient = inputGradient.Slice(group * groupInputLength, groupInputLength);
            if (geometry.IsPointwise)
            {
                // Each tap is a channel of its own, read at its own place: dx = Wᵀ·dOut lands in the input gradient as is.
                Multiply<T, IdentityActivation<T>>(
                    ref groupWeights, 1, patch, ref groupGradient, filterRows, ref MemoryMarshal.GetReference(groupInputGradient), positions, patch, ColumnVectors.Contiguous(positions), ReadOnlySpan<T>.Empty, T.Zero);
                continue;
            }

            // dx[offset_k + q] += Σ_f W[f, k]·dOut[f, q], a tile of taps k at a time, each added where it read.
            Span<T> target = grid.IsPadded ? parts.PaddedGradient : groupInputGradient;
            target.Clear();
            ref T targetStart = ref MemoryMarshal.GetReference(target);
            ref T tile = ref MemoryMarshal.GetReference(parts.GradientTile);
            ColumnVectors gridColumns = ColumnVectors.Contiguous(positions);
            for (int first = 0; first < patch; first += RegisterTiles.Rows)
            {
                int rows = Math.Min(RegisterTiles.Rows, patch - first);
                Multiply<T, IdentityActivation<T>>(
                    ref Unsafe.Add(ref groupWeights, first), 1, patch, ref groupGradient, filterRows, ref tile, positions, rows, gridColumns, ReadOnlySpan<T>.Empty, T.Zero);
                for (int row = 0; row < rows; row++)
                {
                    AddRun(
                        ref Unsafe.Add(ref tile, row * positions),
                        ref Unsafe.Add(ref targetStart, taps[first + row]),
                        positions);
                }
            }

            if (grid.IsPadded)
            {
                Unpad(geometry, grid, target, groupInputGradient, channelsPerGroup);
            }
        }
    }

    /// <summary>Tap <c>k = (c·KernelHeight + ky)·KernelWidth + kx</c> reads the padded input from <c>c·Hp·Wp + ky·dh·Wp + kx·dw</c>.</summary>
    private static void FillTaps(in Conv2DGeometry geometry, in DirectGrid grid, Span<int> taps)
    {
        int k = 0;
        for (int channel = 0; channel < geometry.InChannels / geometry.Groups; channel++)
        {
            for (int ky = 0; ky < geometry.KernelHeight; ky++)
            {
                for (int kx = 0; kx < geometry.KernelWidth; kx++, k++)
                {
                    taps[k] = (channel * grid.PlaneLength) + (ky * geometry.DilationHeight * grid.PaddedWidth) + (kx * geometry.DilationWidth);
                }
            }
        }
    }

    /// <summary>The input in a zero frame of the padding's width: <paramref name="padded"/>, returned.</summary>
    private static ReadOnlySpan<T> Pad<T>(in Conv2DGeometry geometry, in DirectGrid grid, ReadOnlySpan<T> input, Span<T> padded)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        padded.Clear();
        MoveRows(
            input,
            geometry.InWidth,
            geometry.InHeight * geometry.InWidth,
            padded.Slice((geometry.PaddingTop * grid.PaddedWidth) + geometry.PaddingLeft),
            grid.PaddedWidth,
            grid.PlaneLength,
            geometry.InChannels,
            geometry.InHeight,
            geometry.InWidth);
        return padded;
    }

    /// <summary>The interior of <paramref name="channels"/> channels of padded input gradient, without the frame (where only padding was read).</summary>
    private static void Unpad<T>(in Conv2DGeometry geometry, in DirectGrid grid, ReadOnlySpan<T> padded, Span<T> inputGradient, int channels)
        where T : unmanaged, IFloatingPointIeee754<T>
        => MoveRows(
            padded.Slice((geometry.PaddingTop * grid.PaddedWidth) + geometry.PaddingLeft),
            grid.PaddedWidth,
            grid.PlaneLength,
            inputGradient,
            geometry.InWidth,
            geometry.InHeight * geometry.InWidth,
            channels,
            geometry.InHeight,
            geometry.InWidth);

    /// <summary>
    /// Copies <paramref name="planes"/> planes of <paramref name="rows"/> rows of <paramref name="width"/> values between
    /// two layouts, the rows <paramref name="sourceRowStride"/> apart in planes of <paramref name="sourcePlane"/> values
    /// on one side and <paramref name="targetRowStride"/>, <paramref name="targetPlane"/> on the other: the virtual grid
    /// to the output, and the output gradient back onto the grid.
    /// </summary>
    private static void MoveRows<T>(
        ReadOnlySpan<T> source, int sourceRowStride, int sourcePlane, Span<T> target, int targetRowStride, int targetPlane, int planes, int rows, int width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T from = ref MemoryMarshal.GetReference(source);
        ref T to = ref MemoryMarshal.GetReference(target);
        if (targetRowStride == width && targetPlane == rows * width)
        {
            if (VectorWidth.UsesFullWidthVector512<T>() && width <= Vector512<T>.Count)
            {
                MoveShortRows<T, Vector512<T>, Vector512Width<T>>(source, sourceRowStride, sourcePlane, target, planes, rows, width);
                return;
            }

            if (Vector.IsHardwareAccelerated && width <= Vector<T>.Count)
            {
                MoveShortRows<T, Vector<T>, VectorTWidth<T>>(source, sourceRowStride, sourcePlane, target, planes, rows, width);
                return;
            }
        }

        for (int plane = 0; plane < planes; plane++)
        {
            for (int y = 0; y < rows; y++)
            {
                CopyRun(ref Unsafe.Add(ref from, (plane * sourcePlane) + (y * sourceRowStride)), ref Unsafe.Add(ref to, (plane * targetPlane) + (y * targetRowStride)), width);
            }
        }
    }

    /// <summary>
    /// <see cref="MoveRows"/> into a target whose rows follow one another without gaps, rows no wider than a vector
    /// (a 512-bit one where the core has full-width 512-bit units, as measured; else <see cref="Vector{T}"/>):
    /// each row one vector load and one store, in increasing order, so that the lanes a store writes past its row
    /// land on the next row, which is written after it. The last rows, whose vector would reach past either span's
    /// end, are copied exactly. The rows of the LeNet-size benchmark network's second convolution (11 of a 13-wide
    /// grid) took a sixth of the layer as runs of overlapping copies, with the loop's bookkeeping per row.
    /// </summary>
    private static void MoveShortRows<T, TVector, TWidth>(ReadOnlySpan<T> source, int sourceRowStride, int sourcePlane, Span<T> target, int planes, int rows, int width)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>
    {
        ref T from = ref MemoryMarshal.GetReference(source);
        ref T to = ref MemoryMarshal.GetReference(target);
        int lanes = TWidth.Count;
        int to0 = 0;
        for (int plane = 0; plane < planes; plane++)
        {
            for (int y = 0, from0 = plane * sourcePlane; y < rows; y++, from0 += sourceRowStride, to0 += width)
            {
                if (from0 + lanes <= source.Length && to0 + lanes <= target.Length)
                {
                    TWidth.Store(TWidth.Load(ref from, (nuint)from0), ref to, (nuint)to0);
                }
                else
                {
                    CopyRun(ref Unsafe.Add(ref from, from0), ref Unsafe.Add(ref to, to0), width);
                }
            }
        }
    }

    /// <summary>The direct path's scratch, carved from the span <see cref="ConvolutionKernel.ScratchLength"/> sized.</summary>
    private readonly ref struct DirectScratch<T>
    {
        public Span<int> Table { get; init; }

        public Span<T> PaddedInput { get; init; }

        public Span<T> VirtualOutput { get; init; }

        public Span<T> GradientTile { get; init; }

        public Span<T> PaddedGradient { get; init; }
    }

    /// <summary>
    /// The direct path's virtual output grid: the padded input's width <see cref="PaddedWidth"/>, output
    /// <c>(oy, ox)</c> at <c>oy·Wp + ox</c>, <see cref="Positions"/> up to the last output; it differs from the
    /// output's layout (<see cref="IsCompacted"/>) unless the output is one row or as wide as the padded input.
    /// </summary>
    private readonly struct DirectGrid
    {
        public DirectGrid(in Conv2DGeometry geometry)
        {
            int paddedHeight = geometry.InHeight + geometry.PaddingTop + geometry.PaddingBottom;
            PaddedWidth = geometry.InWidth + geometry.PaddingLeft + geometry.PaddingRight;
            PlaneLength = paddedHeight * PaddedWidth;
            IsPadded = PlaneLength != geometry.InHeight * geometry.InWidth;
            Positions = ((geometry.OutHeight - 1) * PaddedWidth) + geometry.OutWidth;
            IsCompacted = Positions != geometry.OutSpatial;
            PaddedInputLength = IsPadded ? geometry.InChannels * PlaneLength : 0;
            VirtualOutputLength = IsCompacted ? geometry.OutChannels / geometry.Groups * Positions : 0;
            GradientTileLength = geometry.IsPointwise ? 0 : RegisterTiles.Rows * Positions;
            PaddedGradientLength = IsPadded ? geometry.InChannels / geometry.Groups * PlaneLength : 0;
        }

        public int PaddedWidth { get; }

        /// <summary>Values in one padded input channel.</summary>
        public int PlaneLength { get; }

        public bool IsPadded { get; }

        public int Positions { get; }

        public bool IsCompacted { get; }

        public int PaddedInputLength { get; }

        /// <summary>One group's outputs (forward) or output gradients (backward) on the virtual grid.</summary>
        public int VirtualOutputLength { get; }

        /// <summary>The input gradient's products of <c>RegisterTiles.Rows</c> taps at a time, before they are added where they belong.</summary>
        public int GradientTileLength { get; }

        /// <summary>One group's input gradient in the padded frame.</summary>
        public int PaddedGradientLength { get; }

        public DirectScratch<T> Split<T>(scoped in Conv2DGeometry geometry, Span<T> scratch)
            where T : unmanaged
        {
            int paddedInput = TableLength(geometry);
            int virtualOutput = paddedInput + PaddedInputLength;
            int gradientTile = virtualOutput + VirtualOutputLength;
            int paddedGradient = gradientTile + GradientTileLength;
            return new DirectScratch<T>
            {
                Table = Table(scratch, paddedInput),
                PaddedInput = scratch.Slice(paddedInput, PaddedInputLength),
                VirtualOutput = scratch.Slice(virtualOutput, VirtualOutputLength),
                GradientTile = scratch.Slice(gradientTile, GradientTileLength),
                PaddedGradient = scratch.Slice(paddedGradient, PaddedGradientLength),
            };
        }
    }
}
