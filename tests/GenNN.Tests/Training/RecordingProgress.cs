using System;
using System.Collections.Generic;
using GenNN.Training;

namespace GenNN.Tests.Training;

/// <summary>Records what a fit reports, and the network's parameters after every batch and epoch (and its buffers after every epoch).</summary>
internal sealed class RecordingProgress<T> : ITrainingProgress
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly ITrainableNetwork<T> _network;

    public RecordingProgress(ITrainableNetwork<T> network) => _network = network;

    public FitStart? Start { get; private set; }

    public List<BatchProgress> Batches { get; } = [];

    public List<T[]> ParametersAfterBatch { get; } = [];

    public List<T[]> ParametersAfterEpoch { get; } = [];

    public List<T[]> BuffersAfterEpoch { get; } = [];

    public TrainingHistory? Completed { get; private set; }

    public Exception? Failure { get; private set; }

    /// <summary>Runs after each batch (after recording it).</summary>
    public Action<BatchProgress>? AfterBatch { get; init; }

    public void OnFitStarted(FitStart fit) => Start = fit;

    public void OnBatchCompleted(in BatchProgress batch)
    {
        Batches.Add(batch);
        ParametersAfterBatch.Add(_network.Parameters.ToArray());
        AfterBatch?.Invoke(batch);
    }

    public void OnEpochCompleted(EpochResult epoch)
    {
        ParametersAfterEpoch.Add(_network.Parameters.ToArray());
        BuffersAfterEpoch.Add(_network.Buffers.ToArray());
    }

    public void OnFitCompleted(TrainingHistory history) => Completed = history;

    public void OnFitFailed(Exception exception) => Failure = exception;
}
