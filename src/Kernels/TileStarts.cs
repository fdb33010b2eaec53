using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNN.Kernels;

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

/// <summary>A bias per row, broadcast along it: a convolution's filter bias (rows are filters), made at the bias of the tile's first row.</summary>
internal readonly ref struct RowBias<T> : ITileStart<T, RowBias<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ref T _first;

    public RowBias(ref T first) => _first = ref first;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVector At<TVector, TWidth>(int row, nint column)
        where TVector : struct
        where TWidth : IVectorWidth<T, TVector> => TWidth.Broadcast(Unsafe.Add(ref _first, row));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ZeroStart<T> FromRow(int row) => this;
}
