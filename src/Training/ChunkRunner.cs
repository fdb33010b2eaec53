using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace GenNN.Training;

/// <summary>
/// Runs the numbered chunks of a job on the calling thread plus a fixed set of worker threads, created once, so a
/// batch costs no allocation and no thread-pool hop. Which thread runs which chunk varies; what each chunk computes
/// does not, so results never depend on the thread count.
/// </summary>
/// <remarks>
/// A thread waiting for the next job (a worker) or for the others to finish (the caller) spins for a short while,
/// yielding the processor, before it blocks: between two batches the caller only runs the optimizer step, and a
/// worker still spinning then starts the next batch at once instead of paying a kernel wake-up, which on small
/// networks costs as much as the batch. The spin yields, so it does not starve other threads when cores are scarce.
/// </remarks>
internal sealed class ChunkRunner : IDisposable
{
    /// <summary>How long a waiting thread spins before it blocks.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5_000; // 200 µs

    private readonly Thread[] _workers;
    private readonly object _gate = new();
    private Action<int>? _work;
    private int _chunkCount;
    private int _nextChunk;
    private int _generation;
    private int _busyWorkers;
    private Exception? _failure;
    private bool _disposed;

    /// <summary>Starts <paramref name="degreeOfParallelism"/> − 1 background workers (the caller is the last).</summary>
    public ChunkRunner(int degreeOfParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreeOfParallelism);
        DegreeOfParallelism = degreeOfParallelism;
        _workers = new Thread[degreeOfParallelism - 1];
        for (int i = 0; i < _workers.Length; i++)
        {
            _workers[i] = new Thread(WorkerLoop) { IsBackground = true, Name = $"GenNN trainer {i + 1}" };
            _workers[i].Start();
        }
    }

    /// <summary>The threads that run chunks, the caller included.</summary>
    public int DegreeOfParallelism { get; }

    /// <summary>
    /// Runs <paramref name="work"/> for chunks 0 to <paramref name="chunkCount"/> − 1 and returns when all are done,
    /// on the workers too when <paramref name="parallel"/>; rethrows the first exception a chunk threw.
    /// </summary>
    public void Run(int chunkCount, Action<int> work, bool parallel)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        if (!parallel || _workers.Length == 0 || chunkCount == 1)
        {
            for (int chunk = 0; chunk < chunkCount; chunk++)
            {
                work(chunk);
            }

            return;
        }

        _work = work;
        _chunkCount = chunkCount;
        _failure = null;
        _nextChunk = -1;
        _busyWorkers = _workers.Length;
        lock (_gate)
        {
            // A release write: a worker that sees the new generation also sees the job set up above.
            Volatile.Write(ref _generation, _generation + 1);
            Monitor.PulseAll(_gate);
        }

        RunChunks();
        WaitForWorkers();
        _work = null;
        if (_failure is Exception failure)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    /// <summary>Stops the workers.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Volatile.Write(ref _disposed, true);
            Volatile.Write(ref _generation, _generation + 1);
            Monitor.PulseAll(_gate);
        }

        foreach (Thread worker in _workers)
        {
            worker.Join();
        }
    }

    private void WorkerLoop()
    {
        int seen = 0;
        while (true)
        {
            WaitForJob(seen);
            if (Volatile.Read(ref _disposed))
            {
                return;
            }

            seen = Volatile.Read(ref _generation);
            RunChunks();
            if (Interlocked.Decrement(ref _busyWorkers) == 0)
            {
                lock (_gate)
                {
                    Monitor.PulseAll(_gate);
                }
            }
        }
    }

    /// <summary>A worker's wait for a job newer than generation <paramref name="seen"/>: spins, yielding, for up to <see cref="SpinTicks"/>, then blocks.</summary>
    private void WaitForJob(int seen)
    {
        long started = Stopwatch.GetTimestamp();
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _generation) == seen)
        {
            if (Stopwatch.GetTimestamp() - started > SpinTicks)
            {
                lock (_gate)
                {
                    while (Volatile.Read(ref _generation) == seen)
                    {
                        Monitor.Wait(_gate);
                    }
                }

                return;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>The caller's wait for every worker to finish the job: spins, yielding, for up to <see cref="SpinTicks"/>, then blocks.</summary>
    private void WaitForWorkers()
    {
        long started = Stopwatch.GetTimestamp();
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _busyWorkers) != 0)
        {
            if (Stopwatch.GetTimestamp() - started > SpinTicks)
            {
                lock (_gate)
                {
                    while (Volatile.Read(ref _busyWorkers) != 0)
                    {
                        Monitor.Wait(_gate);
                    }
                }

                return;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Claims chunks until none are left; a failure is kept for the caller and ends this thread's share.</summary>
    private void RunChunks()
    {
        Action<int> work = _work!;
        int chunk;
        while ((chunk = Interlocked.Increment(ref _nextChunk)) < _chunkCount)
        {
            try
            {
                work(chunk);
            }
            catch (Exception exception)
            {
                Interlocked.CompareExchange(ref _failure, exception, null);
                return;
            }
        }
    }
}
