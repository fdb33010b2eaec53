namespace GenNN.Training;

/// <summary>
/// Stops training when <see cref="Monitor"/> has not improved by more than <see cref="MinDelta"/> for
/// <see cref="Patience"/> epochs in a row (Keras's <c>EarlyStopping</c>), and by default puts back the weights of the
/// best epoch when training ends.
/// </summary>
public sealed record EarlyStopping
{
    /// <summary>The metric to watch: <c>"val_loss"</c> (default), <c>"loss"</c>, <c>"val_accuracy"</c>, or any metric's name with or without <c>val_</c>.</summary>
    public string Monitor { get; init; } = "val_loss";

    /// <summary>Whether the metric should go down or up; <see cref="MonitorMode.Auto"/> asks the metric.</summary>
    public MonitorMode Mode { get; init; } = MonitorMode.Auto;

    /// <summary>Epochs without improvement to tolerate before stopping.</summary>
    public int Patience { get; init; } = 10;

    /// <summary>The smallest change that counts as an improvement (absolute).</summary>
    public double MinDelta { get; init; }

    /// <summary>
    /// Whether the network ends with the weights of the best epoch rather than the last (Keras's
    /// <c>restore_best_weights</c>, here on by default: the last epochs before a stop are by definition not the best).
    /// </summary>
    public bool RestoreBestWeights { get; init; } = true;
}
