using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GenNN.Kernels;

/// <summary>
/// A convolution and the 2×2 max pool after it in one pass, for inference: <c>pooled[f, py, px] = max over dy, dx of
/// f(bias[f] + Σ_k W[f, k]·B_k[2py + dy, 2px + dx])</c>, which equals <c>f(max over dy, dx of (bias[f] + Σ ...))</c>
/// for an activation <c>f</c> that never decreases, so the activation runs once per pooled value and the convolution's
/// output is never stored.
/// <para>
/// The filters go along the vector's lanes (one <see cref="Vector512{T}"/> holds sixteen float or eight double filters)
/// and each sum is one pooled window's position: every input value is broadcast once per kernel row and multiplied by
/// the three weight vectors of that row, into the sums of the windows it falls in. The convolution then costs one
/// multiply-add per pooled input position and tap, none for positions no window covers (an odd output's last row and
/// column) or for the lanes a grid of positions leaves idle, which the products along positions pay for narrow outputs:
/// the LeNet-size benchmark network's second convolution and pool (8 → 16 filters, 11×11 → 5×5) 1.63 → 0.98 µs on
/// Zen 5. Half a vector of float filters (eight) takes two lanes each, one per column of the window, and each broadcast
/// is a pair of neighbouring inputs: the first convolution and pool (1 → 8 filters, 26×26 → 13×13) 0.89 → 0.58 µs.
/// The weights are read transposed, <c>[k, f]</c>, and the pooled values come out position-major, each put in place
/// by a transpose in blocks (<see cref="TransposeKernel"/>): both are a small fraction of the product.
/// </para>
/// <para>
/// It applies to stride 1, groups 1, a kernel three wide without horizontal dilation, filters a whole number of
/// vectors (or half a vector of floats), on cores with full-width 512-bit units
/// (<see cref="VectorWidth.UsesFullWidthVector512{T}"/>, where it was measured), and when the transposed weights and the pooled values fit in the convolution's output, which this
/// path leaves unused; every other case convolves into that span and pools it. Each sum starts from the bias and adds
/// the taps in the order <see cref="Forward"/> adds them, so both give the same bits, but for sigmoid and tanh, for
/// rows narrower than a <see cref="Vector{T}"/> (which <see cref="Forward"/> computes one value at a time, multiplying
/// and adding apart, by the scalar formulas) and for outputs of fewer than three vectors of positions (whose product
/// sums in two chains): there they agree to a few units in the last place.
/// </para>
/// </summary>
public static partial class ConvolutionKernel
{
    /// <summary>
    /// <paramref name="output"/> = the 2×2, stride-2, unpadded max pool of the convolution's output (see the class
    /// summary; <typeparamref name="TActivation"/> must not decrease anywhere: the identity, ReLU, LeakyReLU with a
    /// slope of at least zero, sigmoid, tanh). <paramref name="convolved"/> has room for the convolution's output
    /// (<see cref="Conv2DGeometry.OutputLength"/>) and serves as working memory; <paramref name="scratch"/> holds
    /// <see cref="ScratchLength"/> values. The contents of both on exit carry no meaning.
    /// </summary>
    public static void ForwardMaxPooled<T, TActivation>(
        in Conv2DGeometry geometry,
        in PoolGeometry pool,
        ReadOnlySpan<T> input,
        ReadOnlySpan<T> weights,
        ReadOnlySpan<T> bias,
        Span<T> convolved,
        Span<T> output,
        Span<T> scratch,
        T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        Debug.Assert(pool.KernelHeight == 2 && pool.KernelWidth == 2 && pool.StrideHeight == 2 && pool.StrideWidth == 2, "not a 2×2, stride-2 pool");
        Debug.Assert(pool.PaddingHeight == 0 && pool.PaddingWidth == 0, "a padded pool");
        Debug.Assert(pool.Channels == geometry.OutChannels && pool.InHeight == geometry.OutHeight && pool.InWidth == geometry.OutWidth, "the pool does not read the convolution's output");
        Debug.Assert(convolved.Length == geometry.OutputLength && output.Length == pool.OutputLength, "convolved or output of the wrong length");
        int lanes = Vector512<T>.Count;
        int patch = geometry.GroupPatchLength;
        int pooledPlane = pool.OutHeight * pool.OutWidth;
        bool filterVectors = geometry.OutChannels % lanes == 0 && patch + pooledPlane <= geometry.OutSpatial;
        bool filterPairs = typeof(T) == typeof(float) && 2 * geometry.OutChannels == lanes && (3 * patch) + pooledPlane <= geometry.OutSpatial;
        if (!PoolsInLanes<T>(geometry) || !(filterVectors || filterPairs))
        {
            Forward<T, TActivation>(geometry, input, weights, bias, convolved, scratch, slope);
            PoolKernel.MaxForward<T>(pool, convolved, output);
            return;
        }

        var grid = new DirectGrid(geometry);
        DirectScratch<T> parts = grid.Split(geometry, scratch);
        ReadOnlySpan<T> source = grid.IsPadded ? Pad(geometry, grid, input, parts.PaddedInput) : input;

        // Kernel row r = c·KernelHeight + ky starts at its channel's plane and row of the (padded) input.
        Span<int> kernelRows = parts.Table.Slice(0, geometry.InChannels * geometry.KernelHeight);
        for (int c = 0, r = 0; c < geometry.InChannels; c++)
        {
            for (int ky = 0; ky < geometry.KernelHeight; ky++, r++)
            {
                kernelRows[r] = (c * grid.PlaneLength) + (ky * geometry.DilationHeight * grid.PaddedWidth);
            }
        }

        if (filterVectors)
        {
            PoolFilterVectors<T, TActivation>(geometry, pool, grid.PaddedWidth, source, kernelRows, weights, bias, convolved, output, slope);
        }
        else
        {
            PoolFilterPairs<T, TActivation>(geometry, pool, grid.PaddedWidth, source, kernelRows, weights, bias, convolved, output, slope);
        }
    }

    /// <summary>
    /// Whether <see cref="ForwardMaxPooled"/> may put the filters in lanes (given whole or half vectors of them, and
    /// room for the packed weights and the pooled values): on cores with full-width 512-bit units, stride 1, groups 1,
    /// three columns without dilation.
    /// </summary>
    private static bool PoolsInLanes<T>(in Conv2DGeometry geometry)
        where T : unmanaged, IFloatingPointIeee754<T>
        => VectorWidth.UsesFullWidthVector512<T>()
           && geometry.StrideHeight == 1 && geometry.StrideWidth == 1
           && geometry.KernelWidth == 3 && geometry.DilationWidth == 1
           && geometry.Groups == 1;

    /// <summary>
    /// <see cref="ForwardMaxPooled"/> for filters a whole number of vectors, a vector of them at a time: its weights
    /// transposed to <c>[k, f]</c> (row <c>k</c> the vector of tap <c>k</c>'s weights) and its pooled values
    /// position-major, both in <paramref name="convolved"/>, then the pooled values transposed into place.
    /// </summary>
    private static void PoolFilterVectors<T, TActivation>(
        in Conv2DGeometry geometry, in PoolGeometry pool, int inputWidth, ReadOnlySpan<T> source, ReadOnlySpan<int> kernelRows, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> convolved, Span<T> output, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        int lanes = Vector512<T>.Count;
        int patch = geometry.GroupPatchLength;
        int pooledPlane = pool.OutHeight * pool.OutWidth;
        Span<T> blockWeights = convolved.Slice(0, lanes * patch);
        Span<T> blockPooled = convolved.Slice(blockWeights.Length, lanes * pooledPlane);
        for (int block = 0; block < geometry.OutChannels / lanes; block++)
        {
            TransposeKernel.Transpose<T>(weights.Slice(block * lanes * patch, lanes * patch), lanes, patch, blockWeights);
            Vector512<T> blockBias = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(bias), (nuint)(block * lanes));
            PoolRows<T, TActivation, FilterVectorRuns<T>>(pool, inputWidth, source, kernelRows, blockWeights, blockBias, blockPooled, slope);
            TransposeKernel.Transpose<T>(blockPooled, pooledPlane, lanes, output.Slice(block * lanes * pooledPlane, lanes * pooledPlane));
        }
    }

    /// <summary>
    /// <see cref="ForwardMaxPooled"/> for half a vector of float filters, two lanes each (one per column of the window):
    /// tap <c>k</c>'s weight vector holds each filter's weight twice, the bias likewise; the pooled values, eight a
    /// window, are transposed into place.
    /// </summary>
    private static void PoolFilterPairs<T, TActivation>(
        in Conv2DGeometry geometry, in PoolGeometry pool, int inputWidth, ReadOnlySpan<T> source, ReadOnlySpan<int> kernelRows, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> convolved, Span<T> output, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        int lanes = Vector512<T>.Count;
        int patch = geometry.GroupPatchLength;
        int pooledPlane = pool.OutHeight * pool.OutWidth;
        Span<T> packedWeights = convolved.Slice(0, lanes * patch);
        Span<T> pooled = convolved.Slice(packedWeights.Length, geometry.OutChannels * pooledPlane);
        Span<T> tapWeights = convolved.Slice(packedWeights.Length + pooled.Length, geometry.OutChannels * patch);
        TransposeKernel.Transpose<T>(weights, geometry.OutChannels, patch, tapWeights);
        Vector512<int> twice = Vector512.Create(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7);
        ref float tapWeight = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(tapWeights));
        ref float packedWeight = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(packedWeights));
        for (int k = 0; k < patch; k++)
        {
            Vector512<float> tap = Vector512.Create(Vector256.LoadUnsafe(ref tapWeight, (nuint)(k * geometry.OutChannels)), Vector256<float>.Zero);
            Avx512F.PermuteVar16x32(tap, twice).StoreUnsafe(ref packedWeight, (nuint)(k * lanes));
        }

        Vector512<float> filterBias = Vector512.Create(Vector256.LoadUnsafe(ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(bias))), Vector256<float>.Zero);
        Vector512<T> pairedBias = Avx512F.PermuteVar16x32(filterBias, twice).As<float, T>();
        PoolRows<T, TActivation, FilterPairRuns<T>>(pool, inputWidth, source, kernelRows, packedWeights, pairedBias, pooled, slope);
        TransposeKernel.Transpose<T>(pooled, pooledPlane, geometry.OutChannels, output);
    }

    /// <summary>
    /// One block of filters, every pooled row, in runs of neighbouring pooled values along a row: each run's sums stay
    /// in registers while it walks the kernel rows, up to <see cref="IPooledRuns{T}.LongestRun"/> values a run, the runs
    /// of a row as even as they can be so that none is left with too few sums to hide the multiply-add's latency.
    /// </summary>
    private static void PoolRows<T, TActivation, TRuns>(
        in PoolGeometry pool, int inputWidth, ReadOnlySpan<T> source, ReadOnlySpan<int> kernelRows, ReadOnlySpan<T> weights, Vector512<T> bias, Span<T> pooled, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
        where TRuns : IPooledRuns<T>
    {
        int runs = (pool.OutWidth + TRuns.LongestRun - 1) / TRuns.LongestRun;
        int windowValues = TRuns.WindowValues;
        nint rowValues = pool.OutWidth * windowValues;
        ref T input = ref MemoryMarshal.GetReference(source);
        ref T target = ref MemoryMarshal.GetReference(pooled);
        ref T packed = ref MemoryMarshal.GetReference(weights);
        for (int run = 0, px = 0; run < runs; run++)
        {
            int length = (pool.OutWidth / runs) + (run < pool.OutWidth % runs ? 1 : 0);
            ref T windows = ref Unsafe.Add(ref input, 2 * px);
            ref T values = ref Unsafe.Add(ref target, px * windowValues);
            switch (length)
            {
                case 8:
                    TRuns.Run<TActivation, EightWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, rowValues, slope);
                    break;
                case 7:
                    TRuns.Run<TActivation, SevenWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, rowValues, slope);
                    break;
                case 6:
                    TRuns.Run<TActivation, SixWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, rowValues, slope);
                    break;
                case 5:
                    TRuns.Run<TActivation, FiveWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, rowValues, slope);
                    break;
                case 4:
                    TRuns.Run<TActivation, FourWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, rowValues, slope);
                    break;
                case 3:
                    TRuns.Run<TActivation, ThreeWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, rowValues, slope);
                    break;
                case 2:
                    TRuns.Run<TActivation, TwoWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, rowValues, slope);
                    break;
                default:
                    TRuns.Run<TActivation, OneWindow>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, rowValues, slope);
                    break;
            }

            px += length;
        }
    }

    /// <summary>
    /// How <see cref="PoolRows"/> lays the filters in a vector: a run's kernel, the longest run it keeps in registers,
    /// and the values one pooled window leaves in the position-major buffer.
    /// </summary>
    private interface IPooledRuns<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        static abstract int LongestRun { get; }

        static abstract int WindowValues { get; }

        /// <summary>
        /// <typeparamref name="TLength"/> neighbouring pooled values on each of <paramref name="rows"/> rows: the first
        /// window's input at <paramref name="windows"/> (rows two input rows apart), its values at <paramref name="values"/>
        /// (rows <paramref name="valuesPitch"/> apart).
        /// </summary>
        static abstract void Run<TActivation, TLength>(
            int rows, ref T windows, nint inputWidth, ReadOnlySpan<int> kernelRows, ref T weights, Vector512<T> bias, ref T values, nint valuesPitch, T slope)
            where TActivation : IActivationFunction<T>
            where TLength : IRunLength;
    }

    /// <summary>How many pooled values a run of <see cref="IPooledRuns{T}.Run"/> computes: a constant per type, so each length compiles to its own code.</summary>
    private interface IRunLength
    {
        static abstract int Value { get; }
    }

    private readonly struct OneWindow : IRunLength
    {
        public static int Value => 1;
    }

    private readonly struct TwoWindows : IRunLength
    {
        public static int Value => 2;
    }

    private readonly struct ThreeWindows : IRunLength
    {
        public static int Value => 3;
    }

    private readonly struct FourWindows : IRunLength
    {
        public static int Value => 4;
    }

    private readonly struct FiveWindows : IRunLength
    {
        public static int Value => 5;
    }

    private readonly struct SixWindows : IRunLength
    {
        public static int Value => 6;
    }

    private readonly struct SevenWindows : IRunLength
    {
        public static int Value => 7;
    }

    private readonly struct EightWindows : IRunLength
    {
        public static int Value => 8;
    }
}
