using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace GenNN.Tests;

/// <summary>The scratch pool of the generated passes too large for the stack: it keeps every array returned, however many calls ran at once.</summary>
public sealed class WorkspacePoolTests
{
    [Fact]
    public void More_arrays_out_at_once_than_its_first_capacity_all_come_back_and_are_reused()
    {
        var pool = new WorkspacePool<float>(3);
        float[][] rented = Enumerable.Range(0, 9).Select(_ => pool.Rent()).ToArray();

        foreach (float[] array in rented)
        {
            pool.Return(array);
        }

        float[][] again = Enumerable.Range(0, 9).Select(_ => pool.Rent()).ToArray();
        Assert.All(rented, array => Assert.Equal(3, array.Length));
        Assert.True(rented.ToHashSet(ReferenceEqualityComparer.Instance).SetEquals(again), "the pool lost an array returned to it");
    }
}
