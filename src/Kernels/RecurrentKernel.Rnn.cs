using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GenNN.Kernels;

/// <summary>The plain (Elman) RNN cell, tanh or ReLU.</summary>
public static partial class RecurrentKernel
{
    /// <summary>
    /// One plain RNN step: <c>h_t = act(b_ih + b_hh + W_ih x + W_hh h_{t−1})</c>, the sums into scratch first, so
    /// <paramref name="hOut"/> may be <paramref name="hPrevious"/>.
    /// </summary>
    private static void RnnStep<T>(in Parameters<T> p, bool relu, ref T x, ref T hPrevious, ref T hOut)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int h = p.Hidden;
        ref T pre = ref p.Work;
        GateSums(h, h, ref p.BiasIh, ref p.BiasHh, true, ref p.WeightIh, ref x, p.Inputs, ref p.WeightHh, ref hPrevious, h, ref pre);
        RnnUnits(h, relu, ref pre, ref hOut);
    }

    /// <summary>A plain RNN step's units from their pre-activations: <c>h_t = act(pre)</c>, tanh or ReLU.</summary>
    private static void RnnUnits<T>(int h, bool relu, ref T pre, ref T hOut)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (relu)
        {
            GateUnits<T, ReLUGate<T>>(h, ref pre, ref hOut);
        }
        else
        {
            GateUnits<T, TanhGate<T>>(h, ref pre, ref hOut);
        }
    }

    /// <summary>
    /// One plain RNN step backward: with <c>d = dL/dh_t</c> (<paramref name="dh"/> + <paramref name="carry"/>), the
    /// pre-activation's gradient is <c>d·(1 − h_t²)</c> for tanh and <c>d</c> where <c>h_t &gt; 0</c> (else 0) for ReLU.
    /// </summary>
    private static void RnnStepBackward<T>(bool relu, ReadOnlySpan<T> hOut, ReadOnlySpan<T> dh, ReadOnlySpan<T> carry, Span<T> gateGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T a = ref MemoryMarshal.GetReference(hOut);
        ref T up = ref MemoryMarshal.GetReference(dh);
        ref T carried = ref MemoryMarshal.GetReference(carry);
        ref T dz = ref MemoryMarshal.GetReference(gateGradient);
        int h = gateGradient.Length;
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; k + Vector<T>.Count <= h; k += Vector<T>.Count)
            {
                Vector<T> value = Vector.LoadUnsafe(ref a, (nuint)k);
                Vector<T> d = Vector.LoadUnsafe(ref up, (nuint)k) + Vector.LoadUnsafe(ref carried, (nuint)k);
                Vector<T> g = relu
                    ? Vector.ConditionalSelect(Vector.GreaterThan(value, Vector<T>.Zero), d, Vector<T>.Zero)
                    : d * (Vector<T>.One - (value * value));
                Vector.StoreUnsafe(g, ref dz, (nuint)k);
            }
        }

        for (; k < h; k++)
        {
            T value = Unsafe.Add(ref a, k);
            T d = Unsafe.Add(ref up, k) + Unsafe.Add(ref carried, k);
            Unsafe.Add(ref dz, k) = relu ? (value > T.Zero ? d : T.Zero) : d * (T.One - (value * value));
        }
    }
}
