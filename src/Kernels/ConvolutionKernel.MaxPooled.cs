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
/// the LeNet-size benchmark network's second convolution and pool (8 → 16 filters, 11×11 → 5×5) 1.60 → 1.05 µs on
/// Zen 5. Half a vector of float filters (eight) takes two lanes each, one per column of the window, and each broadcast
/// is a pair of neighbouring inputs: the first convolution and pool (1 → 8 filters, 26×26 → 13×13) 0.90 → 0.70 µs.
/// The weights are read transposed, <c>[k, f]</c>, and the pooled values come out position-major, each put in place
/// by a transpose in blocks (<see cref="TransposeKernel"/>): both are a small fraction of the product.
/// </para>
/// <para>
/// It applies to stride 1, groups 1, a kernel three wide without horizontal dilation, filters a whole number of
/// vectors (or half a vector of floats), on cores with full-width 512-bit units (<see cref="VectorWidth.UsesFullWidthVector512{T}"/>, where it
/// was measured), and when the transposed weights and the pooled values fit in the convolution's output, which this
/// path leaves unused; every other case convolves into that span and pools it. Each sum starts from the bias and adds
/// the taps in the order <see cref="Forward"/> adds them, so both give the same bits, but for sigmoid and tanh and for
/// rows narrower than a <see cref="Vector{T}"/>, which <see cref="Forward"/> computes one value at a time (multiplying
/// and adding apart, by the scalar formulas): there they agree to a few units in the last place.
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
        if (!FitsPooledPaths<T>(geometry))
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

        int lanes = Vector512<T>.Count;
        int patch = geometry.GroupPatchLength;
        int pooledPlane = pool.OutHeight * pool.OutWidth;
        if (geometry.OutChannels % lanes == 0 && patch + pooledPlane <= geometry.OutSpatial)
        {
            Span<T> packedWeights = convolved.Slice(0, geometry.OutChannels * patch);
            Span<T> pooled = convolved.Slice(packedWeights.Length, geometry.OutChannels * pooledPlane);
            for (int block = 0; block < geometry.OutChannels / lanes; block++)
            {
                // W[f, k] of the block's filters as [k, f]: row k is the vector of tap k's weights.
                Span<T> blockWeights = packedWeights.Slice(block * lanes * patch, lanes * patch);
                Span<T> blockPooled = pooled.Slice(block * lanes * pooledPlane, lanes * pooledPlane);
                TransposeKernel.Transpose<T>(weights.Slice(block * lanes * patch, lanes * patch), lanes, patch, blockWeights);
                PoolRows<T, TActivation>(pool, grid.PaddedWidth, source, kernelRows, blockWeights, Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(bias), (nuint)(block * lanes)), blockPooled, slope);
                TransposeKernel.Transpose<T>(blockPooled, pooledPlane, lanes, output.Slice(block * lanes * pooledPlane, lanes * pooledPlane));
            }

            return;
        }

        if (typeof(T) == typeof(float) && 2 * geometry.OutChannels == lanes && (3 * patch) + pooledPlane <= geometry.OutSpatial)
        {
            // Two lanes per filter, one per column of the window: tap k's weight vector holds each filter's weight twice.
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
            PoolRowsInPairs<T, TActivation>(pool, grid.PaddedWidth, source, kernelRows, packedWeights, pairedBias, pooled, slope);
            TransposeKernel.Transpose<T>(pooled, pooledPlane, geometry.OutChannels, output);
            return;
        }

        Forward<T, TActivation>(geometry, input, weights, bias, convolved, scratch, slope);
        PoolKernel.MaxForward<T>(pool, convolved, output);
    }

    /// <summary>
    /// Whether the convolution is one <see cref="ForwardMaxPooled"/> computes with filters in lanes, given room for the
    /// packed weights and the pooled values: on cores with full-width 512-bit units, stride 1, groups 1, three columns
    /// without dilation.
    /// </summary>
    private static bool FitsPooledPaths<T>(in Conv2DGeometry geometry)
        where T : unmanaged, IFloatingPointIeee754<T>
        => VectorWidth.UsesFullWidthVector512<T>()
           && geometry.StrideHeight == 1 && geometry.StrideWidth == 1
           && geometry.KernelWidth == 3 && geometry.DilationWidth == 1
           && geometry.Groups == 1;

    /// <summary>
    /// One block of filters, every pooled row: each row in runs of up to four pooled values (the sums of a run are its
    /// values' 2×2 windows, up to sixteen vectors), the runs of a row as even as they can be so that none is left with
    /// too few sums to hide the multiply-add's latency.
    /// </summary>
    private static void PoolRows<T, TActivation>(
        in PoolGeometry pool, int inputWidth, ReadOnlySpan<T> source, ReadOnlySpan<int> kernelRows, ReadOnlySpan<T> weights, Vector512<T> bias, Span<T> pooled, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        int lanes = Vector512<T>.Count;
        int runs = (pool.OutWidth + 5) / 6;
        ref T input = ref MemoryMarshal.GetReference(source);
        ref T target = ref MemoryMarshal.GetReference(pooled);
        ref T packed = ref MemoryMarshal.GetReference(weights);
        for (int run = 0, px = 0; run < runs; run++)
        {
            int length = (pool.OutWidth / runs) + (run < pool.OutWidth % runs ? 1 : 0);
            ref T windows = ref Unsafe.Add(ref input, 2 * px);
            ref T values = ref Unsafe.Add(ref target, px * lanes);
            switch (length)
            {
                case 6:
                    PooledRun<T, TActivation, SixWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, pool.OutWidth * lanes, slope);
                    break;
                case 5:
                    PooledRun<T, TActivation, FiveWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, pool.OutWidth * lanes, slope);
                    break;
                case 4:
                    PooledRun<T, TActivation, FourWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, pool.OutWidth * lanes, slope);
                    break;
                case 3:
                    PooledRun<T, TActivation, ThreeWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, pool.OutWidth * lanes, slope);
                    break;
                case 2:
                    PooledRun<T, TActivation, TwoWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, pool.OutWidth * lanes, slope);
                    break;
                default:
                    PooledRun<T, TActivation, OneWindow>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, pool.OutWidth * lanes, slope);
                    break;
            }

            px += length;
        }
    }

    /// <summary>
    /// <typeparamref name="TLength"/> neighbouring pooled values of one row (at most four), for one vector of filters:
    /// sum <c>s{j}{dy}{dx}</c> is the convolution at window <c>j</c>'s position <c>(dy, dx)</c>. Per kernel row, the
    /// two input rows the windows read are walked once, each value broadcast and multiplied into every sum it belongs
    /// to (up to three: one per kernel column), in increasing kernel column as <see cref="Forward"/> adds them. The
    /// unused sums of a shorter run are compiled away: <typeparamref name="TLength"/> is a constant of each instantiation.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // a root of its own: twelve to sixteen sums in registers
    private static void PooledRun<T, TActivation, TLength>(
        int rows, ref T windows, nint inputWidth, ReadOnlySpan<int> kernelRows, ref T weights, Vector512<T> bias, ref T values, nint valuesPitch, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
        where TLength : IRunLength
    {
        nuint lanes = (nuint)Vector512<T>.Count;
        for (int py = 0; py < rows; py++, windows = ref Unsafe.Add(ref windows, 2 * inputWidth), values = ref Unsafe.Add(ref values, valuesPitch))
        {
            Vector512<T> s000 = bias, s001 = bias, s010 = bias, s011 = bias;
            Vector512<T> s100 = bias, s101 = bias, s110 = bias, s111 = bias;
            Vector512<T> s200 = bias, s201 = bias, s210 = bias, s211 = bias;
            Vector512<T> s300 = bias, s301 = bias, s310 = bias, s311 = bias;
            Vector512<T> s400 = bias, s401 = bias, s410 = bias, s411 = bias;
            Vector512<T> s500 = bias, s501 = bias, s510 = bias, s511 = bias;
            ref int rowStart = ref MemoryMarshal.GetReference(kernelRows);
            ref T w = ref weights;
            for (int row = 0; row < kernelRows.Length; row++, w = ref Unsafe.Add(ref w, 3 * lanes))
            {
                Vector512<T> w0 = Vector512Width<T>.Load(ref w, 0);
                Vector512<T> w1 = Vector512Width<T>.Load(ref w, lanes);
                Vector512<T> w2 = Vector512Width<T>.Load(ref w, 2 * lanes);
                ref T r0 = ref Unsafe.Add(ref windows, Unsafe.Add(ref rowStart, row));
                ref T r1 = ref Unsafe.Add(ref r0, inputWidth);
                Vector512<T> b;
                // Input row ky + 0: the windows' row 0
                b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 0));
                s000 = Vector512Width<T>.MultiplyAdd(w0, b, s000);

                b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 1));
                s001 = Vector512Width<T>.MultiplyAdd(w0, b, s001);
                s000 = Vector512Width<T>.MultiplyAdd(w1, b, s000);

                b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 2));
                if (TLength.Value > 1) { s100 = Vector512Width<T>.MultiplyAdd(w0, b, s100); }
                s001 = Vector512Width<T>.MultiplyAdd(w1, b, s001);
                s000 = Vector512Width<T>.MultiplyAdd(w2, b, s000);

                b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 3));
                if (TLength.Value > 1) { s101 = Vector512Width<T>.MultiplyAdd(w0, b, s101); }
                if (TLength.Value > 1) { s100 = Vector512Width<T>.MultiplyAdd(w1, b, s100); }
                s001 = Vector512Width<T>.MultiplyAdd(w2, b, s001);

                if (TLength.Value > 1)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 4));
                    if (TLength.Value > 2) { s200 = Vector512Width<T>.MultiplyAdd(w0, b, s200); }
                    s101 = Vector512Width<T>.MultiplyAdd(w1, b, s101);
                    s100 = Vector512Width<T>.MultiplyAdd(w2, b, s100);
                }

                if (TLength.Value > 1)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 5));
                    if (TLength.Value > 2) { s201 = Vector512Width<T>.MultiplyAdd(w0, b, s201); }
                    if (TLength.Value > 2) { s200 = Vector512Width<T>.MultiplyAdd(w1, b, s200); }
                    s101 = Vector512Width<T>.MultiplyAdd(w2, b, s101);
                }

                if (TLength.Value > 2)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 6));
                    if (TLength.Value > 3) { s300 = Vector512Width<T>.MultiplyAdd(w0, b, s300); }
                    s201 = Vector512Width<T>.MultiplyAdd(w1, b, s201);
                    s200 = Vector512Width<T>.MultiplyAdd(w2, b, s200);
                }

                if (TLength.Value > 2)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 7));
                    if (TLength.Value > 3) { s301 = Vector512Width<T>.MultiplyAdd(w0, b, s301); }
                    if (TLength.Value > 3) { s300 = Vector512Width<T>.MultiplyAdd(w1, b, s300); }
                    s201 = Vector512Width<T>.MultiplyAdd(w2, b, s201);
                }

                if (TLength.Value > 3)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 8));
                    if (TLength.Value > 4) { s400 = Vector512Width<T>.MultiplyAdd(w0, b, s400); }
                    s301 = Vector512Width<T>.MultiplyAdd(w1, b, s301);
                    s300 = Vector512Width<T>.MultiplyAdd(w2, b, s300);
                }

                if (TLength.Value > 3)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 9));
                    if (TLength.Value > 4) { s401 = Vector512Width<T>.MultiplyAdd(w0, b, s401); }
                    if (TLength.Value > 4) { s400 = Vector512Width<T>.MultiplyAdd(w1, b, s400); }
                    s301 = Vector512Width<T>.MultiplyAdd(w2, b, s301);
                }

                if (TLength.Value > 4)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 10));
                    if (TLength.Value > 5) { s500 = Vector512Width<T>.MultiplyAdd(w0, b, s500); }
                    s401 = Vector512Width<T>.MultiplyAdd(w1, b, s401);
                    s400 = Vector512Width<T>.MultiplyAdd(w2, b, s400);
                }

                if (TLength.Value > 4)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 11));
                    if (TLength.Value > 5) { s501 = Vector512Width<T>.MultiplyAdd(w0, b, s501); }
                    if (TLength.Value > 5) { s500 = Vector512Width<T>.MultiplyAdd(w1, b, s500); }
                    s401 = Vector512Width<T>.MultiplyAdd(w2, b, s401);
                }

                if (TLength.Value > 5)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 12));
                    s501 = Vector512Width<T>.MultiplyAdd(w1, b, s501);
                    s500 = Vector512Width<T>.MultiplyAdd(w2, b, s500);
                }

                if (TLength.Value > 5)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r0, 13));
                    s501 = Vector512Width<T>.MultiplyAdd(w2, b, s501);
                }

                // Input row ky + 1: the windows' row 1
                b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 0));
                s010 = Vector512Width<T>.MultiplyAdd(w0, b, s010);

                b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 1));
                s011 = Vector512Width<T>.MultiplyAdd(w0, b, s011);
                s010 = Vector512Width<T>.MultiplyAdd(w1, b, s010);

                b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 2));
                if (TLength.Value > 1) { s110 = Vector512Width<T>.MultiplyAdd(w0, b, s110); }
                s011 = Vector512Width<T>.MultiplyAdd(w1, b, s011);
                s010 = Vector512Width<T>.MultiplyAdd(w2, b, s010);

                b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 3));
                if (TLength.Value > 1) { s111 = Vector512Width<T>.MultiplyAdd(w0, b, s111); }
                if (TLength.Value > 1) { s110 = Vector512Width<T>.MultiplyAdd(w1, b, s110); }
                s011 = Vector512Width<T>.MultiplyAdd(w2, b, s011);

                if (TLength.Value > 1)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 4));
                    if (TLength.Value > 2) { s210 = Vector512Width<T>.MultiplyAdd(w0, b, s210); }
                    s111 = Vector512Width<T>.MultiplyAdd(w1, b, s111);
                    s110 = Vector512Width<T>.MultiplyAdd(w2, b, s110);
                }

                if (TLength.Value > 1)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 5));
                    if (TLength.Value > 2) { s211 = Vector512Width<T>.MultiplyAdd(w0, b, s211); }
                    if (TLength.Value > 2) { s210 = Vector512Width<T>.MultiplyAdd(w1, b, s210); }
                    s111 = Vector512Width<T>.MultiplyAdd(w2, b, s111);
                }

                if (TLength.Value > 2)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 6));
                    if (TLength.Value > 3) { s310 = Vector512Width<T>.MultiplyAdd(w0, b, s310); }
                    s211 = Vector512Width<T>.MultiplyAdd(w1, b, s211);
                    s210 = Vector512Width<T>.MultiplyAdd(w2, b, s210);
                }

                if (TLength.Value > 2)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 7));
                    if (TLength.Value > 3) { s311 = Vector512Width<T>.MultiplyAdd(w0, b, s311); }
                    if (TLength.Value > 3) { s310 = Vector512Width<T>.MultiplyAdd(w1, b, s310); }
                    s211 = Vector512Width<T>.MultiplyAdd(w2, b, s211);
                }

                if (TLength.Value > 3)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 8));
                    if (TLength.Value > 4) { s410 = Vector512Width<T>.MultiplyAdd(w0, b, s410); }
                    s311 = Vector512Width<T>.MultiplyAdd(w1, b, s311);
                    s310 = Vector512Width<T>.MultiplyAdd(w2, b, s310);
                }

                if (TLength.Value > 3)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 9));
                    if (TLength.Value > 4) { s411 = Vector512Width<T>.MultiplyAdd(w0, b, s411); }
                    if (TLength.Value > 4) { s410 = Vector512Width<T>.MultiplyAdd(w1, b, s410); }
                    s311 = Vector512Width<T>.MultiplyAdd(w2, b, s311);
                }

                if (TLength.Value > 4)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 10));
                    if (TLength.Value > 5) { s510 = Vector512Width<T>.MultiplyAdd(w0, b, s510); }
                    s411 = Vector512Width<T>.MultiplyAdd(w1, b, s411);
                    s410 = Vector512Width<T>.MultiplyAdd(w2, b, s410);
                }

                if (TLength.Value > 4)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 11));
                    if (TLength.Value > 5) { s511 = Vector512Width<T>.MultiplyAdd(w0, b, s511); }
                    if (TLength.Value > 5) { s510 = Vector512Width<T>.MultiplyAdd(w1, b, s510); }
                    s411 = Vector512Width<T>.MultiplyAdd(w2, b, s411);
                }

                if (TLength.Value > 5)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 12));
                    s511 = Vector512Width<T>.MultiplyAdd(w1, b, s511);
                    s510 = Vector512Width<T>.MultiplyAdd(w2, b, s510);
                }

                if (TLength.Value > 5)
                {
                    b = Vector512Width<T>.Broadcast(Unsafe.Add(ref r1, 13));
                    s511 = Vector512Width<T>.MultiplyAdd(w2, b, s511);
                }
            }

            StoreWindow<T, TActivation>(s000, s001, s010, s011, ref values, slope);
            if (TLength.Value > 1)
            {
                StoreWindow<T, TActivation>(s100, s101, s110, s111, ref Unsafe.Add(ref values, lanes), slope);
            }

            if (TLength.Value > 2)
            {
                StoreWindow<T, TActivation>(s200, s201, s210, s211, ref Unsafe.Add(ref values, 2 * lanes), slope);
            }

            if (TLength.Value > 3)
            {
                StoreWindow<T, TActivation>(s300, s301, s310, s311, ref Unsafe.Add(ref values, 3 * lanes), slope);
            }

            if (TLength.Value > 4)
            {
                StoreWindow<T, TActivation>(s400, s401, s410, s411, ref Unsafe.Add(ref values, 4 * lanes), slope);
            }

            if (TLength.Value > 5)
            {
                StoreWindow<T, TActivation>(s500, s501, s510, s511, ref Unsafe.Add(ref values, 5 * lanes), slope);
            }
        }
    }

    /// <summary>
    /// <see cref="PoolRows"/> for half a vector of filters (eight floats): runs of up to eight pooled values, each
    /// window's two columns side by side in the lanes of one sum (lane <c>2f + dx</c>), so that a window takes two sums,
    /// one per row, and each broadcast is a pair of neighbouring input values.
    /// </summary>
    private static void PoolRowsInPairs<T, TActivation>(
        in PoolGeometry pool, int inputWidth, ReadOnlySpan<T> source, ReadOnlySpan<int> kernelRows, ReadOnlySpan<T> weights, Vector512<T> bias, Span<T> pooled, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        int filters = Vector512<T>.Count / 2;
        int runs = (pool.OutWidth + 7) / 8;
        ref T input = ref MemoryMarshal.GetReference(source);
        ref T target = ref MemoryMarshal.GetReference(pooled);
        ref T packed = ref MemoryMarshal.GetReference(weights);
        for (int run = 0, px = 0; run < runs; run++)
        {
            int length = (pool.OutWidth / runs) + (run < pool.OutWidth % runs ? 1 : 0);
            ref T windows = ref Unsafe.Add(ref input, 2 * px);
            ref T values = ref Unsafe.Add(ref target, px * filters);
            switch (length)
            {
                case 8:
                    PairedRun<T, TActivation, EightWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, pool.OutWidth * filters, slope);
                    break;
                case 7:
                    PairedRun<T, TActivation, SevenWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, pool.OutWidth * filters, slope);
                    break;
                case 6:
                    PairedRun<T, TActivation, SixWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, pool.OutWidth * filters, slope);
                    break;
                case 5:
                    PairedRun<T, TActivation, FiveWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, pool.OutWidth * filters, slope);
                    break;
                case 4:
                    PairedRun<T, TActivation, FourWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, pool.OutWidth * filters, slope);
                    break;
                case 3:
                    PairedRun<T, TActivation, ThreeWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, pool.OutWidth * filters, slope);
                    break;
                case 2:
                    PairedRun<T, TActivation, TwoWindows>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, pool.OutWidth * filters, slope);
                    break;
                default:
                    PairedRun<T, TActivation, OneWindow>(pool.OutHeight, ref windows, inputWidth, kernelRows, ref packed, bias, ref values, pool.OutWidth * filters, slope);
                    break;
            }

            px += length;
        }
    }

    /// <summary>
    /// <typeparamref name="TLength"/> neighbouring pooled values of one row (at most eight), for half a vector of
    /// filters: sum <c>s{j}{dy}</c> holds window <c>j</c>'s row <c>dy</c>, both columns. Per kernel row, the input pair
    /// at each column (one 64-bit broadcast) is multiplied into the sums of the windows it belongs to, by the weight vector
    /// of kernel column 0 or 2 for a pair at an even column, 1 at an odd one, in increasing kernel column.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // a root of its own: up to sixteen sums in registers
    private static void PairedRun<T, TActivation, TLength>(
        int rows, ref T windows, nint inputWidth, ReadOnlySpan<int> kernelRows, ref T weights, Vector512<T> bias, ref T values, nint valuesPitch, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
        where TLength : IRunLength
    {
        nuint lanes = (nuint)Vector512<T>.Count;
        for (int py = 0; py < rows; py++, windows = ref Unsafe.Add(ref windows, 2 * inputWidth), values = ref Unsafe.Add(ref values, valuesPitch))
        {
            Vector512<T> s00 = bias, s01 = bias, s10 = bias, s11 = bias, s20 = bias, s21 = bias, s30 = bias, s31 = bias;
            Vector512<T> s40 = bias, s41 = bias, s50 = bias, s51 = bias, s60 = bias, s61 = bias, s70 = bias, s71 = bias;
            ref int rowStart = ref MemoryMarshal.GetReference(kernelRows);
            ref T w = ref weights;
            for (int row = 0; row < kernelRows.Length; row++, w = ref Unsafe.Add(ref w, 3 * lanes))
            {
                Vector512<T> w0 = Vector512Width<T>.Load(ref w, 0);
                Vector512<T> w1 = Vector512Width<T>.Load(ref w, lanes);
                Vector512<T> w2 = Vector512Width<T>.Load(ref w, 2 * lanes);
                ref T r0 = ref Unsafe.Add(ref windows, Unsafe.Add(ref rowStart, row));
                ref T r1 = ref Unsafe.Add(ref r0, inputWidth);
                Vector512<T> p;
                // Input row ky + 0: the windows' row 0
                p = Pair(ref r0, 0);
                s00 = Vector512Width<T>.MultiplyAdd(w0, p, s00);

                p = Pair(ref r0, 1);
                s00 = Vector512Width<T>.MultiplyAdd(w1, p, s00);

                p = Pair(ref r0, 2);
                if (TLength.Value > 1) { s10 = Vector512Width<T>.MultiplyAdd(w0, p, s10); }
                s00 = Vector512Width<T>.MultiplyAdd(w2, p, s00);

                if (TLength.Value > 1)
                {
                    p = Pair(ref r0, 3);
                    s10 = Vector512Width<T>.MultiplyAdd(w1, p, s10);
                }

                if (TLength.Value > 1)
                {
                    p = Pair(ref r0, 4);
                    if (TLength.Value > 2) { s20 = Vector512Width<T>.MultiplyAdd(w0, p, s20); }
                    s10 = Vector512Width<T>.MultiplyAdd(w2, p, s10);
                }

                if (TLength.Value > 2)
                {
                    p = Pair(ref r0, 5);
                    s20 = Vector512Width<T>.MultiplyAdd(w1, p, s20);
                }

                if (TLength.Value > 2)
                {
                    p = Pair(ref r0, 6);
                    if (TLength.Value > 3) { s30 = Vector512Width<T>.MultiplyAdd(w0, p, s30); }
                    s20 = Vector512Width<T>.MultiplyAdd(w2, p, s20);
                }

                if (TLength.Value > 3)
                {
                    p = Pair(ref r0, 7);
                    s30 = Vector512Width<T>.MultiplyAdd(w1, p, s30);
                }

                if (TLength.Value > 3)
                {
                    p = Pair(ref r0, 8);
                    if (TLength.Value > 4) { s40 = Vector512Width<T>.MultiplyAdd(w0, p, s40); }
                    s30 = Vector512Width<T>.MultiplyAdd(w2, p, s30);
                }

                if (TLength.Value > 4)
                {
                    p = Pair(ref r0, 9);
                    s40 = Vector512Width<T>.MultiplyAdd(w1, p, s40);
                }

                if (TLength.Value > 4)
                {
                    p = Pair(ref r0, 10);
                    if (TLength.Value > 5) { s50 = Vector512Width<T>.MultiplyAdd(w0, p, s50); }
                    s40 = Vector512Width<T>.MultiplyAdd(w2, p, s40);
                }

                if (TLength.Value > 5)
                {
                    p = Pair(ref r0, 11);
                    s50 = Vector512Width<T>.MultiplyAdd(w1, p, s50);
                }

                if (TLength.Value > 5)
                {
                    p = Pair(ref r0, 12);
                    if (TLength.Value > 6) { s60 = Vector512Width<T>.MultiplyAdd(w0, p, s60); }
                    s50 = Vector512Width<T>.MultiplyAdd(w2, p, s50);
                }

                if (TLength.Value > 6)
                {
                    p = Pair(ref r0, 13);
                    s60 = Vector512Width<T>.MultiplyAdd(w1, p, s60);
                }

                if (TLength.Value > 6)
                {
                    p = Pair(ref r0, 14);
                    if (TLength.Value > 7) { s70 = Vector512Width<T>.MultiplyAdd(w0, p, s70); }
                    s60 = Vector512Width<T>.MultiplyAdd(w2, p, s60);
                }

                if (TLength.Value > 7)
                {
                    p = Pair(ref r0, 15);
                    s70 = Vector512Width<T>.MultiplyAdd(w1, p, s70);
                }

                if (TLength.Value > 7)
                {
                    p = Pair(ref r0, 16);
                    s70 = Vector512Width<T>.MultiplyAdd(w2, p, s70);
                }

                // Input row ky + 1: the windows' row 1
                p = Pair(ref r1, 0);
                s01 = Vector512Width<T>.MultiplyAdd(w0, p, s01);

                p = Pair(ref r1, 1);
                s01 = Vector512Width<T>.MultiplyAdd(w1, p, s01);

                p = Pair(ref r1, 2);
                if (TLength.Value > 1) { s11 = Vector512Width<T>.MultiplyAdd(w0, p, s11); }
                s01 = Vector512Width<T>.MultiplyAdd(w2, p, s01);

                if (TLength.Value > 1)
                {
                    p = Pair(ref r1, 3);
                    s11 = Vector512Width<T>.MultiplyAdd(w1, p, s11);
                }

                if (TLength.Value > 1)
                {
                    p = Pair(ref r1, 4);
                    if (TLength.Value > 2) { s21 = Vector512Width<T>.MultiplyAdd(w0, p, s21); }
                    s11 = Vector512Width<T>.MultiplyAdd(w2, p, s11);
                }

                if (TLength.Value > 2)
                {
                    p = Pair(ref r1, 5);
                    s21 = Vector512Width<T>.MultiplyAdd(w1, p, s21);
                }

                if (TLength.Value > 2)
                {
                    p = Pair(ref r1, 6);
                    if (TLength.Value > 3) { s31 = Vector512Width<T>.MultiplyAdd(w0, p, s31); }
                    s21 = Vector512Width<T>.MultiplyAdd(w2, p, s21);
                }

                if (TLength.Value > 3)
                {
                    p = Pair(ref r1, 7);
                    s31 = Vector512Width<T>.MultiplyAdd(w1, p, s31);
                }

                if (TLength.Value > 3)
                {
                    p = Pair(ref r1, 8);
                    if (TLength.Value > 4) { s41 = Vector512Width<T>.MultiplyAdd(w0, p, s41); }
                    s31 = Vector512Width<T>.MultiplyAdd(w2, p, s31);
                }

                if (TLength.Value > 4)
                {
                    p = Pair(ref r1, 9);
                    s41 = Vector512Width<T>.MultiplyAdd(w1, p, s41);
                }

                if (TLength.Value > 4)
                {
                    p = Pair(ref r1, 10);
                    if (TLength.Value > 5) { s51 = Vector512Width<T>.MultiplyAdd(w0, p, s51); }
                    s41 = Vector512Width<T>.MultiplyAdd(w2, p, s41);
                }

                if (TLength.Value > 5)
                {
                    p = Pair(ref r1, 11);
                    s51 = Vector512Width<T>.MultiplyAdd(w1, p, s51);
                }

                if (TLength.Value > 5)
                {
                    p = Pair(ref r1, 12);
                    if (TLength.Value > 6) { s61 = Vector512Width<T>.MultiplyAdd(w0, p, s61); }
                    s51 = Vector512Width<T>.MultiplyAdd(w2, p, s51);
                }

                if (TLength.Value > 6)
                {
                    p = Pair(ref r1, 13);
                    s61 = Vector512Width<T>.MultiplyAdd(w1, p, s61);
                }

                if (TLength.Value > 6)
                {
                    p = Pair(ref r1, 14);
                    if (TLength.Value > 7) { s71 = Vector512Width<T>.MultiplyAdd(w0, p, s71); }
                    s61 = Vector512Width<T>.MultiplyAdd(w2, p, s61);
                }

                if (TLength.Value > 7)
                {
                    p = Pair(ref r1, 15);
                    s71 = Vector512Width<T>.MultiplyAdd(w1, p, s71);
                }

                if (TLength.Value > 7)
                {
                    p = Pair(ref r1, 16);
                    s71 = Vector512Width<T>.MultiplyAdd(w2, p, s71);
                }
            }

            // Two windows to a vector of sixteen pooled values, a window left over alone.
            nuint half = lanes / 2;
            if (TLength.Value > 1)
            {
                StorePairedWindows<T, TActivation>(s00, s01, s10, s11, ref values, slope);
            }
            else
            {
                StorePairedWindow<T, TActivation>(s00, s01, ref values, slope);
            }

            if (TLength.Value > 3)
            {
                StorePairedWindows<T, TActivation>(s20, s21, s30, s31, ref Unsafe.Add(ref values, 2 * half), slope);
            }
            else if (TLength.Value > 2)
            {
                StorePairedWindow<T, TActivation>(s20, s21, ref Unsafe.Add(ref values, 2 * half), slope);
            }

            if (TLength.Value > 5)
            {
                StorePairedWindows<T, TActivation>(s40, s41, s50, s51, ref Unsafe.Add(ref values, 4 * half), slope);
            }
            else if (TLength.Value > 4)
            {
                StorePairedWindow<T, TActivation>(s40, s41, ref Unsafe.Add(ref values, 4 * half), slope);
            }

            if (TLength.Value > 7)
            {
                StorePairedWindows<T, TActivation>(s60, s61, s70, s71, ref Unsafe.Add(ref values, 6 * half), slope);
            }
            else if (TLength.Value > 6)
            {
                StorePairedWindow<T, TActivation>(s60, s61, ref Unsafe.Add(ref values, 6 * half), slope);
            }
        }
    }

    /// <summary>The float pair at <paramref name="row"/> + <paramref name="column"/> in every 64-bit lane: one broadcast load.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Pair<T>(ref T row, nint column)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Vector512.Create(Unsafe.ReadUnaligned<double>(ref Unsafe.As<T, byte>(ref Unsafe.Add(ref row, column)))).As<double, T>();

    /// <summary>
    /// A window of <see cref="PairedRun"/>: the larger of its two rows, then of each filter's two lanes (the even lanes
    /// against the odd ones, gathered into the low half), activated, the half-vector of filters stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePairedWindow<T, TActivation>(Vector512<T> top, Vector512<T> bottom, ref T target, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        Vector512<float> rows = Vector512Width<T>.Max(top, bottom).As<T, float>();
        Vector512<float> left = Avx512F.PermuteVar16x32(rows, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 0, 2, 4, 6, 8, 10, 12, 14));
        Vector512<float> right = Avx512F.PermuteVar16x32(rows, Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 1, 3, 5, 7, 9, 11, 13, 15));
        Vector512<T> window = Vector512Width<T>.Apply<TActivation>(Vector512Width<T>.Max(left.As<float, T>(), right.As<float, T>()), slope);
        window.GetLower().StoreUnsafe(ref target);
    }

    /// <summary>
    /// Two neighbouring windows of <see cref="PairedRun"/> as one vector: the larger of each window's rows, the even lanes
    /// of both (each filter's left column) against their odd lanes (its right), activated and stored as sixteen values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePairedWindows<T, TActivation>(Vector512<T> firstTop, Vector512<T> firstBottom, Vector512<T> secondTop, Vector512<T> secondBottom, ref T target, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
    {
        Vector512<float> first = Vector512Width<T>.Max(firstTop, firstBottom).As<T, float>();
        Vector512<float> second = Vector512Width<T>.Max(secondTop, secondBottom).As<T, float>();
        Vector512<float> left = Avx512F.PermuteVar16x32x2(first, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), second);
        Vector512<float> right = Avx512F.PermuteVar16x32x2(first, Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31), second);
        Vector512Width<T>.Store(Vector512Width<T>.Apply<TActivation>(Vector512Width<T>.Max(left.As<float, T>(), right.As<float, T>()), slope), ref target, 0);
    }

    /// <summary>A window's pooled value: the activation of the largest of its four sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreWindow<T, TActivation>(Vector512<T> s00, Vector512<T> s01, Vector512<T> s10, Vector512<T> s11, ref T target, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IActivationFunction<T>
        => Vector512Width<T>.Store(
            Vector512Width<T>.Apply<TActivation>(Vector512Width<T>.Max(Vector512Width<T>.Max(s00, s01), Vector512Width<T>.Max(s10, s11)), slope), ref target, 0);

    /// <summary>How many pooled values a run of <see cref="PooledRun"/> computes: a constant per type, so each length compiles to its own code.</summary>
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
