using System;
using System.Collections.Generic;

namespace GenNN.Samples.Spirals;

/// <summary>Plain lines for redirected output and CI: only the evaluated epochs, about ten lines in all.</summary>
internal sealed class PlainReport : ITrainingReport
{
    public void ShowSetup(RunSetup setup)
    {
        TrainingSettings settings = setup.Settings;
        Console.WriteLine("GenNN sample: two spirals");
        Console.WriteLine($"Network   {nameof(SpiralNet)}: {NetworkSummary.Shape}, {SpiralNet.ParameterCount} parameters");
        foreach (LayerSummary layer in NetworkSummary.Layers)
        {
            Console.WriteLine($"  {layer.Name,-11} dense {layer.Inputs,2} -> {layer.Outputs,-2}  {layer.Activation,-8} {layer.Parameters,5} parameters");
        }

        Console.WriteLine($"Data      {TwoSpirals.Turns} turns, noise {TwoSpirals.Noise}: {setup.TrainCount} training and {setup.TestCount} test points");
        Console.WriteLine($"Training  {settings.Epochs} epochs of batches of {settings.BatchSize}, SGD lr {settings.LearningRate} -> {settings.FinalLearningRate} (cosine), seed {setup.Seed}");
    }

    public void ShowTraining(IEnumerable<EpochResult> epochs, TrainingSettings settings)
    {
        int width = settings.Epochs.ToString().Length;
        foreach (EpochResult epoch in epochs)
        {
            if (epoch.Accuracy is { } accuracy)
            {
                Console.WriteLine(
                    $"epoch {epoch.Epoch.ToString().PadLeft(width)}/{settings.Epochs}  loss {epoch.Loss:F4}  lr {epoch.LearningRate:F3}  " +
                    $"train {ReportText.Percent(accuracy.Train),7}  test {ReportText.Percent(accuracy.Test),7}");
            }
        }
    }

    public void ShowOutcome(RunOutcome outcome)
    {
        Console.WriteLine(
            $"Trained in {outcome.TrainingTime.TotalSeconds:F2} s: train accuracy {ReportText.Percent(outcome.Accuracy.Train)}, test accuracy {ReportText.Percent(outcome.Accuracy.Test)}");
        Console.WriteLine($"Generated code of {typeof(SpiralNet).FullName}: {ReportText.GeneratedFile(outcome)}");
        if (!outcome.Passed)
        {
            Console.Error.WriteLine($"warning: test accuracy {ReportText.Percent(outcome.Accuracy.Test)} is below the expected {ReportText.Percent(outcome.RequiredAccuracy)}");
        }
    }
}
