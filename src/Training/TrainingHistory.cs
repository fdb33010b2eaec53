using System;
using System.Collections.Generic;
using System.Linq;

namespace GenNN.Training;

/// <summary>What a fit did, epoch by epoch (Keras's <c>History</c>).</summary>
public sealed class TrainingHistory
{
    /// <summary>Records a fit; the fit loop creates these.</summary>
    public TrainingHistory(IReadOnlyList<EpochResult> epochs, StopReason stopReason, int? bestEpoch, bool restoredBestWeights)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        Epochs = epochs;
        StopReason = stopReason;
        BestEpoch = bestEpoch;
        RestoredBestWeights = restoredBestWeights;
    }

    /// <summary>One result per epoch run, in order.</summary>
    public IReadOnlyList<EpochResult> Epochs { get; }

    /// <summary>Whether every epoch ran or early stopping ended the fit.</summary>
    public StopReason StopReason { get; }

    /// <summary>With early stopping, the epoch whose monitored value was best; otherwise <see langword="null"/>.</summary>
    public int? BestEpoch { get; }

    /// <summary>Whether the network was given back the weights of <see cref="BestEpoch"/> at the end.</summary>
    public bool RestoredBestWeights { get; }

    /// <summary>The last epoch's result.</summary>
    /// <exception cref="InvalidOperationException">No epoch ran.</exception>
    public EpochResult Last => Epochs.Count > 0 ? Epochs[^1] : throw new InvalidOperationException("No epoch ran.");

    /// <summary>The values named <paramref name="name"/> (<c>loss</c>, <c>val_accuracy</c>, ...), one per epoch: Keras's <c>history.history[name]</c>.</summary>
    /// <exception cref="KeyNotFoundException">Nothing of that name was measured.</exception>
    public IReadOnlyList<double> this[string name] => Epochs.Select(epoch => epoch[name]).ToArray();
}
