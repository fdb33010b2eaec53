using System;

namespace GenNN.Training;

/// <summary>
/// Follows a fit as it runs; implement the members you need (they default to nothing). Calls come on the thread that
/// called Fit. <see cref="OnBatchCompleted"/> runs once per batch inside the training loop: keep it cheap and
/// allocation-free.
/// </summary>
public interface ITrainingProgress
{
    /// <summary>The fit is about to run its first epoch.</summary>
    void OnFitStarted(FitStart fit)
    {
    }

    /// <summary>A batch has been applied.</summary>
    void OnBatchCompleted(in BatchProgress batch)
    {
    }

    /// <summary>An epoch has ended and been evaluated.</summary>
    void OnEpochCompleted(EpochResult epoch)
    {
    }

    /// <summary>The fit has ended normally (after its last epoch or by early stopping).</summary>
    void OnFitCompleted(TrainingHistory history)
    {
    }

    /// <summary>The fit has ended with <paramref name="exception"/> (cancellation, divergence, ...), which the caller receives next.</summary>
    void OnFitFailed(Exception exception)
    {
    }
}
