using System;
using System.Collections.Generic;
using GenNN.Training;
using Xunit;

namespace GenNN.Tests.Training;

/// <summary>Learning-rate schedules against values worked out by hand (base rate 1 unless said otherwise).</summary>
public sealed class ScheduleTests
{
    [Fact]
    public void Step_decays_every_step_size_epochs()
        => AssertRates(new StepSchedule(3, 0.1), 1, [1, 1, 1, 0.1, 0.1, 0.1, 0.01, 0.01]);

    [Fact]
    public void Multi_step_decays_at_each_milestone()
        => AssertRates(new MultiStepSchedule([2, 5], 0.5), 0.8, [0.8, 0.8, 0.4, 0.4, 0.4, 0.2, 0.2]);

    [Fact]
    public void Multi_step_milestones_given_out_of_order_are_sorted()
    {
        var schedule = new MultiStepSchedule([5, 2], 0.5);

        Assert.Equal([2, 5], schedule.Milestones);
        AssertRates(schedule, 0.8, [0.8, 0.8, 0.4, 0.4, 0.4, 0.2, 0.2]);
    }

    [Fact]
    public void Exponential_multiplies_every_epoch()
        => AssertRates(new ExponentialSchedule(0.5), 2, [2, 1, 0.5, 0.25, 0.125]);

    [Fact]
    public void Cosine_annealing_follows_half_a_cosine_to_the_minimum_and_back()
    {
        double quarter = (1 + Math.Cos(Math.PI / 4)) / 2; // 0.853553...
        AssertRates(new CosineAnnealingSchedule(4, 0.1), 1.1, [1.1, 0.1 + quarter, 0.6, 0.1 + (1 - quarter), 0.1, 0.1 + (1 - quarter), 0.6]);
    }

    [Fact]
    public void Linear_warmup_rises_to_the_base_rate_then_stays()
        => AssertRates(LearningRateSchedule.LinearWarmup(4, 0.25), 1, [0.25, 0.4375, 0.625, 0.8125, 1, 1, 1]);

    [Fact]
    public void Linear_warmup_hands_over_to_the_next_schedule_which_starts_afresh()
        => AssertRates(LearningRateSchedule.LinearWarmup(2, 0.5, new StepSchedule(2, 0.1)), 1, [0.5, 0.75, 1, 1, 0.1, 0.1, 0.01]);

    [Fact]
    public void Reduce_on_plateau_waits_out_the_patience_then_cooldown()
    {
        var schedule = new ReduceOnPlateauSchedule(factor: 0.5, patience: 1, threshold: 0.1, cooldown: 1, minimumLearningRate: 0.2);
        schedule.Start(1);
        // Improvements need < best·0.9. Epoch values: 10 (best), 9.5 (bad 1), 9.2 (bad 2 > patience: halve, cooldown 1),
        // 9.1 (cooldown: bad count reset), 9.0 (bad 1), 8.0 (better), 8 (bad 1), 8 (bad 2: halve to 0.25), ...
        double[] metric = [10, 9.5, 9.2, 9.1, 9.0, 8.0, 8, 8, 8, 8, 8];
        double[] expected = [1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.2];
        for (int epoch = 0; epoch < metric.Length; epoch++)
        {
            schedule.Step(metric[epoch]);
            Assert.Equal(expected[epoch], schedule.LearningRate, 15);
        }
    }

    [Fact]
    public void Reduce_on_plateau_in_max_mode_waits_for_increases()
    {
        var schedule = new ReduceOnPlateauSchedule("val_accuracy", MonitorMode.Max, factor: 0.1, patience: 0, threshold: 0, thresholdMode: ThresholdMode.Absolute);
        schedule.Start(1);
        schedule.Step(0.5);
        schedule.Step(0.6);
        Assert.Equal(1, schedule.LearningRate);
        schedule.Step(0.6);
        Assert.Equal(0.1, schedule.LearningRate, 15);
        Assert.Equal(0.6, schedule.Best);
    }

    [Fact]
    public void Reduce_on_plateau_counts_a_nan_value_as_a_bad_epoch()
    {
        // PyTorch: every comparison with NaN is false, so NaN is no improvement; a NaN is a value, not a missing one.
        var schedule = new ReduceOnPlateauSchedule(factor: 0.5, patience: 1);
        schedule.Start(1);
        schedule.Step(1.0);
        schedule.Step(double.NaN);
        Assert.Equal(1, schedule.LearningRate);
        schedule.Step(double.NaN);
        Assert.Equal(0.5, schedule.LearningRate);
        Assert.Equal(1.0, schedule.Best);
    }

    [Fact]
    public void Start_restarts_a_schedule()
    {
        var schedule = new ExponentialSchedule(0.5);
        schedule.Start(1);
        schedule.Step();
        schedule.Start(4);
        Assert.Equal(0, schedule.Epoch);
        Assert.Equal(4, schedule.LearningRate);
    }

    [Fact]
    public void Misuse_is_reported()
    {
        Assert.Throws<InvalidOperationException>(() => new StepSchedule(1).Step());
        var plateau = new ReduceOnPlateauSchedule();
        plateau.Start(1);
        Assert.Contains("val_loss", Assert.Throws<ArgumentException>(() => plateau.Step()).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepSchedule(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialSchedule(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearSchedule(startFactor: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceOnPlateauSchedule(factor: 1));
        Assert.Throws<ArgumentException>(() => new SequentialSchedule([new StepSchedule(1), new StepSchedule(2)], []));
        Assert.Throws<ArgumentException>(() => new SequentialSchedule([new StepSchedule(1), new StepSchedule(2), new StepSchedule(3)], [4, 4]));
        Assert.Throws<ArgumentException>(() => new SequentialSchedule([new ReduceOnPlateauSchedule("loss"), new ReduceOnPlateauSchedule("val_loss")], [3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepSchedule(1).Start(double.NaN));
    }

    private static void AssertRates(LearningRateSchedule schedule, double baseRate, IReadOnlyList<double> expected)
    {
        schedule.Start(baseRate);
        for (int epoch = 0; epoch < expected.Count; epoch++)
        {
            Assert.True(Math.Abs(expected[epoch] - schedule.LearningRate) <= 1e-15, $"epoch {epoch}: expected {expected[epoch]}, got {schedule.LearningRate}");
            schedule.Step();
        }
    }
}
