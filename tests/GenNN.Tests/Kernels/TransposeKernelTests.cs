using System;
using GenNN.Kernels;
using Xunit;

namespace GenNN.Tests.Kernels;

/// <summary>
/// <see cref="TransposeKernel.Transpose"/> against the definition, over shapes that take each of its ways: 16 × 16
/// blocks (both sides at least 16, the last blocks flush and overlapping), 8 × 8 blocks (both at least 8), and
/// four rows at a time; in float (the blocked ways) and double.
/// </summary>
public sealed class TransposeKernelTests
{
    public static TheoryData<int, int> Shapes => new()
    {
        { 16, 16 }, { 16, 72 }, { 25, 16 }, { 33, 47 }, { 169, 8 }, { 8, 9 }, { 9, 8 }, { 15, 31 }, { 8, 8 }, { 3, 40 }, { 40, 3 }, { 7, 7 }, { 1, 5 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_matrix_is_transposed(int rows, int columns) => Check<float>(rows, columns);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_matrix_is_transposed(int rows, int columns) => Check<double>(rows, columns);

    private static void Check<T>(int rows, int columns)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var source = new T[rows * columns];
        for (int i = 0; i < source.Length; i++)
        {
            source[i] = T.CreateTruncating(i + 1);
        }

        // One value past the end of the target, so that a store beyond it shows.
        var target = new T[(rows * columns) + 1];
        target[^1] = T.CreateTruncating(-1);
        TransposeKernel.Transpose<T>(source, rows, columns, target);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                Assert.True(source[(r * columns) + c] == target[(c * rows) + r], $"[{r}, {c}] of {rows} × {columns} is at [{c}, {r}] as {target[(c * rows) + r]}");
            }
        }

        Assert.Equal(T.CreateTruncating(-1), target[^1]);
    }
}
