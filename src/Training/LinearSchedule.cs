using System;

namespace GenNN.Training;

/// <summary>
/// PyTorch's <c>LinearLR</c>: the rate moves linearly from <c>base · start_factor</c> to <c>base · end_factor</c> over
/// <see cref="TotalEpochs"/> epochs, then stays there. With an end factor of 1 it is a linear warmup; see
/// <see cref="LearningRateSchedule.LinearWarmup"/> to follow it with another schedule.
/// </summary>
public sealed class LinearSchedule : LearningRateSchedule
{
    /// <summary>Moves from <paramref name="startFactor"/> to <paramref name="endFactor"/> of the base rate over <paramref name="totalEpochs"/> epochs (PyTorch's defaults: 1/3, 1, 5).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="startFactor"/> is not in (0, 1], <paramref name="endFactor"/> not in [0, 1], or <paramref name="totalEpochs"/> not positive.</exception>
    public LinearSchedule(double startFactor = 1.0 / 3, double endFactor = 1.0, int totalEpochs = 5)
    {
        if (!(startFactor > 0 && startFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "The start factor must be in (0, 1], as in torch.optim.lr_scheduler.LinearLR.");
        }

        if (!(endFactor >= 0 && endFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(endFactor), endFactor, "The end factor must be in [0, 1], as in torch.optim.lr_scheduler.LinearLR.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalEpochs);
        StartFactor = startFactor;
        EndFactor = endFactor;
        TotalEpochs = totalEpochs;
    }

    /// <summary><c>start_factor</c>: the fraction of the base rate at epoch 0.</summary>
    public double StartFactor { get; }

    /// <summary><c>end_factor</c>: the fraction of the base rate from epoch <see cref="TotalEpochs"/> on.</summary>
    public double EndFactor { get; }

    /// <summary><c>total_iters</c>: the epochs the change takes.</summary>
    public int TotalEpochs { get; }

    /// <inheritdoc/>
    protected override double ComputeLearningRate(int epoch, double currentLearningRate, double monitoredValue)
        => BaseLearningRate * (StartFactor + ((EndFactor - StartFactor) * Math.Min(epoch, TotalEpochs) / TotalEpochs));
}
