using System;

namespace GenNN.Training;

/// <summary>
/// PyTorch's <c>ReduceLROnPlateau</c>: when <see cref="Monitor"/> has not improved by more than
/// <see cref="Threshold"/> for more than <see cref="Patience"/> epochs, the rate is multiplied by
/// <see cref="Factor"/> (not below <see cref="MinimumLearningRate"/>), then <see cref="Cooldown"/> epochs pass
/// before bad epochs count again. A NaN value is a bad epoch, as in PyTorch (every comparison with it is false).
/// </summary>
public sealed class ReduceOnPlateauSchedule : LearningRateSchedule
{
    private readonly string _monitor;
    private bool _maximize;
    private double _best;
    private int _badEpochs;
    private int _cooldownLeft;

    /// <summary>Reduces the rate when <paramref name="monitor"/> stops improving; the defaults are PyTorch's.</summary>
    /// <param name="monitor">The metric to watch: <c>"val_loss"</c> (default), <c>"loss"</c>, <c>"val_accuracy"</c>, ...</param>
    /// <param name="mode">Whether the metric should go down or up; <see cref="MonitorMode.Auto"/> asks the metric (the fit loop knows it; stepped by hand, Auto means down).</param>
    /// <param name="factor"><c>factor</c>: the multiplier on a plateau, in [0, 1).</param>
    /// <param name="patience"><c>patience</c>: bad epochs tolerated before reducing.</param>
    /// <param name="threshold"><c>threshold</c>: the smallest change that counts as an improvement.</param>
    /// <param name="thresholdMode"><c>threshold_mode</c>.</param>
    /// <param name="cooldown"><c>cooldown</c>: epochs to wait after a reduction before counting bad epochs again.</param>
    /// <param name="minimumLearningRate"><c>min_lr</c>.</param>
    /// <param name="epsilon"><c>eps</c>: reductions smaller than this are skipped.</param>
    /// <exception cref="ArgumentException">An argument is out of range.</exception>
    public ReduceOnPlateauSchedule(
        string monitor = "val_loss",
        MonitorMode mode = MonitorMode.Auto,
        double factor = 0.1,
        int patience = 10,
        double threshold = 1e-4,
        ThresholdMode thresholdMode = ThresholdMode.Relative,
        int cooldown = 0,
        double minimumLearningRate = 0,
        double epsilon = 1e-8)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        if (!(factor >= 0 && factor < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The factor must be in [0, 1), as in torch.optim.lr_scheduler.ReduceLROnPlateau.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(cooldown);
        ScheduleArguments.RequireFactor(threshold, nameof(threshold));
        ScheduleArguments.RequireFactor(minimumLearningRate, nameof(minimumLearningRate));
        ScheduleArguments.RequireFactor(epsilon, nameof(epsilon));
        _monitor = monitor;
        Mode = mode;
        _maximize = mode == MonitorMode.Max;
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
        ThresholdMode = thresholdMode;
        Cooldown = cooldown;
        MinimumLearningRate = minimumLearningRate;
        Epsilon = epsilon;
    }

    /// <inheritdoc/>
    public override string Monitor => _monitor;

    /// <summary><c>mode</c>: whether the metric should go down or up.</summary>
    public MonitorMode Mode { get; }

    /// <summary><c>factor</c>.</summary>
    public double Factor { get; }

    /// <summary><c>patience</c>.</summary>
    public int Patience { get; }

    /// <summary><c>threshold</c>.</summary>
    public double Threshold { get; }

    /// <summary><c>threshold_mode</c>.</summary>
    public ThresholdMode ThresholdMode { get; }

    /// <summary><c>cooldown</c>.</summary>
    public int Cooldown { get; }

    /// <summary><c>min_lr</c>.</summary>
    public double MinimumLearningRate { get; }

    /// <summary><c>eps</c>.</summary>
    public double Epsilon { get; }

    /// <summary>The best value of the metric so far (PyTorch's <c>best</c>).</summary>
    public double Best => _best;

    /// <inheritdoc/>
    protected override void Reset()
    {
        _best = _maximize ? double.NegativeInfinity : double.PositiveInfinity;
        _badEpochs = 0;
        _cooldownLeft = 0;
    }

    /// <inheritdoc/>
    protected override double ComputeLearningRate(int epoch, double currentLearningRate, double monitoredValue)
    {
        if (epoch == 0)
        {
            return BaseLearningRate;
        }

        if (IsBetter(monitoredValue))
        {
            _best = monitoredValue;
            _badEpochs = 0;
        }
        else
        {
            _badEpochs++;
        }

        if (_cooldownLeft > 0)
        {
            _cooldownLeft--;
            _badEpochs = 0;
        }

        if (_badEpochs <= Patience)
        {
            return currentLearningRate;
        }

        _cooldownLeft = Cooldown;
        _badEpochs = 0;
        double reduced = Math.Max(currentLearningRate * Factor, MinimumLearningRate);
        return currentLearningRate - reduced > Epsilon ? reduced : currentLearningRate;
    }

    /// <inheritdoc/>
    internal override void ResolveDirection(bool higherIsBetter)
    {
        if (Mode == MonitorMode.Auto)
        {
            _maximize = higherIsBetter;
        }
    }

    private bool IsBetter(double value) => (_maximize, ThresholdMode) switch
    {
        (false, ThresholdMode.Relative) => value < _best * (1 - Threshold),
        (false, _) => value < _best - Threshold,
        (true, ThresholdMode.Relative) => value > _best * (1 + Threshold),
        (true, _) => value > _best + Threshold,
    };
}
