using System;

namespace GenNN.Training;

/// <summary>
/// A learning rate that changes from epoch to epoch, stepped like PyTorch's <c>torch.optim.lr_scheduler</c>:
/// <see cref="Start"/> sets the rate of the first epoch, and each <see cref="Step(double?)"/> at the end of an
/// epoch sets the next one. The fit loop does both; call them yourself to drive a custom loop. Derive from it for a
/// schedule of your own: override <see cref="ComputeLearningRate"/>.
/// </summary>
public abstract class LearningRateSchedule
{
    private bool _started;

    /// <summary>The optimizer's learning rate the schedule scales (PyTorch's <c>base_lrs</c>).</summary>
    public double BaseLearningRate { get; private set; }

    /// <summary>The learning rate for the current epoch.</summary>
    public double LearningRate { get; private set; }

    /// <summary>The current epoch, counted from 0 (PyTorch's <c>last_epoch</c>): the number of <see cref="Step(double?)"/> calls since <see cref="Start"/>.</summary>
    public int Epoch { get; private set; }

    /// <summary>
    /// The metric whose end-of-epoch value <see cref="Step(double?)"/> needs (<c>"val_loss"</c>, <c>"accuracy"</c>, ...),
    /// or <see langword="null"/> when the schedule depends on the epoch alone.
    /// </summary>
    public virtual string? Monitor => null;

    /// <summary>
    /// A linear warmup from <c>startFactor · base</c> up to the base rate over <paramref name="epochs"/> epochs, then
    /// <paramref name="then"/> (started afresh at that epoch) or the base rate: PyTorch's
    /// <c>SequentialLR([LinearLR(opt, start_factor, 1.0, epochs), then], milestones=[epochs])</c>.
    /// </summary>
    /// <param name="epochs">The warmup's length in epochs.</param>
    /// <param name="startFactor">The fraction of the base rate at epoch 0, in (0, 1].</param>
    /// <param name="then">The schedule after the warmup, or <see langword="null"/> to stay at the base rate.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> is not positive or <paramref name="startFactor"/> not in (0, 1].</exception>
    public static LearningRateSchedule LinearWarmup(int epochs, double startFactor, LearningRateSchedule? then = null)
    {
        var warmup = new LinearSchedule(startFactor, endFactor: 1, totalEpochs: epochs);
        return then is null ? warmup : new SequentialSchedule([warmup, then], [epochs]);
    }

    /// <summary>Begins at epoch 0 with the optimizer's <paramref name="baseLearningRate"/>, forgetting any earlier run.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is negative or not finite.</exception>
    public void Start(double baseLearningRate)
    {
        if (!double.IsFinite(baseLearningRate) || baseLearningRate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(baseLearningRate), baseLearningRate, "The learning rate must be finite and non-negative.");
        }

        BaseLearningRate = baseLearningRate;
        Epoch = 0;
        _started = true;
        Reset();
        LearningRate = ComputeLearningRate(0, baseLearningRate, double.NaN);
    }

    /// <summary>Ends an epoch: moves to the next and computes its learning rate.</summary>
    /// <param name="monitoredValue">
    /// The end-of-epoch value of <see cref="Monitor"/>; schedules without a monitor ignore it. NaN is a value (a metric
    /// that divided 0 by 0), which a plateau schedule counts as no improvement, as PyTorch does.
    /// </param>
    /// <exception cref="InvalidOperationException"><see cref="Start"/> was not called.</exception>
    /// <exception cref="ArgumentException">The schedule monitors a metric and <paramref name="monitoredValue"/> is missing.</exception>
    public void Step(double? monitoredValue = null)
    {
        if (!_started)
        {
            throw new InvalidOperationException("Call Start(baseLearningRate) before stepping a learning-rate schedule.");
        }

        if (Monitor is not null && monitoredValue is null)
        {
            throw new ArgumentException($"This schedule needs the value of '{Monitor}' at each step.", nameof(monitoredValue));
        }

        Epoch++;
        LearningRate = ComputeLearningRate(Epoch, LearningRate, monitoredValue ?? double.NaN);
    }

    /// <summary>
    /// The learning rate of <paramref name="epoch"/> (0 when called from <see cref="Start"/>), relative to
    /// <see cref="BaseLearningRate"/> for closed-form schedules, or to <paramref name="currentLearningRate"/> for
    /// adaptive ones.
    /// </summary>
    /// <param name="epoch">The epoch starting now, from 0.</param>
    /// <param name="currentLearningRate">The previous epoch's rate (the base rate for epoch 0).</param>
    /// <param name="monitoredValue">The value of <see cref="Monitor"/> at the end of the previous epoch (NaN for epoch 0 or without a monitor; NaN may also be the metric's value).</param>
    protected abstract double ComputeLearningRate(int epoch, double currentLearningRate, double monitoredValue);

    /// <summary>Clears whatever state an adaptive schedule keeps; called by <see cref="Start"/>.</summary>
    protected virtual void Reset()
    {
    }

    /// <summary>Tells a monitoring schedule whether larger values of its metric are better (the fit loop knows).</summary>
    internal virtual void ResolveDirection(bool higherIsBetter)
    {
    }
}
