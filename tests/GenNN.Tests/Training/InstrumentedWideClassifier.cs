using System;
using System.Threading;
using GenNN.Training;

namespace GenNN.Tests.Training;

/// <summary>
/// Wraps a <see cref="WideClassifier"/> to watch the trainer from inside. On every thread that calls
/// <see cref="AccumulateGradients"/> it measures what that thread allocated since its previous call in the same epoch:
/// everything the trainer's loop did on that thread in between (a worker's wait, wake-up and chunk bookkeeping; the
/// caller's whole batch). <see cref="BeforeAccumulate"/> runs first on each call, on whichever thread makes it.
/// </summary>
internal sealed class InstrumentedWideClassifier : ITrainableNetwork<float>
{
    [ThreadStatic]
    private static long s_allocatedAtLastCall;

    [ThreadStatic]
    private static int s_epochOfLastCall;

    private readonly WideClassifier _inner = new();
    private readonly int _callingThread = Environment.CurrentManagedThreadId;
    private long _largestAllocation;
    private int _callsOnOtherThreads;

    /// <summary>Runs at the start of every <see cref="AccumulateGradients"/> call, with whether the call is on the creating thread.</summary>
    public Action<bool>? BeforeAccumulate { get; init; }

    /// <summary>The epoch being trained; calls are compared only with earlier calls of the same epoch. Epoch 1 is warm-up.</summary>
    public int Epoch { get; set; } = 1;

    /// <summary>The most any thread allocated between two calls of one epoch after the first.</summary>
    public long LargestAllocationBetweenCalls => Interlocked.Read(ref _largestAllocation);

    /// <summary>How many calls came from threads other than the one that created this network (the trainer's workers).</summary>
    public int CallsOnOtherThreads => Volatile.Read(ref _callsOnOtherThreads);

    public int InputSize => WideClassifier.InputSize;

    public int OutputSize => WideClassifier.OutputSize;

    public int ParameterCount => WideClassifier.ParameterCount;

    public NetworkDescription Description => WideClassifier.Description;

    public Span<float> Parameters => _inner.Parameters;

    public int BufferCount => WideClassifier.BufferCount;

    public Span<float> Buffers => _inner.Buffers;

    public Span<float> Gradients => _inner.Gradients;

    public OptimizerOptions DefaultOptimizer => WideClassifier.DefaultOptimizer;

    public float AccumulateGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients, ref SeededRandom random)
        => AccumulateGradients(inputs, targets, gradients, default, ref random);

    public float AccumulateGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients, Span<float> statistics, ref SeededRandom random)
    {
        BeforeAccumulate?.Invoke(Environment.CurrentManagedThreadId == _callingThread);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        int epoch = Epoch;
        if (epoch > 1 && s_epochOfLastCall == epoch)
        {
            long delta = allocated - s_allocatedAtLastCall;
            long largest;
            while (delta > (largest = Interlocked.Read(ref _largestAllocation)) && Interlocked.CompareExchange(ref _largestAllocation, delta, largest) != largest)
            {
            }
        }

        if (Environment.CurrentManagedThreadId != _callingThread)
        {
            Interlocked.Increment(ref _callsOnOtherThreads);
        }

        s_epochOfLastCall = epoch;
        s_allocatedAtLastCall = allocated;
        return _inner.AccumulateGradients(inputs, targets, gradients, statistics, ref random);
    }

    public void Forward(ReadOnlySpan<float> input, Span<float> output) => _inner.Forward(input, output);

    public void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => _inner.ForwardBatch(inputs, outputs);

    public float EvaluateBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> outputs) => _inner.EvaluateBatch(inputs, targets, outputs);

    public float ComputeLoss(ReadOnlySpan<float> input, ReadOnlySpan<float> target) => _inner.ComputeLoss(input, target);

    public float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target) => _inner.Backward(input, target);

    public void InitializeParameters(long seed) => _inner.InitializeParameters(seed);

    public void ApplyGradients(float learningRate) => _inner.ApplyGradients(learningRate);

    public void ZeroGradients() => _inner.ZeroGradients();

    public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float learningRate) => _inner.TrainStep(input, target, learningRate);

    public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float learningRate) => _inner.TrainBatch(inputs, targets, learningRate);
}
