using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using GenNN.Data;
using GenNN.Serialization;
using MnistFiles = GenNN.Data.Mnist;

namespace GenNN.Samples.Mnist;

/// <summary>One training run: trains, reports each epoch, then evaluates, saves and draws the results.</summary>
internal sealed class Run
{
    private const int BatchSize = 32;
    private const float FinalLearningRate = 0.001f;

    private readonly CommandLine _options;
    private readonly Dataset<float> _training;
    private readonly Dataset<float> _test;

    public Run(CommandLine options, Dataset<float> training, Dataset<float> test)
    {
        _options = options;
        _training = training;
        _test = test;
    }

    /// <summary>Runs everything; returns the exit code (0 when the accuracy reaches the model's promise and the saved model, reloaded, predicts the same).</summary>
    public int Execute()
    {
        MnistModel model = _options.Model;
        int epochs = _options.Epochs ?? model.Epochs;
        var settings = new TrainingSettings(epochs, BatchSize, model.LearningRate, FinalLearningRate, ShuffleSeed: _options.Seed + 1);
        ITrainableNetwork<float> network = model.Create(_options.Seed);
        Console.WriteLine("GenNN sample: MNIST handwritten digits");
        Console.WriteLine($"Data      {_training.Count} training and {_test.Count} test digits of {MnistFiles.ImageSide} x {MnistFiles.ImageSide} pixels");
        Console.WriteLine($"Network   {model.Summary}");
        Console.WriteLine($"Training  {settings.Epochs} epochs of batches of {settings.BatchSize}, SGD lr {settings.LearningRate} -> {settings.FinalLearningRate} (cosine), seed {_options.Seed}");

        var reports = new List<EpochReport>();
        var total = Stopwatch.StartNew();
        foreach (EpochReport epoch in new Trainer(network, _training, _test, settings).Run())
        {
            reports.Add(epoch);
            Console.WriteLine(
                $"epoch {epoch.Epoch,2}/{settings.Epochs}  loss {epoch.Loss:F4}  lr {epoch.LearningRate:F4}  "
                + $"test accuracy {100 * epoch.TestAccuracy:F2}%  {epoch.Duration.TotalSeconds:F1} s");
        }

        total.Stop();
        int[] predictions = Evaluation.Predict(network, _test);
        double accuracy = Evaluation.Accuracy(predictions, _test);
        double secondsPerEpoch = reports.Average(e => e.Duration.TotalSeconds);
        Console.WriteLine($"Trained in {total.Elapsed.TotalSeconds:F1} s ({secondsPerEpoch:F2} s of training per epoch): test accuracy {100 * accuracy:F2}%");
        Console.WriteLine();
        Console.WriteLine("Confusion matrix of the test set (rows: true digit, columns: predicted digit):");
        Console.WriteLine(new ConfusionMatrix(predictions, _test).Format());
        Console.WriteLine();

        Directory.CreateDirectory(_options.OutputFolder);
        bool reloadsTheSame = SaveModel(model, network, predictions);
        string curves = Path.Combine(_options.OutputFolder, "training-curves.png");
        TrainingCharts.Save(reports, network.Description.Name, curves);
        Console.WriteLine($"Curves    {curves}");
        string mistakes = Path.Combine(_options.OutputFolder, "misclassified.png");
        int drawn = MisclassifiedDigits.Save(predictions, _test, mistakes);
        int wrong = predictions.Where((predicted, i) => predicted != _test.LabelOf(i)).Count();
        Console.WriteLine($"Mistakes  {mistakes} (the first {drawn} of {wrong} misclassified test digits)");

        if (accuracy < model.RequiredAccuracy)
        {
            Console.Error.WriteLine($"Warning: test accuracy {100 * accuracy:F2}% is below the {100 * model.RequiredAccuracy:F0}% this model promises.");
        }

        if (!reloadsTheSame)
        {
            Console.Error.WriteLine("Error: the saved model, loaded into a new network, predicts differently.");
        }

        Console.WriteLine($"accuracy: {accuracy:F4}");
        return accuracy >= model.RequiredAccuracy && reloadsTheSame ? 0 : 1;
    }

    /// <summary>
    /// Saves the model in GenNN's format and in safetensors for PyTorch, then proves the GenNN file by loading it into
    /// a fresh network and comparing its predictions: returns whether they are the same.
    /// </summary>
    private bool SaveModel(MnistModel model, ITrainableNetwork<float> network, int[] predictions)
    {
        string modelPath = Path.Combine(_options.OutputFolder, $"mnist-{model.Name}.gennn");
        ModelFile.Save(network, modelPath);
        ITrainableNetwork<float> reloaded = model.Create(_options.Seed + 1000);
        ModelFile.Load(reloaded, modelPath);
        bool same = Evaluation.Predict(reloaded, _test).AsSpan().SequenceEqual(predictions);
        Console.WriteLine($"Model     {modelPath} ({new FileInfo(modelPath).Length} bytes; reloaded into a new {network.Description.Name}: {(same ? "same predictions" : "PREDICTIONS DIFFER")})");

        string torchPath = Path.Combine(_options.OutputFolder, $"mnist-{model.Name}.safetensors");
        Safetensors.Export(network, torchPath);
        Console.WriteLine($"PyTorch   {torchPath} (nn.Sequential state_dict: {string.Join(", ", Safetensors.TensorNames(network.Description))})");
        return same;
    }
}
