using System;
using System.Collections.Generic;
using System.Linq;

namespace GenNN.Training;

/// <summary>
/// PyTorch's <c>MultiStepLR</c>: the rate is multiplied by <see cref="Gamma"/> at each milestone epoch,
/// <c>lr = base · γ^(number of milestones ≤ epoch)</c>.
/// </summary>
public sealed class MultiStepSchedule : LearningRateSchedule
{
    private readonly int[] _milestones;

    /// <summary>Decays by <paramref name="gamma"/> when the epoch reaches each of <paramref name="milestones"/>.</summary>
    /// <exception cref="ArgumentException">A milestone is not positive, or <paramref name="gamma"/> is negative or not finite.</exception>
    public MultiStepSchedule(IEnumerable<int> milestones, double gamma = 0.1)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        ScheduleArguments.RequireFactor(gamma, nameof(gamma));
        _milestones = milestones.Order().ToArray();
        if (_milestones.Length > 0 && _milestones[0] <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(milestones), _milestones[0], "Milestones are epochs ≥ 1.");
        }

        Gamma = gamma;
    }

    /// <summary><c>milestones</c>, in increasing order; a repeated milestone decays twice, as in PyTorch.</summary>
    public IReadOnlyList<int> Milestones => _milestones;

    /// <summary><c>gamma</c>: the decay factor.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    protected override double ComputeLearningRate(int epoch, double currentLearningRate, double monitoredValue)
    {
        int passed = 0;
        while (passed < _milestones.Length && _milestones[passed] <= epoch)
        {
            passed++;
        }

        return BaseLearningRate * Math.Pow(Gamma, passed);
    }
}
