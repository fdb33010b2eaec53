using System;
using System.Numerics;
using System.Threading;
using GenNN.Training;

namespace GenNN.Tests.Training;

/// <summary>
/// Passes every call to a network and counts the <see cref="AccumulateGradients"/> calls made on threads other than
/// the one that created it (the trainer's workers). The first call on the creating thread waits, up to a few seconds,
/// until a worker has started a chunk too, so that a fit which uses its workers at all is seen using them, however
/// busy the machine; the wait changes no result, since what each chunk computes does not depend on its thread.
/// </summary>
internal sealed class ThreadWatchingNetwork<T>(ITrainableNetwork<T> inner) : ITrainableNetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly TimeSpan WorkerWait = TimeSpan.FromSeconds(5);

    private readonly int _creatingThread = Environment.CurrentManagedThreadId;
    private int _callsOnOtherThreads;
    private int _waited;

    /// <summary>How many <see cref="AccumulateGradients"/> calls came from other threads than the creating one.</summary>
    public int CallsOnOtherThreads => Volatile.Read(ref _callsOnOtherThreads);

    public int InputSize => inner.InputSize;

    public int OutputSize => inner.OutputSize;

    public int ParameterCount => inner.ParameterCount;

    public NetworkDescription Description => inner.Description;

    public Span<T> Parameters => inner.Parameters;

    public Span<T> Gradients => inner.Gradients;

    public OptimizerOptions DefaultOptimizer => inner.DefaultOptimizer;

    public int BufferCount => inner.BufferCount;

    public Span<T> Buffers => inner.Buffers;

    public T AccumulateGradients(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> gradients, ref SeededRandom random)
        => AccumulateGradients(inputs, targets, gradients, default, ref random);

    public T AccumulateGradients(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> gradients, Span<T> statistics, ref SeededRandom random)
    {
        if (Environment.CurrentManagedThreadId != _creatingThread)
        {
            Interlocked.Increment(ref _callsOnOtherThreads);
        }
        else if (Interlocked.Exchange(ref _waited, 1) == 0)
        {
            SpinWait.SpinUntil(() => CallsOnOtherThreads > 0, WorkerWait);
        }

        return inner.AccumulateGradients(inputs, targets, gradients, statistics, ref random);
    }

    public void Forward(ReadOnlySpan<T> input, Span<T> output) => inner.Forward(input, output);

    public void ForwardBatch(ReadOnlySpan<T> inputs, Span<T> outputs) => inner.ForwardBatch(inputs, outputs);

    public T EvaluateBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> outputs) => inner.EvaluateBatch(inputs, targets, outputs);

    public T ComputeLoss(ReadOnlySpan<T> input, ReadOnlySpan<T> target) => inner.ComputeLoss(input, target);

    public T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target) => inner.Backward(input, target);

    public void InitializeParameters(long seed) => inner.InitializeParameters(seed);

    public void ApplyGradients(T learningRate) => inner.ApplyGradients(learningRate);

    public void ZeroGradients() => inner.ZeroGradients();

    public T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate) => inner.TrainStep(input, target, learningRate);

    public T TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate) => inner.TrainBatch(inputs, targets, learningRate);
}
