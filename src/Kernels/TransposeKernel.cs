using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GenNN.Kernels;

/// <summary>
/// A matrix's transpose: the batched dense passes' transposed weights, the recurrent block passes' transposed gate
/// weights, and the <c>[Transpose]</c> layer's two axes.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TransposeKernel
{
    /// <summary>
    /// <paramref name="target"/> (<c>[columns, rows]</c>) = the transpose of <paramref name="source"/> (<c>[rows, columns]</c>).
    /// Four source rows at a time, so that each target row receives four neighbouring values per visit instead of one.
    /// </summary>
    public static void Transpose<T>(ReadOnlySpan<T> source, int rows, int columns, Span<T> target)
    {
        Debug.Assert(source.Length >= rows * columns && target.Length >= rows * columns, "the spans are shorter than the matrix");
        ref T from = ref MemoryMarshal.GetReference(source);
        ref T to = ref MemoryMarshal.GetReference(target);
        int r = 0;
        for (; r + 3 < rows; r += 4)
        {
            ref T row0 = ref Unsafe.Add(ref from, r * columns);
            ref T row1 = ref Unsafe.Add(ref row0, columns);
            ref T row2 = ref Unsafe.Add(ref row1, columns);
            ref T row3 = ref Unsafe.Add(ref row2, columns);
            ref T column = ref Unsafe.Add(ref to, r);
            for (int c = 0; c < columns; c++)
            {
                column = Unsafe.Add(ref row0, c);
                Unsafe.Add(ref column, 1) = Unsafe.Add(ref row1, c);
                Unsafe.Add(ref column, 2) = Unsafe.Add(ref row2, c);
                Unsafe.Add(ref column, 3) = Unsafe.Add(ref row3, c);
                column = ref Unsafe.Add(ref column, rows);
            }
        }

        for (; r < rows; r++)
        {
            ref T row = ref Unsafe.Add(ref from, r * columns);
            for (int c = 0; c < columns; c++)
            {
                Unsafe.Add(ref to, (c * rows) + r) = Unsafe.Add(ref row, c);
            }
        }
    }
}
