using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GenNN.Kernels;

/// <summary>
/// Which vector width a kernel runs on. On processors with AVX-512 the runtime keeps <see cref="Vector{T}"/> at 256 bits
/// by default; the kernels that gain from the full width take <see cref="Vector512{T}"/> there, through
/// <see cref="IVectorWidth{T, TVector}"/>, and <see cref="Vector{T}"/> everywhere else.
/// </summary>
internal static class VectorWidth
{
    /// <summary>
    /// Whether to run on <see cref="Vector512{T}"/>: on processors with AVX-512. Half the instructions for the same work
    /// and 32 registers; on Zen 4 (two 256-bit pipes) the peak is the same, on Intel cores with two 512-bit FMA units
    /// it doubles. Needs a <see cref="Vector{T}"/> at least half as wide: the dense activations run on its halves,
    /// and kernels that take <see cref="Vector{T}"/>s after the 512-bit vectors then leave the same units to the scalar
    /// code as with <see cref="Vector{T}"/> alone.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool UsesVector512<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && 2 * Vector<T>.Count >= Vector512<T>.Count;

    /// <summary>
    /// Whether to run on <see cref="Vector512{T}"/> even the products whose every load is off a 64-byte boundary (a
    /// direct convolution's taps read its input at every shift), which gain only where 512-bit multiply-adds run at
    /// twice the 256-bit rate: <see cref="UsesVector512{T}"/>, on a core with full-width 512-bit units
    /// (<see cref="HasFullWidth512BitUnits"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool UsesFullWidthVector512<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        HasFullWidth512BitUnits && UsesVector512<T>();

    /// <summary>
    /// Whether the core executes a 512-bit multiply-add as one operation rather than as two 256-bit halves: Intel's
    /// AVX-512 cores, and AMD's from Zen 5 (family 1Ah) on. Zen 4 (family 19h) splits 512-bit instructions over its two
    /// 256-bit pipes: the same peak as 256-bit code. Decided from the processor's identity, not by timing, so every run
    /// on a machine takes the same paths. The identity does not tell everything: Intel cores with a single 512-bit FMA
    /// unit (the client Ice Lake, Tiger Lake and Rocket Lake, some Xeon Silver and Bronze) gain no peak from 512 bits,
    /// and Zen 5's mobile parts are reported to keep a 256-bit datapath. The environment variable
    /// <c>GENNN_FULL_WIDTH_VECTOR512</c> (<c>1</c> or <c>0</c>) overrides the rule, for such processors and for the
    /// tests that run both paths on any AVX-512 machine. A static readonly field, which optimized JIT code reads as a
    /// constant (Native AOT keeps the check; it takes the 512-bit paths only when built for AVX-512).
    /// </summary>
    public static readonly bool HasFullWidth512BitUnits = DetectFullWidth512BitUnits();

    private static bool DetectFullWidth512BitUnits()
    {
        switch (Environment.GetEnvironmentVariable("GENNN_FULL_WIDTH_VECTOR512"))
        {
            case "1":
                return true;
            case "0":
                return false;
        }

        if (!X86Base.IsSupported || !Vector512.IsHardwareAccelerated)
        {
            return false;
        }

        (int _, int ebx, int ecx, int edx) = X86Base.CpuId(0, 0);
        const int Genu = 0x756E6547, ineI = 0x49656E69, ntel = 0x6C65746E; // "GenuineIntel" in EBX, EDX, ECX
        const int Auth = 0x68747541, enti = 0x69746E65, cAMD = 0x444D4163; // "AuthenticAMD"
        if (ebx == Genu && edx == ineI && ecx == ntel)
        {
            return true;
        }

        if (ebx == Auth && edx == enti && ecx == cAMD)
        {
            int signature = X86Base.CpuId(1, 0).Eax;
            int family = (signature >> 8) & 0xF;
            if (family == 0xF)
            {
                family += (signature >> 20) & 0xFF;
            }

            return family >= 0x1A;
        }

        return false;
    }
}

/// <summary>
/// A vector type's operations, so that a kernel is written once for <see cref="Vector{T}"/> (any processor) and
/// <see cref="Vector512{T}"/> (AVX-512). Implemented by structs: the JIT compiles each kernel per width with these
/// calls inlined, and the values stay in registers. Both widths compute every lane with the same instructions, so
/// they give the same bits.
/// </summary>
internal interface IVectorWidth<T, TVector>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVector : struct
{
    static abstract int Count { get; }

    static abstract TVector Zero { get; }

    static abstract TVector One { get; }

    static abstract TVector Load(ref T source, nuint offset);

    static abstract void Store(TVector value, ref T target, nuint offset);

    static abstract TVector Broadcast(T value);

    static abstract TVector Add(TVector left, TVector right);

    static abstract TVector Subtract(TVector left, TVector right);

    static abstract TVector Multiply(TVector left, TVector right);

    static abstract TVector Divide(TVector left, TVector right);

    static abstract TVector Negate(TVector value);

    /// <summary><c>left·right + addend</c>, fused where the processor has FMA (see <see cref="VectorMath.MultiplyAdd{T}"/>).</summary>
    static abstract TVector MultiplyAdd(TVector left, TVector right, TVector addend);

    /// <summary>The larger of each pair, NaN in either giving NaN (ReLU's <c>max(z, 0)</c>).</summary>
    static abstract TVector Max(TVector left, TVector right);

    /// <summary>The processor's one-instruction minimum: with a constant <paramref name="left"/>, x86 returns <paramref name="right"/> when it is NaN.</summary>
    static abstract TVector MinNative(TVector left, TVector right);

    /// <summary>The processor's one-instruction maximum, NaN as for <see cref="MinNative"/>.</summary>
    static abstract TVector MaxNative(TVector left, TVector right);

    /// <summary>
    /// <c>2^n</c> for the integer <c>n</c> that <paramref name="rounded"/> holds in its low mantissa bits (a value
    /// rounded by adding <c>1.5·2^23</c>, or <c>1.5·2^52</c> in double): those bits shift straight into the exponent
    /// field. <c>n</c> must keep <c>2^n</c> a normal number.
    /// </summary>
    static abstract TVector PowerOfTwo(TVector rounded);

    static abstract TVector Apply<TActivation>(TVector z, T slope)
        where TActivation : IActivationFunction<T>;
}

/// <summary><see cref="Vector{T}"/>, at whatever width the runtime gives it.</summary>
internal readonly struct VectorTWidth<T> : IVectorWidth<T, Vector<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector<T>.Count;

    public static Vector<T> Zero => Vector<T>.Zero;

    public static Vector<T> One => Vector<T>.One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Load(ref T source, nuint offset) => Vector.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<T> value, ref T target, nuint offset) => Vector.StoreUnsafe(value, ref target, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Broadcast(T value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Add(Vector<T> left, Vector<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Subtract(Vector<T> left, Vector<T> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Multiply(Vector<T> left, Vector<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Divide(Vector<T> left, Vector<T> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Negate(Vector<T> value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> MultiplyAdd(Vector<T> left, Vector<T> right, Vector<T> addend) => VectorMath.MultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Max(Vector<T> left, Vector<T> right) => Vector.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> MinNative(Vector<T> left, Vector<T> right) => Vector.MinNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> MaxNative(Vector<T> left, Vector<T> right) => Vector.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> PowerOfTwo(Vector<T> rounded)
    {
        if (typeof(T) == typeof(float))
        {
            return ((rounded.As<T, int>() << 23) + new Vector<int>(127 << 23)).As<int, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return ((rounded.As<T, long>() << 52) + new Vector<long>(1023L << 52)).As<long, T>();
        }

        throw new NotSupportedException($"No power of two for {typeof(T)}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Apply<TActivation>(Vector<T> z, T slope)
        where TActivation : IActivationFunction<T> => TActivation.Apply(z, slope);
}

/// <summary><see cref="Vector512{T}"/>, for processors with AVX-512 (see <see cref="VectorWidth.UsesVector512{T}"/>).</summary>
internal readonly struct Vector512Width<T> : IVectorWidth<T, Vector512<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;

    public static Vector512<T> Zero => Vector512<T>.Zero;

    public static Vector512<T> One => Vector512<T>.One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref T source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T target, nuint offset) => Vector512.StoreUnsafe(value, ref target, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> left, Vector512<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Subtract(Vector512<T> left, Vector512<T> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Multiply(Vector512<T> left, Vector512<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Divide(Vector512<T> left, Vector512<T> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Negate(Vector512<T> value) => -value;

    /// <remarks>
    /// <see cref="VectorMath.MultiplyAdd{T}"/>'s dispatch for <see cref="Vector512{T}"/>, which that class does not serve.
    /// AVX-512 implies FMA, so the estimate is always the fused instruction here.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> left, Vector512<T> right, Vector512<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.MultiplyAddEstimate(left.As<T, float>(), right.As<T, float>(), addend.As<T, float>()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector512.MultiplyAddEstimate(left.As<T, double>(), right.As<T, double>(), addend.As<T, double>()).As<double, T>();
        }

        return (left * right) + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Max(Vector512<T> left, Vector512<T> right) => Vector512.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MinNative(Vector512<T> left, Vector512<T> right) => Vector512.MinNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MaxNative(Vector512<T> left, Vector512<T> right) => Vector512.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> PowerOfTwo(Vector512<T> rounded)
    {
        if (typeof(T) == typeof(float))
        {
            return ((rounded.As<T, int>() << 23) + Vector512.Create(127 << 23)).As<int, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return ((rounded.As<T, long>() << 52) + Vector512.Create(1023L << 52)).As<long, T>();
        }

        throw new NotSupportedException($"No power of two for {typeof(T)}.");
    }

    /// <summary>
    /// The activations are written over <see cref="Vector{T}"/>: applied to the whole vector or to each half, but for
    /// the identity and ReLU, which the register tiles apply as they store (<see cref="RegisterTiles.ActivatesInStore"/>):
    /// taken apart and put back together, a 512-bit ReLU is ten instructions instead of two, which a convolution nine
    /// taps deep spends a sixth of its time on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Apply<TActivation>(Vector512<T> z, T slope)
        where TActivation : IActivationFunction<T>
    {
        if (typeof(TActivation) == typeof(IdentityActivation<T>))
        {
            return z;
        }

        if (typeof(TActivation) == typeof(ReLUActivation<T>))
        {
            return Vector512.Max(z, Vector512<T>.Zero); // as ReLUActivation's Vector.Max: NaN stays NaN
        }

        if (Vector<T>.Count == Vector512<T>.Count)
        {
            return TActivation.Apply(z.AsVector(), slope).AsVector512();
        }

        return Vector512.Create(
            TActivation.Apply(z.GetLower().AsVector(), slope).AsVector256(), TActivation.Apply(z.GetUpper().AsVector(), slope).AsVector256());
    }
}
