using System;

namespace GenNN.Training;

/// <summary>PyTorch's <c>ExponentialLR</c>: <c>lr = base · γ^epoch</c>.</summary>
public sealed class ExponentialSchedule : LearningRateSchedule
{
    /// <summary>Decays by <paramref name="gamma"/> every epoch.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gamma"/> is negative or not finite.</exception>
    public ExponentialSchedule(double gamma)
    {
        ScheduleArguments.RequireFactor(gamma, nameof(gamma));
        Gamma = gamma;
    }

    /// <summary><c>gamma</c>: the decay factor per epoch.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    protected override double ComputeLearningRate(int epoch, double currentLearningRate, double monitoredValue)
        => BaseLearningRate * Math.Pow(Gamma, epoch);
}
