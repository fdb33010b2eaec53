using System.Runtime.CompilerServices;

namespace GenNN.Kernels;

/// <summary>
/// Walks the rows of a product's operand <c>B</c> in order (see <see cref="RegisterTiles"/>): each call gives the next
/// row. A tile takes its own copy, so walking it changes no one else's; the JIT keeps the copy's fields in registers.
/// </summary>
internal interface IRowCursor<T>
{
    ref T Next();
}

/// <summary>Rows a fixed stride apart: a weight matrix's rows, or the samples of a block.</summary>
internal ref struct StridedRows<T> : IRowCursor<T>
{
    private readonly nint _stride;
    private ref T _row;

    public StridedRows(ref T first, int stride)
    {
        _row = ref first;
        _stride = stride;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Next()
    {
        ref T row = ref _row;
        _row = ref Unsafe.Add(ref _row, _stride);
        return ref row;
    }
}

/// <summary>
/// Rows at the offsets a table lists, from a common origin: the rows of an im2col matrix, or a direct convolution's
/// taps, each reading the input in place at its own shift (overlapping rows share memory instead of being copied).
/// </summary>
internal ref struct TableRows<T> : IRowCursor<T>
{
    private readonly ref T _origin;
    private ref int _entry;

    public TableRows(ref T origin, ref int table)
    {
        _origin = ref origin;
        _entry = ref table;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Next()
    {
        ref T row = ref Unsafe.Add(ref _origin, (nint)_entry);
        _entry = ref Unsafe.Add(ref _entry, 1);
        return ref row;
    }
}
