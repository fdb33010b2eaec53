using System;
using System.Linq;
using GenNN.Training;
using Xunit;

namespace GenNN.Tests.Training;

/// <summary>Data-parallel training gives bit-identical weights and histories to single-threaded training.</summary>
public sealed class ParallelDeterminismTests
{
    [Fact]
    public void Two_threads_and_one_give_identical_weights_with_dropout_in_double()
    {
        TwoSpirals data = TwoSpirals.Generate(300, seed: 5);
        double[] inputs = data.Inputs.Select(value => (double)value).ToArray();
        double[] targets = data.Targets.Select(value => (double)value).ToArray();
        var options = new FitOptions
        {
            Epochs = 4,
            BatchSize = 100,
            Seed = 9,
            ValidationSplit = 0.2,
            Metrics = [Metric.Accuracy],
            Clipping = GradientClipping.ByNorm(1),
            Optimizer = OptimizerOptions.For(OptimizerKind.Adam) with { LearningRate = 0.01 },
        };

        (double[] single, TrainingHistory singleHistory) = Train(new DropoutSpiralClassifier(), inputs, targets, options with { DegreeOfParallelism = 1 });
        (double[] parallel, TrainingHistory parallelHistory) = Train(new DropoutSpiralClassifier(), inputs, targets, options with { DegreeOfParallelism = 2 });

        Assert.Equal(single, parallel);
        Assert.Equal(singleHistory["loss"], parallelHistory["loss"]);
        Assert.Equal(singleHistory["val_loss"], parallelHistory["val_loss"]);
        Assert.NotEqual(new DropoutSpiralClassifier().Parameters.ToArray(), single);
    }

    [Fact]
    public void Any_thread_count_gives_identical_weights_in_float_for_a_large_network()
    {
        var random = new SeededRandom(3);
        const int count = 1500;
        float[] inputs = Enumerable.Range(0, count * WideClassifier.InputSize).Select(_ => (float)random.NextGaussian()).ToArray();
        float[] targets = new float[count * WideClassifier.OutputSize];
        for (int i = 0; i < count; i++)
        {
            // A learnable rule: the class is the quadrant of the first two inputs.
            targets[(i * 4) + ((inputs[i * 16] > 0 ? 1 : 0) + (inputs[(i * 16) + 1] > 0 ? 2 : 0))] = 1;
        }

        var options = new FitOptions
        {
            Epochs = 3,
            BatchSize = 256,
            Seed = 4,
            Schedule = new StepSchedule(1, 0.5),
            Optimizer = OptimizerOptions.For(OptimizerKind.RMSprop) with { Momentum = 0.5, Centered = true },
        };

        (float[] reference, _) = Train(new WideClassifier(), inputs, targets, options with { DegreeOfParallelism = 1 });
        foreach (int threads in new[] { 2, 3 })
        {
            (float[] parameters, _) = Train(new WideClassifier(), inputs, targets, options with { DegreeOfParallelism = threads });
            Assert.Equal(reference, parameters);
        }
    }

    [Fact]
    public void The_same_seed_repeats_and_another_seed_differs()
    {
        TwoSpirals data = TwoSpirals.Generate(200, seed: 6);
        var options = new FitOptions { Epochs = 2, BatchSize = 32, Seed = 1 };
        (float[] first, _) = Train(new SpiralClassifier(), data.Inputs, data.Targets, options);
        (float[] again, _) = Train(new SpiralClassifier(), data.Inputs, data.Targets, options);
        (float[] other, _) = Train(new SpiralClassifier(), data.Inputs, data.Targets, options with { Seed = 2 });
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void A_failure_on_a_worker_thread_reaches_the_caller_and_leaves_the_weights_alone()
    {
        var failure = new InvalidOperationException("a chunk failed");
        var network = new InstrumentedWideClassifier
        {
            BeforeAccumulate = onCallingThread =>
            {
                if (!onCallingThread)
                {
                    throw failure;
                }
            },
        };
        float[] before = network.Parameters.ToArray();
        float[] inputs = new float[512 * WideClassifier.InputSize];
        float[] targets = new float[512 * WideClassifier.OutputSize];
        targets.AsSpan().Fill(0.25f);

        // Retried: the worker must win at least one chunk, which is likely but not certain on a busy machine.
        Exception? thrown = null;
        for (int attempt = 0; attempt < 20 && thrown is null; attempt++)
        {
            thrown = Record.Exception(() => network.Fit(inputs, targets, new FitOptions { BatchSize = 512, DegreeOfParallelism = 2 }));
            if (thrown is null)
            {
                before.CopyTo(network.Parameters);
            }
        }

        Assert.Same(failure, thrown);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    private static (T[] Parameters, TrainingHistory History) Train<T>(ITrainableNetwork<T> network, T[] inputs, T[] targets, FitOptions options)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        TrainingHistory history = network.Fit(inputs, targets, options);
        return (network.Parameters.ToArray(), history);
    }
}
