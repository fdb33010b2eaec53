using System;
using System.Collections.Generic;
using System.Linq;

namespace GenNN.Training;

/// <summary>
/// PyTorch's <c>SequentialLR</c>: one schedule after another, each taking over at its milestone epoch and starting
/// afresh there from the base rate (the usual way to put a warmup before cosine annealing or step decay).
/// </summary>
public sealed class SequentialSchedule : LearningRateSchedule
{
    private readonly LearningRateSchedule[] _schedules;
    private readonly int[] _milestones;
    private readonly string? _monitor;

    /// <summary>Runs <paramref name="schedules"/>[0] until <paramref name="milestones"/>[0], then the next, and so on.</summary>
    /// <exception cref="ArgumentException">There is not exactly one milestone fewer than schedules, the milestones are not strictly increasing positive epochs, or two schedules monitor different metrics.</exception>
    public SequentialSchedule(IEnumerable<LearningRateSchedule> schedules, IEnumerable<int> milestones)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(milestones);
        _schedules = schedules.ToArray();
        _milestones = milestones.ToArray();
        if (_schedules.Length == 0 || _milestones.Length != _schedules.Length - 1)
        {
            throw new ArgumentException($"SequentialSchedule needs one milestone fewer than schedules; got {_schedules.Length} schedules and {_milestones.Length} milestones.", nameof(milestones));
        }

        for (int i = 0; i < _milestones.Length; i++)
        {
            if (_milestones[i] <= (i == 0 ? 0 : _milestones[i - 1]))
            {
                throw new ArgumentException("Milestones must be strictly increasing epochs ≥ 1.", nameof(milestones));
            }
        }

        string[] monitors = _schedules.Select(schedule => schedule.Monitor).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        if (monitors.Length > 1)
        {
            throw new ArgumentException($"The schedules monitor different metrics ({string.Join(", ", monitors)}); a fit can feed only one.", nameof(schedules));
        }

        _monitor = monitors.FirstOrDefault();
    }

    /// <summary>The schedules, in order.</summary>
    public IReadOnlyList<LearningRateSchedule> Schedules => _schedules;

    /// <summary>The epochs at which each schedule after the first takes over.</summary>
    public IReadOnlyList<int> Milestones => _milestones;

    /// <inheritdoc/>
    public override string? Monitor => _monitor;

    /// <inheritdoc/>
    protected override double ComputeLearningRate(int epoch, double currentLearningRate, double monitoredValue)
    {
        int active = 0;
        while (active < _milestones.Length && _milestones[active] <= epoch)
        {
            active++;
        }

        LearningRateSchedule schedule = _schedules[active];
        if (epoch == 0 || (active > 0 && _milestones[active - 1] == epoch))
        {
            schedule.Start(BaseLearningRate);
        }
        else
        {
            schedule.Step(monitoredValue);
        }

        return schedule.LearningRate;
    }

    /// <inheritdoc/>
    internal override void ResolveDirection(bool higherIsBetter)
    {
        foreach (LearningRateSchedule schedule in _schedules)
        {
            schedule.ResolveDirection(higherIsBetter);
        }
    }
}
