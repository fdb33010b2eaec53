using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GenNN.Data;
using GenNN.Training;
using Xunit;

namespace GenNN.Tests.Training;

/// <summary>The fit loop's bookkeeping: batches, validation, metrics, history, early stopping, schedules, cancellation.</summary>
public sealed class FitLoopTests
{
    private static readonly TwoSpirals Data = TwoSpirals.Generate(200, seed: 4);

    [Fact]
    public void Reports_loss_validation_and_metrics_for_every_epoch()
    {
        var network = new SpiralClassifier();
        var progress = new RecordingProgress<float>(network);
        var trainer = new Trainer<float>(network, new FitOptions
        {
            Epochs = 3,
            BatchSize = 64,
            ValidationSplit = 0.25,
            Metrics = [Metric.Accuracy],
            Schedule = new ExponentialSchedule(0.5),
            Optimizer = OptimizerOptions.For(OptimizerKind.Adam) with { LearningRate = 0.02 },
            Progress = progress,
        });

        TrainingHistory history = trainer.Fit(Data.Inputs, Data.Targets);

        // Keras's split: the last 25 % (before shuffling) validate; 300 samples train in batches of 64, 64, 64, 64, 44.
        Assert.Equal(new FitStart(3, 5, 300, 100, trainer.DegreeOfParallelism, trainer.Optimizer.Options), progress.Start);
        Assert.Equal(15, progress.Batches.Count);
        Assert.Equal(new BatchProgress(2, 3, 5, 5, progress.Batches[9].RunningLoss, 0.01), progress.Batches[9]);
        Assert.Equal(StopReason.Completed, history.StopReason);
        Assert.Equal([1, 2, 3], history.Epochs.Select(epoch => epoch.Epoch));
        Assert.Equal([0.02, 0.01, 0.005], history.Epochs.Select(epoch => epoch.LearningRate));
        Assert.Equal(["accuracy", "loss", "val_accuracy", "val_loss"], history.Last.Values.Keys.Order());
        Assert.Equal(15, trainer.Optimizer.StepCount);

        // Training saw the first 300 samples only: the documented loop on them gives the same losses and weights.
        (float[] expectedParameters, double[] expectedLosses) = DocumentedFitLoop.Run(
            new SpiralClassifier(), Data.Inputs[..600], Data.Targets[..600], trainer.Options with { ValidationSplit = 0, Progress = null });
        Assert.Equal(expectedLosses, history["loss"]);
        Assert.Equal(expectedParameters, network.Parameters.ToArray());

        // Validation values are exactly what Evaluate measures on the held-out tail.
        var validation = trainer.Evaluate(Data.Inputs.AsMemory(600), Data.Targets.AsMemory(600));
        Assert.Equal(validation["loss"], history.Last.ValidationLoss);
        Assert.Equal(validation["accuracy"], history.Last["val_accuracy"]);
        Assert.Equal(ManualAccuracy(network, 300, 400), history.Last["val_accuracy"]);
        Assert.Equal(ManualAccuracy(network, 0, 300), history.Last["accuracy"]);
        double meanLoss = Enumerable.Range(300, 100).Average(i => (double)network.ComputeLoss(Data.Inputs.AsSpan(2 * i, 2), Data.Targets.AsSpan(2 * i, 2)));
        // The validation pass sums a chunk's losses in the network's own precision (EvaluateBatch, float here), so it
        // agrees with the per-sample sum in double to float rounding.
        Assert.Equal(meanLoss, history.Last.ValidationLoss!.Value, 1e-6 * meanLoss);
    }

    [Fact]
    public void A_value_never_measured_is_named_with_those_that_were()
    {
        var network = new SpiralClassifier();
        TrainingHistory history = network.Fit(Data.Inputs, Data.Targets, new FitOptions { Epochs = 1, BatchSize = 64, Metrics = [Metric.Accuracy] });

        KeyNotFoundException missing = Assert.Throws<KeyNotFoundException>(() => history["val_accuracy"]);
        Assert.Equal(
            "Epoch 1 measured no 'val_accuracy'; it measured 'loss', 'accuracy' (validation values need FitOptions.ValidationSplit or a validation set).",
            missing.Message);
        Assert.EndsWith("measured no 'acc'; it measured 'loss', 'accuracy' (a metric is measured only when FitOptions.Metrics lists it).", Assert.Throws<KeyNotFoundException>(() => history.Last["acc"]).Message);
        TrainingHistory validated = network.Fit(Data.Inputs, Data.Targets, new FitOptions { Epochs = 1, BatchSize = 64, ValidationSplit = 0.25 });
        Assert.EndsWith(
            "measured no 'val_accuracy'; it measured 'loss', 'val_loss' (a metric is measured only when FitOptions.Metrics lists it).",
            Assert.Throws<KeyNotFoundException>(() => validated.Last["val_accuracy"]).Message);
    }

    [Fact]
    public void A_batch_as_large_as_an_int_holds_the_whole_training_set()
    {
        // The batches per epoch were counted in 32 bits: int.MaxValue overflowed to no batch at all, and a loss of 0.
        var network = new SpiralClassifier();
        float[] before = network.Parameters.ToArray();

        TrainingHistory history = network.Fit(Data.Inputs, Data.Targets, new FitOptions { Epochs = 1, BatchSize = int.MaxValue });

        Assert.True(history.Last.Loss > 0, $"loss {history.Last.Loss}");
        Assert.NotEqual(before, network.Parameters.ToArray());
    }

    [Fact]
    public void Absurd_chunk_and_thread_counts_are_a_cap_or_a_clear_error_not_an_allocation()
    {
        // ChunksPerBatch = int.MaxValue allocated that many gradient buffers before the first batch (out of memory); a
        // minibatch of 32 is cut into two chunks whatever the cap, so two buffers serve, and the result is the same.
        var capped = new SpiralClassifier();
        var eight = new SpiralClassifier();
        capped.Fit(Data.Inputs, Data.Targets, new FitOptions { Epochs = 1, ChunksPerBatch = int.MaxValue });
        eight.Fit(Data.Inputs, Data.Targets, new FitOptions { Epochs = 1 });
        Assert.Equal(eight.Parameters.ToArray(), capped.Parameters.ToArray());

        // Nor do both at int.MaxValue: the buffers follow the batches this fit's data makes.
        var both = new SpiralClassifier();
        both.Fit(Data.Inputs, Data.Targets, new FitOptions { Epochs = 1, BatchSize = int.MaxValue, ChunksPerBatch = int.MaxValue });

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer<float>(new SpiralClassifier(), new FitOptions { DegreeOfParallelism = int.MaxValue }));
        Assert.Equal("options.DegreeOfParallelism", error.ParamName);
    }

    [Fact]
    public void Custom_metrics_score_every_sample()
    {
        var network = new SpiralClassifier();
        Metric meanAbsoluteError = Metric.FromSamples("mae", (output, target) => Math.Abs(output[0] - target[0]));
        TrainingHistory history = network.Fit(Data.Inputs, Data.Targets, new FitOptions { Metrics = [meanAbsoluteError], TrainingSetMetrics = true });

        float[] output = new float[2];
        double expected = Enumerable.Range(0, 400).Average(i =>
        {
            network.Forward(Data.Inputs.AsSpan(2 * i, 2), output);
            return Math.Abs((double)output[0] - Data.Targets[2 * i]);
        });
        // Evaluation runs ForwardBatch, whose blocked sums may differ from Forward's in the last float bits.
        Assert.Equal(expected, history.Last["mae"], 6);
    }

    [Fact]
    public void Early_stopping_stops_after_the_patience_and_restores_the_best_weights()
    {
        var network = new SpiralClassifier();
        var progress = new RecordingProgress<float>(network);
        TrainingHistory history = network.Fit(Data.Inputs, Data.Targets, new FitOptions
        {
            Epochs = 20,
            Metrics = [new ScriptedMetric(higherIsBetter: false, 5, 4, 3, 3.5, 3, 3.2, 1, 1)],
            EarlyStopping = new EarlyStopping { Monitor = "scripted", Patience = 3 },
            Progress = progress,
        });

        // Epoch 3 is best; 4, 5 (equal is no improvement) and 6 are not: stop after 6, back to epoch 3's weights.
        Assert.Equal(StopReason.EarlyStopping, history.StopReason);
        Assert.Equal(6, history.Epochs.Count);
        Assert.Equal(3, history.BestEpoch);
        Assert.True(history.RestoredBestWeights);
        Assert.Equal(progress.ParametersAfterEpoch[2], network.Parameters.ToArray());
        Assert.Same(history, progress.Completed);
    }

    [Fact]
    public void Restoring_the_best_weights_restores_the_running_statistics_of_that_epoch_too()
    {
        var network = new NormalizedSpiralClassifier();
        var progress = new RecordingProgress<float>(network);
        TrainingHistory history = network.Fit(Data.Inputs, Data.Targets, new FitOptions
        {
            Epochs = 20,
            BatchSize = 64,
            Metrics = [new ScriptedMetric(higherIsBetter: false, 5, 4, 3, 3.5, 3.5, 3.5)],
            EarlyStopping = new EarlyStopping { Monitor = "scripted", Patience = 3 },
            Progress = progress,
        });

        Assert.Equal(3, history.BestEpoch);
        Assert.True(history.RestoredBestWeights);
        Assert.NotEqual(progress.BuffersAfterEpoch[2], progress.BuffersAfterEpoch[^1]);
        Assert.Equal(progress.ParametersAfterEpoch[2], network.Parameters.ToArray());
        Assert.Equal(progress.BuffersAfterEpoch[2], network.Buffers.ToArray());
    }

    [Fact]
    public void A_best_epoch_that_is_the_last_restores_nothing()
    {
        var network = new SpiralClassifier();
        TrainingHistory history = network.Fit(Data.Inputs, Data.Targets, new FitOptions
        {
            Epochs = 3,
            Metrics = [new ScriptedMetric(higherIsBetter: false, 5, 4, 3)],
            EarlyStopping = new EarlyStopping { Monitor = "scripted", Patience = 3 },
        });

        Assert.Equal(StopReason.Completed, history.StopReason);
        Assert.Equal(3, history.BestEpoch);
        Assert.False(history.RestoredBestWeights);
    }

    [Fact]
    public void Min_delta_also_demands_a_real_improvement_when_lower_is_better()
    {
        var network = new SpiralClassifier();
        TrainingHistory history = network.Fit(Data.Inputs, Data.Targets, new FitOptions
        {
            Epochs = 20,
            Metrics = [new ScriptedMetric(higherIsBetter: false, 1.0, 0.95, 0.92, 0.9)],
            EarlyStopping = new EarlyStopping { Monitor = "scripted", Patience = 1, MinDelta = 0.1, RestoreBestWeights = false },
        });

        // 0.95 is lower than 1.0 but not by more than 0.1: a bad epoch, and with patience 1 the last.
        Assert.Equal(2, history.Epochs.Count);
        Assert.Equal(1, history.BestEpoch);
    }

    [Fact]
    public void The_validation_split_rounds_the_training_part_down_as_keras_does()
    {
        var network = new SpiralClassifier();
        var progress = new RecordingProgress<float>(network);

        network.Fit(Data.Inputs.AsSpan(0, 20).ToArray(), Data.Targets.AsSpan(0, 20).ToArray(), new FitOptions { Epochs = 1, ValidationSplit = 0.25, Progress = progress });

        Assert.Equal((7, 3), (progress.Start!.TrainingSamples, progress.Start.ValidationSamples));
    }

    [Fact]
    public void The_running_loss_is_per_sample_so_far_and_ends_at_the_epochs_loss()
    {
        var network = new SpiralClassifier();
        var progress = new RecordingProgress<float>(network);

        TrainingHistory history = network.Fit(Data.Inputs, Data.Targets, new FitOptions { Epochs = 1, BatchSize = 64, Progress = progress });

        Assert.True(progress.Batches.Count > 2);
        Assert.Equal(history.Last.Loss, progress.Batches[^1].RunningLoss, 12);
    }

    [Fact]
    public void A_plateau_schedule_inside_a_sequence_follows_its_metric_direction()
    {
        var network = new SpiralClassifier();
        TrainingHistory history = network.Fit(Data.Inputs, Data.Targets, new FitOptions
        {
            Epochs = 5,
            Optimizer = OptimizerOptions.For(OptimizerKind.Sgd) with { LearningRate = 0.1 },
            Metrics = [new ScriptedMetric(higherIsBetter: true, 0.5, 0.6, 0.7, 0.8, 0.9)],
            Schedule = new SequentialSchedule([new StepSchedule(100), new ReduceOnPlateauSchedule("scripted", patience: 0)], [1]),
        });

        // The metric rises every epoch, which is better for it: the rate never drops.
        Assert.All(history.Epochs, epoch => Assert.Equal(0.1, epoch.LearningRate));
    }

    [Fact]
    public void Accuracy_scores_each_sigmoid_output_of_a_multi_label_network_on_its_own()
    {
        var network = new MultiLabelNet();
        network.Parameters.Clear(); // both outputs σ(0) = 0.5, class 0 each

        IReadOnlyDictionary<string, double> values = network.Evaluate(new Dataset<float>([0.3f, -0.2f], 2, [1f, 0f], 2), [Metric.Accuracy]);

        Assert.Equal(0.5, values["accuracy"]);
    }

    [Fact]
    public void Early_stopping_follows_the_metric_direction_and_min_delta()
    {
        var network = new SpiralClassifier();
        TrainingHistory history = network.Fit(Data.Inputs, Data.Targets, new FitOptions
        {
            Epochs = 20,
            Metrics = [new ScriptedMetric(higherIsBetter: true, 0.5, 0.7, 0.75, 0.79, 0.95, 0.96, 0.97)],
            EarlyStopping = new EarlyStopping { Monitor = "scripted", Patience = 2, MinDelta = 0.1, RestoreBestWeights = false },
        });

        // Higher is better, by more than 0.1: epoch 2 improves, 3 and 4 do not (+0.05, +0.09): stop after 4.
        Assert.Equal(4, history.Epochs.Count);
        Assert.Equal(2, history.BestEpoch);
        Assert.False(history.RestoredBestWeights);
    }

    [Fact]
    public void Reduce_on_plateau_follows_the_monitored_metric()
    {
        var network = new SpiralClassifier();
        TrainingHistory history = network.Fit(Data.Inputs, Data.Targets, new FitOptions
        {
            Epochs = 5,
            Optimizer = OptimizerOptions.For(OptimizerKind.Sgd) with { LearningRate = 0.4 },
            Metrics = [new ScriptedMetric(higherIsBetter: true, 0.5, 0.4, 0.6, 0.6, 0.6)],
            Schedule = new ReduceOnPlateauSchedule("scripted", factor: 0.5, patience: 0),
        });

        // Auto mode takes "higher is better" from the metric; epochs 2 and 4 do not beat the best, so the rate halves after each.
        Assert.Equal([0.4, 0.4, 0.2, 0.2, 0.1], history.Epochs.Select(epoch => epoch.LearningRate));
    }

    [Fact]
    public void A_nan_metric_is_a_bad_epoch_for_reduce_on_plateau_not_a_failed_fit()
    {
        // A custom metric may divide 0 by 0 (precision before any positive prediction): PyTorch counts NaN as no improvement.
        var network = new SpiralClassifier();
        TrainingHistory history = network.Fit(Data.Inputs, Data.Targets, new FitOptions
        {
            Epochs = 4,
            Optimizer = OptimizerOptions.For(OptimizerKind.Sgd) with { LearningRate = 0.4 },
            Metrics = [new ScriptedMetric(higherIsBetter: false, 1, double.NaN, double.NaN, 0.5)],
            Schedule = new ReduceOnPlateauSchedule("scripted", factor: 0.5, patience: 1),
        });

        Assert.Equal([0.4, 0.4, 0.4, 0.2], history.Epochs.Select(epoch => epoch.LearningRate));
    }

    [Fact]
    public void Accuracy_counts_an_undecided_sigmoid_output_as_class_0_as_keras_does()
    {
        var network = new DeclaredSgdNet();
        network.Parameters.Clear();   // every output σ(0) = 0.5 exactly
        var trainer = new Trainer<double>(network, new FitOptions { Metrics = [Metric.Accuracy] });
        double[] inputs = [1, 2, 3, 4];
        Assert.Equal(1.0, trainer.Evaluate(inputs, new double[] { 0, 0, 0, 0 })["accuracy"]);
        Assert.Equal(0.5, trainer.Evaluate(inputs, new double[] { 0, 1, 0, 1 })["accuracy"]);
    }

    [Fact]
    public void Cancellation_stops_between_batches_keeping_the_last_batch()
    {
        var network = new SpiralClassifier();
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress<float>(network)
        {
            AfterBatch = batch =>
            {
                if (batch is { Epoch: 2, Batch: 3 })
                {
                    cancellation.Cancel();
                }
            },
        };

        Assert.ThrowsAny<OperationCanceledException>(() => network.Fit(Data.Inputs, Data.Targets, new FitOptions { Epochs = 5, Progress = progress }, cancellation.Token));

        Assert.Equal(13 + 3, progress.Batches.Count);
        Assert.Equal(progress.ParametersAfterBatch[^1], network.Parameters.ToArray());
        Assert.IsAssignableFrom<OperationCanceledException>(progress.Failure);
    }

    [Fact]
    public void The_declared_optimizer_is_the_default_and_options_override_it()
    {
        var declared = new Trainer<double>(new DeclaredSgdNet());
        Assert.Equal(OptimizerKind.Sgd, declared.Optimizer.Options.Kind);
        Assert.Equal(0.5, declared.Optimizer.Options.LearningRate);
        Assert.Equal(0.9, declared.Optimizer.Options.Momentum);

        var overridden = new Trainer<double>(new DeclaredSgdNet(), new FitOptions { Optimizer = OptimizerOptions.For(OptimizerKind.Adagrad) });
        Assert.Equal(OptimizerOptions.For(OptimizerKind.Adagrad), overridden.Optimizer.Options);
    }

    [Fact]
    public void An_optimizer_given_with_other_options_in_FitOptions_is_refused_and_the_same_options_are_accepted()
    {
        OptimizerOptions adam = OptimizerOptions.For(OptimizerKind.Adam) with { LearningRate = 0.02 };
        Optimizer<double> sgd = Optimizer<double>.Create(OptimizerOptions.For(OptimizerKind.Sgd), DeclaredSgdNet.ParameterCount);

        ArgumentException error = Assert.Throws<ArgumentException>(() => new Trainer<double>(new DeclaredSgdNet(), new FitOptions { Optimizer = adam }, sgd));

        Assert.Equal("optimizer", error.ParamName);
        Assert.Contains("FitOptions.Optimizer asks for OptimizerOptions { Kind = Adam, LearningRate = 0.02", error.Message);
        Assert.Contains("but the optimizer given was created with OptimizerOptions { Kind = Sgd, LearningRate = 0.001", error.Message);
        Optimizer<double> slowerAdam = Optimizer<double>.Create(OptimizerOptions.For(OptimizerKind.Adam), DeclaredSgdNet.ParameterCount);
        Assert.Throws<ArgumentException>(() => new Trainer<double>(new DeclaredSgdNet(), new FitOptions { Optimizer = adam }, slowerAdam)); // same kind, another rate
        Optimizer<double> restored = Optimizer<double>.Create(adam, DeclaredSgdNet.ParameterCount);
        Assert.Same(restored, new Trainer<double>(new DeclaredSgdNet(), new FitOptions { Optimizer = adam with { } }, restored).Optimizer);
    }

    [Fact]
    public void Early_stopping_on_a_training_metric_the_fit_does_not_measure_is_refused_before_training()
    {
        var network = new SpiralClassifier();
        float[] before = network.Parameters.ToArray();
        var options = new FitOptions
        {
            Epochs = 2,
            Metrics = [Metric.Accuracy],
            TrainingSetMetrics = false,
            EarlyStopping = new EarlyStopping { Monitor = "accuracy" },
        };

        var error = Assert.Throws<ArgumentException>(() => network.Fit(Data.Inputs, Data.Targets, options));

        Assert.Contains("but this fit measures only 'loss'", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Validation_inputs_without_targets_or_targets_without_inputs_are_refused(bool inputsOnly)
    {
        var trainer = new Trainer<float>(new SpiralClassifier(), new FitOptions { Epochs = 1 });
        float[] some = Data.Inputs[..20];

        Assert.Throws<ArgumentException>(() => trainer.Fit(
            Data.Inputs, Data.Targets, inputsOnly ? some : [], inputsOnly ? [] : Data.Targets[..20]));
    }

    [Fact]
    public void A_second_fit_on_fewer_samples_shuffles_only_those()
    {
        var trainer = new Trainer<float>(new SpiralClassifier(), new FitOptions { Epochs = 1, BatchSize = 16 });
        trainer.Fit(Data.Inputs[..200], Data.Targets[..200]);

        TrainingHistory second = trainer.Fit(Data.Inputs[..80], Data.Targets[..80]);

        Assert.Single(second["loss"]);
    }

    [Fact]
    public void A_trainer_continues_with_its_optimizer_state()
    {
        var network = new SpiralClassifier();
        var trainer = new Trainer<float>(network, new FitOptions { BatchSize = 100 });
        trainer.Fit(Data.Inputs, Data.Targets);
        trainer.Fit(Data.Inputs, Data.Targets);
        Assert.Equal(8, trainer.Optimizer.StepCount);
    }

    [Fact]
    public void Monitoring_a_value_the_fit_does_not_measure_fails_up_front()
    {
        var network = new SpiralClassifier();
        float[] before = network.Parameters.ToArray();
        var exception = Assert.Throws<ArgumentException>(() => network.Fit(Data.Inputs, Data.Targets, new FitOptions { EarlyStopping = new EarlyStopping() }));
        Assert.Contains("'val_loss'", exception.Message);
        Assert.Contains("ValidationSplit", exception.Message);
        Assert.Contains("'loss'", Assert.Throws<ArgumentException>(() => network.Fit(Data.Inputs, Data.Targets, new FitOptions { Schedule = new ReduceOnPlateauSchedule("accuracy") })).Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void Bad_options_and_data_are_rejected()
    {
        var network = new SpiralClassifier();
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer<float>(network, new FitOptions { Epochs = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer<float>(network, new FitOptions { BatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer<float>(network, new FitOptions { ValidationSplit = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer<float>(network, new FitOptions { DegreeOfParallelism = 0 }));
        Assert.Throws<ArgumentException>(() => new Trainer<float>(network, new FitOptions { Metrics = [Metric.Accuracy, Metric.Accuracy] }));
        Assert.Throws<ArgumentException>(() => new Trainer<float>(network, new FitOptions { Optimizer = OptimizerOptions.For(OptimizerKind.Adam) with { Beta1 = 2 } }));
        Assert.Throws<ArgumentException>(() => new Trainer<float>(network, optimizer: Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.Adam), 3)));
        Assert.Throws<ArgumentException>(() => network.Fit(Data.Inputs.AsMemory(1), Data.Targets));
        Assert.Throws<ArgumentException>(() => network.Fit(Data.Inputs, Data.Targets.AsMemory(2)));
        Assert.Throws<ArgumentException>(() => network.Fit(Data.Inputs, Data.Targets, Data.Inputs, Data.Targets, new FitOptions { ValidationSplit = 0.1 }));
        Assert.Throws<ArgumentException>(() => network.Fit(Data.Inputs.AsMemory(0, 2), Data.Targets.AsMemory(0, 2), new FitOptions { ValidationSplit = 0.5 }));
    }

    private static double ManualAccuracy(SpiralClassifier network, int first, int end)
    {
        float[] outputs = new float[2 * (end - first)];
        network.ForwardBatch(Data.Inputs.AsSpan(2 * first, 2 * (end - first)), outputs);
        int correct = 0;
        for (int i = first; i < end; i++)
        {
            int k = i - first;
            correct += (outputs[(2 * k) + 1] > outputs[2 * k] ? 1 : 0) == (Data.Targets[(2 * i) + 1] > 0.5f ? 1 : 0) ? 1 : 0;
        }

        return (double)correct / (end - first);
    }
}
