using System;
using System.Globalization;

namespace GenNN.Training;

/// <summary>
/// Training produced a NaN or infinite loss, or an update made a weight NaN or infinite. The network keeps the
/// weights (and the optimizer its state) from before the batch that failed.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Describes a divergence at <paramref name="epoch"/>, <paramref name="batch"/> (both from 1).</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="batch">The batch within the epoch, from 1.</param>
    /// <param name="loss">The batch's mean loss (NaN or infinite when the loss diverged).</param>
    /// <param name="lossDiverged"><see langword="true"/> when the loss was not finite; <see langword="false"/> when the update made a weight non-finite.</param>
    /// <param name="history">The epochs completed before it.</param>
    public TrainingDivergedException(int epoch, int batch, double loss, bool lossDiverged, TrainingHistory history)
        : base(Describe(epoch, batch, loss, lossDiverged))
    {
        ArgumentNullException.ThrowIfNull(history);
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
        LossDiverged = lossDiverged;
        History = history;
    }

    /// <summary>The epoch of the failed batch, from 1.</summary>
    public int Epoch { get; }

    /// <summary>The failed batch within its epoch, from 1.</summary>
    public int Batch { get; }

    /// <summary>The failed batch's mean loss.</summary>
    public double Loss { get; }

    /// <summary><see langword="true"/> when the loss itself was NaN or infinite; <see langword="false"/> when the loss was finite but the update made a weight NaN or infinite.</summary>
    public bool LossDiverged { get; }

    /// <summary>The epochs completed before the failure.</summary>
    public TrainingHistory History { get; }

    private static string Describe(int epoch, int batch, double loss, bool lossDiverged)
    {
        string what = lossDiverged
            ? string.Create(CultureInfo.InvariantCulture, $"the loss is {Name(loss)}")
            : "the update made a weight NaN or infinite (the gradient overflowed)";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Training diverged at epoch {epoch}, batch {batch}: {what}. The network keeps the weights from before that batch. Try a lower learning rate, gradient clipping, or inputs scaled to a small range.");
    }

    private static string Name(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity";
}
