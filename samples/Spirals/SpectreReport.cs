using System;
using System.Collections.Generic;
using Spectre.Console;

namespace GenNN.Samples.Spirals;

/// <summary>The interactive display: a layer table, a live progress bar with the loss and ETA, and colored results.</summary>
internal sealed class SpectreReport : ITrainingReport
{
    /// <summary>
    /// True on a real terminal. Redirected output and CI (which sets <c>CI</c>) get <see cref="PlainReport"/>, since
    /// a progress bar there is either invisible or a wall of redraws.
    /// </summary>
    public static bool IsSupported
        => !Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            && AnsiConsole.Profile.Capabilities.Interactive;

    public void ShowSetup(RunSetup setup)
    {
        TrainingSettings settings = setup.Settings;
        AnsiConsole.Write(new Rule("[bold]GenNN sample: two spirals[/]").LeftJustified());

        var table = new Table()
            .Title($"{nameof(SpiralNet)}: {NetworkSummary.Shape}")
            .AddColumn("Layer")
            .AddColumn("Dense")
            .AddColumn("Activation")
            .AddColumn("Parameters", column => column.RightAligned());
        foreach (LayerSummary layer in NetworkSummary.Layers)
        {
            table.AddRow(layer.Name, $"{layer.Inputs,2} → {layer.Outputs,-2}", layer.Activation.ToString(), layer.Parameters.ToString());
        }

        table.AddRow("[bold]Total[/]", string.Empty, string.Empty, $"[bold]{SpiralNet.ParameterCount}[/]");
        AnsiConsole.Write(table);

        AnsiConsole.MarkupLine(
            $"[grey]Data[/]      {TwoSpirals.Turns} turns, noise {TwoSpirals.Noise}: " +
            $"{setup.TrainCount} training and {setup.TestCount} test points");
        AnsiConsole.MarkupLine(
            $"[grey]Training[/]  {settings.Epochs} epochs of batches of {settings.BatchSize}, " +
            $"SGD lr {settings.LearningRate} → {settings.FinalLearningRate} (cosine), seed {setup.Seed}");
    }

    public void ShowTraining(IEnumerable<EpochResult> epochs, TrainingSettings settings)
    {
        int width = settings.Epochs.ToString().Length;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask("training", maxValue: settings.Epochs);
                foreach (EpochResult epoch in epochs)
                {
                    string progress = $"epoch {epoch.Epoch.ToString().PadLeft(width)}/{settings.Epochs}";
                    task.Description = $"{progress}  loss {epoch.Loss:F4}";
                    task.Value = epoch.Epoch;

                    // Lines written while the progress bar is live are printed above it, leaving a short history.
                    if (epoch.Accuracy is { } accuracy)
                    {
                        AnsiConsole.MarkupLine(
                            $"[grey]{progress}[/]  loss {epoch.Loss:F4}  lr {epoch.LearningRate:F3}  " +
                            $"train {ReportText.Percent(accuracy.Train),7}  test [bold]{ReportText.Percent(accuracy.Test),7}[/]");
                    }
                }
            });
    }

    public void ShowOutcome(RunOutcome outcome)
    {
        string color = outcome.Passed ? "green" : "red";
        AnsiConsole.MarkupLine(
            $"Trained in [bold]{outcome.TrainingTime.TotalSeconds:F2} s[/]: train accuracy {ReportText.Percent(outcome.Accuracy.Train)}, " +
            $"test accuracy [bold {color}]{ReportText.Percent(outcome.Accuracy.Test)}[/]");

        // The path goes out unformatted on a line of its own: Spectre would hard-wrap it at the terminal's width,
        // breaking copy and paste.
        AnsiConsole.MarkupLine($"Generated code of [bold]{typeof(SpiralNet).FullName}[/]:");
        Console.WriteLine(ReportText.GeneratedFile(outcome));
        if (!outcome.Passed)
        {
            AnsiConsole.MarkupLine(
                $"[red]warning:[/] test accuracy {ReportText.Percent(outcome.Accuracy.Test)} is below the expected " +
                $"{ReportText.Percent(outcome.RequiredAccuracy)}");
        }
    }
}
