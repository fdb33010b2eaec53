using System;
using GenNN.Training;
using Xunit;

namespace GenNN.Tests.Training;

/// <summary>
/// After a warm-up epoch, the training loop allocates nothing per batch, on the calling thread or on the workers,
/// with every per-batch feature on: two threads, dropout, clipping, a schedule, Adam. Isolated: other tests train
/// <see cref="WideClassifier"/> too, and while they hold its pooled workspaces a measured call would rent a new one.
/// </summary>
[Collection(IsolatedCollection.Name)]
public sealed class TrainingAllocationTests
{
    [Fact]
    public void Batches_after_the_first_epoch_allocate_nothing_on_any_thread()
    {
        // The first chunk on the calling thread waits (a few seconds at most) until a worker has run one, so a fit that
        // uses its worker at all is seen using it, however busy the machine; what a chunk computes does not depend on
        // its thread, so the wait changes no result.
        int waited = 0;
        InstrumentedWideClassifier? watched = null;
        var network = new InstrumentedWideClassifier
        {
            BeforeAccumulate = onCallingThread =>
            {
                if (onCallingThread && System.Threading.Interlocked.Exchange(ref waited, 1) == 0)
                {
                    System.Threading.SpinWait.SpinUntil(() => watched!.CallsOnOtherThreads > 0, TimeSpan.FromSeconds(5));
                }
            },
        };
        watched = network;
        var progress = new AllocationRecorder(network);
        var random = new SeededRandom(1);
        const int count = 1200;
        float[] inputs = new float[count * WideClassifier.InputSize];
        float[] targets = new float[count * WideClassifier.OutputSize];
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < WideClassifier.InputSize; k++)
            {
                inputs[(i * WideClassifier.InputSize) + k] = (float)random.NextGaussian();
            }

            targets[(i * WideClassifier.OutputSize) + random.NextInt32(WideClassifier.OutputSize)] = 1;
        }

        network.Fit(inputs, targets, new FitOptions
        {
            Epochs = 3,
            BatchSize = 64,
            DegreeOfParallelism = 2,
            ValidationSplit = 0.2,
            Metrics = [Metric.Accuracy],
            Clipping = new GradientClipping { MaxNorm = 1, MaxValue = 0.5 },
            Schedule = LearningRateSchedule.LinearWarmup(1, 0.5, new CosineAnnealingSchedule(3)),
            Progress = progress,
        });

        // 960 training samples in 15 batches of 64: batches 2 to 15 of epochs 2 and 3 are measured.
        Assert.Equal(28, progress.MeasuredBatches);
        Assert.Equal(0, progress.LargestAllocationBetweenBatches);
        Assert.True(network.CallsOnOtherThreads > 0, "the worker thread never ran a chunk");
        Assert.Equal(0, network.LargestAllocationBetweenCalls);
    }

    /// <summary>Measures the calling thread's allocations from one batch to the next within an epoch, after epoch 1.</summary>
    private sealed class AllocationRecorder(InstrumentedWideClassifier network) : ITrainingProgress
    {
        private long _allocatedAtLastBatch;

        public long LargestAllocationBetweenBatches { get; private set; }

        public int MeasuredBatches { get; private set; }

        public void OnBatchCompleted(in BatchProgress batch)
        {
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            if (batch.Epoch > 1 && batch.Batch > 1)
            {
                LargestAllocationBetweenBatches = Math.Max(LargestAllocationBetweenBatches, allocated - _allocatedAtLastBatch);
                MeasuredBatches++;
            }

            _allocatedAtLastBatch = allocated;
        }

        public void OnEpochCompleted(EpochResult epoch) => network.Epoch = epoch.Epoch + 1;
    }
}
