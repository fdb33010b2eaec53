using System;
using System.Collections.Generic;
using System.Linq;

namespace GenNN.Training;

/// <summary>What one epoch of a fit measured.</summary>
public sealed class EpochResult
{
    /// <summary>Records an epoch; the fit loop creates these.</summary>
    public EpochResult(int epoch, double learningRate, IReadOnlyDictionary<string, double> values, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(values);
        Epoch = epoch;
        LearningRate = learningRate;
        Values = values;
        Duration = duration;
    }

    /// <summary>The epoch, from 1.</summary>
    public int Epoch { get; }

    /// <summary>The learning rate the epoch trained with.</summary>
    public double LearningRate { get; }

    /// <summary>
    /// Every value measured, by name as in Keras: <c>loss</c> (the mean training loss per sample over the epoch, with
    /// dropout, as training saw it: a partial last batch counts by its size, as Keras reports it), <c>val_loss</c> (with a validation set), and each metric as <c>accuracy</c> (on
    /// the training set at the epoch's end) and <c>val_accuracy</c>.
    /// </summary>
    public IReadOnlyDictionary<string, double> Values { get; }

    /// <summary>The wall-clock time of the epoch, evaluation included.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The mean training loss (<c>loss</c>).</summary>
    public double Loss => Values["loss"];

    /// <summary>The validation loss (<c>val_loss</c>), or <see langword="null"/> without a validation set.</summary>
    public double? ValidationLoss => Values.TryGetValue("val_loss", out double value) ? value : null;

    /// <summary>The value named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">Nothing of that name was measured (the message lists what was).</exception>
    public double this[string name]
        => Values.TryGetValue(name, out double value)
            ? value
            : throw new KeyNotFoundException(
                $"Epoch {Epoch} measured no '{name}'; it measured {string.Join(", ", Values.Keys.Select(key => $"'{key}'"))}{Hint(name)}.");

    /// <summary>Why a value may be missing: no validation set at all, or a metric the fit was not given.</summary>
    private string Hint(string name)
    {
        bool validated = Values.Keys.Any(key => key.StartsWith("val_", StringComparison.Ordinal));
        return name.StartsWith("val_", StringComparison.Ordinal) && !validated
            ? " (validation values need FitOptions.ValidationSplit or a validation set)"
            : " (a metric is measured only when FitOptions.Metrics lists it)";
    }
}
