using System;
using System.Linq;
using GenNN.Training;
using Xunit;

namespace GenNN.Tests.Training;

/// <summary>A run that blows up stops with a message naming the epoch and batch, and keeps the last good weights.</summary>
public sealed class DivergenceTests
{
    private static readonly TwoSpirals Data = TwoSpirals.Generate(200, seed: 3);

    [Fact]
    public void A_huge_learning_rate_stops_with_the_NaN_message_and_the_weights_from_before_the_bad_batch()
    {
        var network = new SpiralClassifier();
        var progress = new RecordingProgress<float>(network);
        var options = new FitOptions
        {
            Epochs = 5,
            BatchSize = 20,
            Optimizer = OptimizerOptions.For(OptimizerKind.Sgd) with { LearningRate = 1e6 },
            Progress = progress,
        };

        var exception = Assert.Throws<TrainingDivergedException>(() => network.Fit(Data.Inputs, Data.Targets, options));

        Assert.Matches(@"^Training diverged at epoch \d+, batch \d+: the (loss is NaN|loss is \+infinity|update made a weight NaN or infinite)", exception.Message);
        Assert.Contains("keeps the weights from before that batch", exception.Message);
        Assert.Same(exception, progress.Failure);
        float[] lastGood = progress.ParametersAfterBatch.Count > 0 ? progress.ParametersAfterBatch[^1] : new SpiralClassifier().Parameters.ToArray();
        Assert.Equal(lastGood, network.Parameters.ToArray());

        int batchesBefore = ((exception.Epoch - 1) * 20) + exception.Batch - 1;
        Assert.Equal(batchesBefore, progress.Batches.Count);
        Assert.Equal(exception.Epoch - 1, exception.History.Epochs.Count);
    }

    [Fact]
    public void A_loss_that_is_NaN_is_caught_before_the_update()
    {
        var network = new SpiralClassifier();
        float[] inputs = (float[])Data.Inputs.Clone();
        inputs[2 * 25] = float.MaxValue; // sample 25, in the second batch of 20: finite, but its activations overflow
        inputs[(2 * 25) + 1] = -float.MaxValue;
        var options = new FitOptions { BatchSize = 20, Shuffle = false };

        var exception = Assert.Throws<TrainingDivergedException>(() => network.Fit(inputs, Data.Targets, options));

        Assert.Equal("Training diverged at epoch 1, batch 2: the loss is NaN. The network keeps the weights from before that batch. Try a lower learning rate, gradient clipping, or inputs scaled to a small range.", exception.Message);
        Assert.True(exception.LossDiverged);

        // Batch 1 was applied, and batch 2 was not: the weights are those of training on the first 20 samples alone.
        (float[] afterFirstBatch, _) = DocumentedFitLoop.Run(new SpiralClassifier(), Data.Inputs[..40], Data.Targets[..40], options);
        Assert.Equal(afterFirstBatch, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData(false, 2 * 25)]
    [InlineData(false, (2 * 399) + 1)]
    [InlineData(true, 7)]
    public void NaN_or_infinite_data_is_refused_before_training_not_reported_as_divergence(bool inTargets, int index)
    {
        // It used to train until the loss was NaN and then advise a lower learning rate; in a validation set it trained
        // to the end with NaN scores, and early stopping kept epoch 1.
        var network = new SpiralClassifier();
        float[] before = network.Parameters.ToArray();
        float[] inputs = (float[])Data.Inputs.Clone();
        float[] targets = (float[])Data.Targets.Clone();
        (inTargets ? targets : inputs)[index] = index % 2 == 0 ? float.NaN : float.PositiveInfinity;

        var error = Assert.Throws<ArgumentException>(() => network.Fit(inputs, targets, new FitOptions { ValidationSplit = 0.25 }));

        Assert.Contains($"at sample {index / 2}, value {index % 2}: every value must be finite", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void A_NaN_in_a_validation_set_passed_on_its_own_is_refused_too()
    {
        var network = new SpiralClassifier();
        float[] validationTargets = Data.Targets[600..];
        validationTargets[5] = float.NaN;
        var trainer = new Trainer<float>(network, new FitOptions { Epochs = 1 });

        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(Data.Inputs[..600], Data.Targets[..600], Data.Inputs[600..], validationTargets));

        Assert.StartsWith("The validation targets hold NaN at sample 2, value 1", error.Message);
        Assert.Equal("validationTargets", error.ParamName);
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Adam)] // two blocks of state, both restored
    public void An_overflowing_update_restores_the_weights_and_the_optimizer_state(OptimizerKind kind)
    {
        var network = new SpiralClassifier();
        float[] before = network.Parameters.ToArray();
        var trainer = new Trainer<float>(network, new FitOptions
        {
            BatchSize = 400,
            // Beyond float's range: every update overflows, while the loss (measured before it) is still finite.
            Optimizer = kind == OptimizerKind.Sgd
                ? OptimizerOptions.For(OptimizerKind.Sgd) with { LearningRate = 1e40, Momentum = 0.9 }
                : OptimizerOptions.For(OptimizerKind.Adam) with { LearningRate = 1e40 },
        });

        // State as a fit that went well until now left it (every block distinct), to be put back as it was.
        float[] state = Enumerable.Range(0, trainer.Optimizer.State.Length).Select(i => 0.25f + (i % 7)).ToArray();
        state.CopyTo(trainer.Optimizer.State);
        trainer.Optimizer.StepCount = 3;

        var exception = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(Data.Inputs, Data.Targets));

        Assert.Equal((1, 1), (exception.Epoch, exception.Batch));
        Assert.False(exception.LossDiverged);
        Assert.Contains("the update made a weight NaN or infinite", exception.Message);
        Assert.Equal(before, network.Parameters.ToArray());
        Assert.Equal(3, trainer.Optimizer.StepCount);
        Assert.Equal(state, trainer.Optimizer.State.ToArray());
    }

    [Fact]
    public void A_NaN_loss_leaves_the_running_statistics_of_the_last_good_batch()
    {
        var network = new NormalizedSpiralClassifier();
        float[] inputs = (float[])Data.Inputs.Clone();
        inputs[2 * 25] = float.MaxValue; // sample 25, in the second batch of 20
        inputs[(2 * 25) + 1] = -float.MaxValue;
        var options = new FitOptions { BatchSize = 20, Shuffle = false };

        Assert.Throws<TrainingDivergedException>(() => network.Fit(inputs, Data.Targets, options));

        // Batch 1 was applied with its statistics, batch 2 neither: a twin fitted on the first 20 samples alone.
        var twin = new NormalizedSpiralClassifier();
        twin.Fit(Data.Inputs[..40], Data.Targets[..40], options with { Epochs = 1 });
        Assert.Equal(twin.Parameters.ToArray(), network.Parameters.ToArray());
        Assert.Equal(twin.Buffers.ToArray(), network.Buffers.ToArray());
    }

    [Fact]
    public void An_overflowing_first_update_leaves_the_initial_running_statistics()
    {
        var network = new NormalizedSpiralClassifier();
        float[] buffers = network.Buffers.ToArray();
        var options = new FitOptions { BatchSize = 400, Optimizer = OptimizerOptions.For(OptimizerKind.Sgd) with { LearningRate = 1e40 } };

        var exception = Assert.Throws<TrainingDivergedException>(() => network.Fit(Data.Inputs, Data.Targets, options));

        Assert.False(exception.LossDiverged);
        Assert.Equal(buffers, network.Buffers.ToArray());
    }
}
