using System.Numerics;
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

/// <summary>What a tile's sums start from, for row <c>r</c> of the tile and the output column a vector begins at.</summary>
internal interface ITileStart<T, TSelf>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TSelf : ITileStart<T, TSelf>, allows ref struct
{
    TVector At<TVector, TWidth>(int row, nint column)
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>;

    /// <summary>The start for a tile whose first row is this one's row <paramref name="row"/>.</summary>
    TSelf FromRow(int row);
}

/// <summary>A bias per row, broadcast along it: a convolution's filter bias (rows are filters); the tile's first row's bias first.</summary>
internal readonly ref struct RowBias<T> : ITileStart<T, RowBias<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ref T _first;

    public RowBias(ref T first) => _first = ref first;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector At<TVector, TWidth>(int row, nint column)
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector> => TWidth.Broadcast(Unsafe.Add(ref _first, row));

    public RowBias<T> FromRow(int row) => new(ref Unsafe.Add(ref _first, row));
}

/// <summary>A bias per column, the same for every row: a dense layer's bias (rows are samples, columns units).</summary>
internal readonly ref struct ColumnBias<T> : ITileStart<T, ColumnBias<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ref T _bias;

    public ColumnBias(ref T bias) => _bias = ref bias;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector At<TVector, TWidth>(int row, nint column)
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector> => TWidth.Load(ref _bias, (nuint)column);

    public ColumnBias<T> FromRow(int row) => this;
}

/// <summary>No bias: gradients, and products whose bias is added elsewhere.</summary>
internal readonly struct ZeroStart<T> : ITileStart<T, ZeroStart<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector At<TVector, TWidth>(int row, nint column)
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector> => TWidth.Zero;

    public ZeroStart<T> FromRow(int row) => this;
}

/// <summary>How a tile's finished sums reach the output.</summary>
internal interface ITileStore<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    static abstract void Store<TVector, TWidth>(TVector sums, ref T target, T slope)
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector>;
}

/// <summary>Overwrites the output with the activation of the sums (the slope is LeakyReLU's), which then costs no pass of its own.</summary>
internal readonly struct Overwrite<T, TActivation> : ITileStore<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TActivation : IActivationFunction<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<TVector, TWidth>(TVector sums, ref T target, T slope)
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector> => TWidth.Store(TWidth.Apply<TActivation>(sums, slope), ref target, 0);
}

/// <summary>Adds the sums to the output: a gradient accumulated over the blocks of a minibatch.</summary>
internal readonly struct AddTo<T> : ITileStore<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<TVector, TWidth>(TVector sums, ref T target, T slope)
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector> => TWidth.Store(TWidth.Add(TWidth.Load(ref target, 0), sums), ref target, 0);
}
