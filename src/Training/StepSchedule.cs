using System;

namespace GenNN.Training;

/// <summary>
/// PyTorch's <c>StepLR</c>: the rate is multiplied by <see cref="Gamma"/> every <see cref="StepSize"/> epochs,
/// <c>lr = base · γ^⌊epoch / step_size⌋</c>.
/// </summary>
public sealed class StepSchedule : LearningRateSchedule
{
    /// <summary>Decays by <paramref name="gamma"/> every <paramref name="stepSize"/> epochs.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepSize"/> is not positive, or <paramref name="gamma"/> is negative or not finite.</exception>
    public StepSchedule(int stepSize, double gamma = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSize);
        ScheduleArguments.RequireFactor(gamma, nameof(gamma));
        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary><c>step_size</c>: epochs between decays.</summary>
    public int StepSize { get; }

    /// <summary><c>gamma</c>: the decay factor.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    protected override double ComputeLearningRate(int epoch, double currentLearningRate, double monitoredValue)
        => BaseLearningRate * Math.Pow(Gamma, epoch / StepSize);
}
