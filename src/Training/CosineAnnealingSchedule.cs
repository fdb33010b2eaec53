using System;

namespace GenNN.Training;

/// <summary>
/// PyTorch's <c>CosineAnnealingLR</c> (its closed form): <c>lr = η_min + (base − η_min)(1 + cos(π·epoch / T_max)) / 2</c>,
/// from the base rate at epoch 0 down to <see cref="MinimumLearningRate"/> at epoch <see cref="Period"/>, and back up
/// again after it, as in PyTorch.
/// </summary>
public sealed class CosineAnnealingSchedule : LearningRateSchedule
{
    /// <summary>Anneals over <paramref name="period"/> epochs to <paramref name="minimumLearningRate"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not positive, or <paramref name="minimumLearningRate"/> is negative or not finite.</exception>
    public CosineAnnealingSchedule(int period, double minimumLearningRate = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        ScheduleArguments.RequireFactor(minimumLearningRate, nameof(minimumLearningRate));
        Period = period;
        MinimumLearningRate = minimumLearningRate;
    }

    /// <summary><c>T_max</c>: the epochs from the base rate to the minimum (usually the number of epochs).</summary>
    public int Period { get; }

    /// <summary><c>eta_min</c>: the rate at the bottom of the curve.</summary>
    public double MinimumLearningRate { get; }

    /// <inheritdoc/>
    protected override double ComputeLearningRate(int epoch, double currentLearningRate, double monitoredValue)
        => MinimumLearningRate + ((BaseLearningRate - MinimumLearningRate) * (1 + Math.Cos(Math.PI * epoch / Period)) / 2);
}
