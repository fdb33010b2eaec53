using System.Collections.Generic;
using GenNN.Data;
using GenNN.Training;
using Xunit;
using Xunit.Abstractions;

namespace GenNN.Tests.Data;

/// <summary>The worked examples of docs/data.md, from scikit-learn's files to a test accuracy, run as written there.</summary>
public sealed class WorkedExampleTests
{
    private readonly ITestOutputHelper _output;

    public WorkedExampleTests(ITestOutputHelper output) => _output = output;

    [RequiresScikitLearnFact]
    public void Iris_from_scikit_learn_s_csv_to_test_accuracy()
    {
        CsvDataset<float> iris = CsvDataset.Load<float>(ScikitLearnFolder.File("iris.csv"), CsvOptions.ScikitLearn);
        DatasetSplit<float> split = iris.Data.Split(validationFraction: 0.1, testFraction: 0.2, seed: 7);
        FeatureScaler<float> scaler = FeatureScaler<float>.FitStandardization(split.Train);
        scaler.Transform(split.Train);
        scaler.Transform(split.Validation);
        scaler.Transform(split.Test);

        var network = new IrisNet();
        TrainingHistory history = network.Fit(split.Train, split.Validation, new FitOptions
        {
            Epochs = 100,
            BatchSize = 16,
            Seed = 1,
            Optimizer = OptimizerOptions.For(OptimizerKind.Adam) with { LearningRate = 0.01 },
            Metrics = [Metric.Accuracy],
            EarlyStopping = new EarlyStopping { Monitor = "val_loss", Patience = 10 },
        });
        IReadOnlyDictionary<string, double> test = network.Evaluate(split.Test);

        _output.WriteLine($"iris: {history.Epochs.Count} epochs, best {history.BestEpoch}; test loss {test["loss"]:F4}, accuracy {test["accuracy"]:P1}");
        Assert.Equal((105, 15, 30), (split.Train.Count, split.Validation.Count, split.Test.Count));
        Assert.True(test["accuracy"] >= 0.9, $"test accuracy {test["accuracy"]:P1}");
    }

    [RequiresScikitLearnFact]
    public void Digits_from_a_gzip_file_without_a_header_to_test_accuracy()
    {
        CsvDataset<float> digits = CsvDataset.Load<float>(ScikitLearnFolder.File("digits.csv.gz"), new CsvOptions(-1) { Header = CsvHeader.None });
        DatasetSplit<float> split = digits.Data.Split(validationFraction: 0, testFraction: 0.25, seed: 3);
        FeatureScaler<float> scaler = FeatureScaler<float>.FitMinMax(split.Train);
        scaler.Transform(split.Train);
        scaler.Transform(split.Test);

        var network = new DigitsNet();
        network.Fit(split.Train, new FitOptions { Epochs = 30, BatchSize = 32, Seed = 1, Optimizer = OptimizerOptions.For(OptimizerKind.Adam) with { LearningRate = 0.003 } });
        IReadOnlyDictionary<string, double> test = network.Evaluate(split.Test);

        _output.WriteLine($"digits: test loss {test["loss"]:F4}, accuracy {test["accuracy"]:P1}");
        Assert.True(test["accuracy"] >= 0.95, $"test accuracy {test["accuracy"]:P1}");
    }
}

/// <summary>docs/data.md's iris classifier: 4 measurements, 3 species.</summary>
[Network(Seed = 1)]
[Input(4)]
[Dense(16, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class IrisNet { }

/// <summary>docs/data.md's digits classifier: 8 × 8 pixels, 10 digits.</summary>
[Network(Seed = 1)]
[Input(64)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class DigitsNet { }
