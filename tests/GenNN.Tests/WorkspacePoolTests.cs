using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
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

    /// <summary>
    /// Threads renting and returning at once never get the same array at the same time, and everything returned stays
    /// in the pool: the slot's exchange and the locked list hand each array to one caller. The threads start together
    /// and hold each array a moment, so that they do overlap (asserted).
    /// </summary>
    [Fact]
    public void Threads_renting_at_once_never_share_an_array()
    {
        const int threads = 3;
        var pool = new WorkspacePool<int>(1);
        var seen = new ConcurrentDictionary<int[], bool>(ReferenceEqualityComparer.Instance);
        int clashes = 0, outstanding = 0, mostOutstanding = 0;
        using var start = new Barrier(threads);
        Thread[] workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < 20_000; i++)
            {
                int[] array = pool.Rent();
                seen.TryAdd(array, true);
                int now = Interlocked.Increment(ref outstanding);
                int most;
                while (now > (most = Volatile.Read(ref mostOutstanding)) && Interlocked.CompareExchange(ref mostOutstanding, now, most) != most)
                {
                }

                if (Interlocked.Increment(ref array[0]) != 1)
                {
                    Interlocked.Increment(ref clashes);
                }

                Thread.SpinWait(50);
                Interlocked.Decrement(ref array[0]);
                Interlocked.Decrement(ref outstanding);
                pool.Return(array);
            }
        })).ToArray();
        foreach (Thread worker in workers)
        {
            worker.Start();
        }

        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        Assert.True(mostOutstanding >= 2, "the threads never held arrays at the same time: nothing was tested");
        Assert.Equal(0, clashes);
        int[][] all = Enumerable.Range(0, seen.Count).Select(_ => pool.Rent()).ToArray();
        Assert.True(seen.Keys.ToHashSet(ReferenceEqualityComparer.Instance).SetEquals(all), "the pool lost an array returned to it");
    }
}
