using System;
using System.Collections.Generic;

namespace GenNN.Training;

/// <summary>How <see cref="Trainer{T}.Fit(ReadOnlyMemory{T}, ReadOnlyMemory{T}, System.Threading.CancellationToken)"/> trains: everything but the data.</summary>
public sealed record FitOptions
{
    /// <summary>Passes over the training set (Keras's default, 1).</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Samples per optimizer step (Keras's default, 32); the last batch of an epoch may be smaller.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seeds the shuffles and the dropout masks: the same seed, data and options give the same weights, bit for bit.</summary>
    public long Seed { get; init; }

    /// <summary>Whether each epoch visits the training samples in a new random order.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// The optimizer, overriding the network's <c>[Optimizer]</c> declaration (<see cref="ITrainableNetwork{T}.DefaultOptimizer"/>).
    /// A <see cref="Trainer{T}"/> given an optimizer of its own refuses other options here.
    /// </summary>
    public OptimizerOptions? Optimizer { get; init; }

    /// <summary>The learning rate per epoch; <see langword="null"/> keeps the optimizer's rate throughout.</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>Clips each batch's gradient before the optimizer step; <see langword="null"/> for none.</summary>
    public GradientClipping? Clipping { get; init; }

    /// <summary>Stops when a metric stops improving; <see langword="null"/> to always run every epoch.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>
    /// The fraction of the training data, taken from its end before any shuffling (as Keras does), held out for
    /// validation. Leave 0 when passing a validation set. Data sorted by class (as many CSV files are) leaves
    /// classes out of one side: shuffle it first (<c>Dataset&lt;T&gt;.Shuffle</c>), or hold out a shuffled part with <c>Dataset&lt;T&gt;.Split</c>.
    /// </summary>
    public double ValidationSplit { get; init; }

    /// <summary>Scores reported each epoch beside the loss, such as <see cref="Metric.Accuracy"/>.</summary>
    public IReadOnlyList<Metric> Metrics { get; init; } = [];

    /// <summary>
    /// Whether <see cref="Metrics"/> are also measured on the training set after each epoch (an extra inference pass
    /// over it, with the epoch's final weights and no dropout). Validation metrics are always measured.
    /// </summary>
    public bool TrainingSetMetrics { get; init; } = true;

    /// <summary>
    /// The threads that compute a batch's gradient, the calling thread included (at most 1,024); <see langword="null"/>
    /// uses every core. It changes the speed, never the result: see <see cref="ChunksPerBatch"/>.
    /// </summary>
    public int? DegreeOfParallelism { get; init; }

    /// <summary>
    /// The most pieces each minibatch's gradient is computed in (fewer for small batches: at least 16 samples each),
    /// each with its own buffer and dropout stream, summed in a fixed order. Because the split depends on this number
    /// and the batch size alone, one thread and many give bit-identical weights. It also caps the threads one batch
    /// can use.
    /// </summary>
    public int ChunksPerBatch { get; init; } = 8;

    /// <summary>Receives progress (see <see cref="ConsoleProgress"/>); <see langword="null"/> trains silently.</summary>
    public ITrainingProgress? Progress { get; init; }
}
