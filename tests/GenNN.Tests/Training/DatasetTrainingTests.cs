using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GenNN.Data;
using GenNN.Training;
using Xunit;

namespace GenNN.Tests.Training;

/// <summary>
/// <c>network.Fit(dataset, ...)</c> and <c>network.Evaluate(dataset, ...)</c>: the dataset's own arrays reach the fit
/// loop, and the values reported are the loss and accuracy computed here sample by sample.
/// </summary>
public sealed class DatasetTrainingTests
{
    private static readonly TwoSpirals Spirals = TwoSpirals.Generate(150, seed: 12);

    [Fact]
    public void Fitting_a_dataset_trains_exactly_as_fitting_its_arrays()
    {
        Dataset<float> data = SpiralSet(0, 300);
        var options = new FitOptions { Epochs = 3, BatchSize = 40, Seed = 5, ValidationSplit = 0.25, Metrics = [Metric.Accuracy] };

        var fromDataset = new SpiralClassifier();
        TrainingHistory datasetHistory = fromDataset.Fit(data, options);
        var fromArrays = new SpiralClassifier();
        TrainingHistory arrayHistory = fromArrays.Fit(data.Features.ToArray(), data.Targets.ToArray(), options);

        Assert.Equal(fromArrays.Parameters.ToArray(), fromDataset.Parameters.ToArray());
        Assert.Equal(arrayHistory["val_accuracy"], datasetHistory["val_accuracy"]);
        Assert.Equal(arrayHistory["loss"], datasetHistory["loss"]);
    }

    [Fact]
    public void The_fit_loop_reads_the_training_and_validation_sets_in_place()
    {
        Dataset<float> training = SpiralSet(0, 200);
        Dataset<float> validation = SpiralSet(200, 100);
        var probe = new SameMemoryMetric(training, validation);

        new SpiralClassifier().Fit(training, validation, new FitOptions { Epochs = 2, Metrics = [probe] });

        // Training metrics read the training set's targets, validation metrics the validation set's: each time the
        // dataset's own array, never a copy.
        Assert.Equal(["training", "validation", "training", "validation"], probe.Seen);
    }

    [Fact]
    public void Validation_values_are_the_loss_and_accuracy_of_the_validation_samples()
    {
        Dataset<float> training = SpiralSet(0, 240);
        Dataset<float> validation = SpiralSet(240, 60);
        var network = new SpiralClassifier();

        TrainingHistory history = network.Fit(training, validation, new FitOptions { Epochs = 4, BatchSize = 24, Metrics = [Metric.Accuracy] });

        (double loss, double accuracy) = MeanLossAndAccuracy(network, validation);
        Assert.Equal(loss, history.Last.ValidationLoss!.Value, 1e-6 * loss);
        Assert.Equal(accuracy, history.Last["val_accuracy"]);
    }

    [Fact]
    public void Evaluate_reports_loss_and_accuracy_for_a_classifier_by_default()
    {
        Dataset<float> test = SpiralSet(0, 300);
        var network = new SpiralClassifier();
        network.Fit(test, new FitOptions { Epochs = 2 });

        IReadOnlyDictionary<string, double> values = network.Evaluate(test);

        (double loss, double accuracy) = MeanLossAndAccuracy(network, test);
        Assert.Equal(["accuracy", "loss"], values.Keys.Order());
        Assert.Equal(loss, values["loss"], 1e-6 * loss);
        Assert.Equal(accuracy, values["accuracy"]);
    }

    [Fact]
    public void A_binary_classifier_without_labels_gets_accuracy_too_and_a_regressor_only_its_loss()
    {
        var random = new SeededRandom(2);
        double[] inputs = Enumerable.Range(0, 20 * 3).Select(_ => random.NextDouble(-1, 1)).ToArray();
        double[] targets = Enumerable.Range(0, 20 * 2).Select(_ => (double)random.NextInt32(2)).ToArray();
        var binary = new Dataset<double>(inputs, 3, targets, 2);
        var regression = new Dataset<double>(inputs.Take(20 * 2).ToArray(), 2, targets.Take(20).ToArray(), 1);

        Assert.Equal(["accuracy", "loss"], new GenNN.Tests.Serialization.TanhNetDouble().Evaluate(binary).Keys.Order());
        var regressor = new DatasetRegressor();
        IReadOnlyDictionary<string, double> values = regressor.Evaluate(regression);
        Assert.Equal(["loss"], values.Keys);
        double expected = Enumerable.Range(0, 20).Average(i => regressor.ComputeLoss(regression.FeaturesOf(i), regression.TargetsOf(i)));
        Assert.Equal(expected, values["loss"], 1e-14);
    }

    [Fact]
    public void Evaluate_takes_the_metrics_it_is_given()
    {
        Dataset<float> test = SpiralSet(0, 100);
        var network = new SpiralClassifier();
        Metric firstOutput = Metric.FromSamples("first_output", (output, _) => output[0]);

        IReadOnlyDictionary<string, double> values = network.Evaluate(test, [firstOutput]);

        float[] output = new float[2];
        double expected = Enumerable.Range(0, 100).Average(i =>
        {
            network.Forward(test.FeaturesOf(i), output);
            return (double)output[0];
        });
        Assert.Equal(["first_output", "loss"], values.Keys.Order());
        Assert.Equal(expected, values["first_output"], 1e-6);
    }

    [Fact]
    public void A_dataset_of_other_sizes_or_none_is_refused_naming_both_shapes()
    {
        var network = new SpiralClassifier();
        var threeFeatures = new Dataset<float>(new float[9], 3, new float[6], 2);

        var error = Assert.Throws<ArgumentException>(() => network.Fit(threeFeatures));
        Assert.StartsWith("The training set has 3 features and 2 targets per sample, but SpiralClassifier takes 2 inputs and gives 2 outputs.", error.Message);
        Assert.StartsWith(
            "The validation set has 3 features and 2 targets per sample",
            Assert.Throws<ArgumentException>(() => network.Fit(SpiralSet(0, 10), threeFeatures)).Message);
        Assert.StartsWith("The data set is empty.", Assert.Throws<ArgumentException>(() => network.Evaluate(SpiralSet(0, 10).Subset(0, 0))).Message);
    }

    /// <summary>Spiral samples [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) as a classification set.</summary>
    private static Dataset<float> SpiralSet(int first, int count)
    {
        int[] labels = Enumerable.Range(first, count).Select(i => Spirals.Targets[(2 * i) + 1] > 0.5f ? 1 : 0).ToArray();
        return Dataset<float>.ForClassification(Spirals.Inputs.AsSpan(2 * first, 2 * count).ToArray(), 2, labels, 2);
    }

    /// <summary>The mean of each sample's <c>ComputeLoss</c>, and the fraction whose largest output is at the sample's label.</summary>
    private static (double Loss, double Accuracy) MeanLossAndAccuracy(SpiralClassifier network, Dataset<float> data)
    {
        float[] output = new float[2];
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            loss += network.ComputeLoss(data.FeaturesOf(i), data.TargetsOf(i));
            network.Forward(data.FeaturesOf(i), output);
            correct += (output[1] > output[0] ? 1 : 0) == data.LabelOf(i) ? 1 : 0;
        }

        return (loss / data.Count, (double)correct / data.Count);
    }

    /// <summary>Records, each time it scores, which dataset's own target array the predictions point into.</summary>
    private sealed class SameMemoryMetric(Dataset<float> training, Dataset<float> validation) : Metric("same_memory", higherIsBetter: true)
    {
        public List<string> Seen { get; } = [];

        public override double Compute<T>(Predictions<T> predictions)
        {
            ref byte targets = ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(predictions.Targets));
            Seen.Add(
                Unsafe.AreSame(ref targets, ref Unsafe.As<float, byte>(ref training.Targets[0])) ? "training"
                : Unsafe.AreSame(ref targets, ref Unsafe.As<float, byte>(ref validation.Targets[0])) ? "validation"
                : "a copy");
            return 0;
        }
    }
}

/// <summary>A small regression network, for evaluation without labels.</summary>
[Network(Precision.Double, Seed = 4)]
[Input(2)]
[Dense(8, Activation.Tanh)]
[Dense(1)]
[Loss(LossFunction.MeanSquaredError)]
public partial class DatasetRegressor { }
