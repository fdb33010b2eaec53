using System;
using System.Collections.Generic;

namespace GenNN.Samples.Spirals;

/// <summary>What the run is about to do.</summary>
internal sealed record RunSetup(TrainingSettings Settings, long Seed, int TrainCount, int TestCount);

/// <summary>How the run ended.</summary>
/// <param name="GeneratedFile">The network's generated source, or <see langword="null"/> when it was not found.</param>
internal sealed record RunOutcome(Accuracies Accuracy, double RequiredAccuracy, TimeSpan TrainingTime, string? GeneratedFile)
{
    public bool Passed => Accuracy.Test >= RequiredAccuracy;
}

/// <summary>
/// Shows a run to the user. There are two: a live Spectre.Console display for terminals, and plain lines for logs
/// and CI, where redrawn progress bars would turn into noise.
/// </summary>
internal interface ITrainingReport
{
    void ShowSetup(RunSetup setup);

    /// <summary>Drives the training by enumerating <paramref name="epochs"/>, showing progress as it goes.</summary>
    void ShowTraining(IEnumerable<EpochResult> epochs, TrainingSettings settings);

    void ShowOutcome(RunOutcome outcome);
}

/// <summary>Wording both reports share.</summary>
internal static class ReportText
{
    public static string Percent(double fraction) => $"{fraction * 100:F2}%";

    public static string GeneratedFile(RunOutcome outcome)
        => outcome.GeneratedFile is { } file
            ? GeneratedSource.ForDisplay(file)
            : $"{GeneratedSource.Pattern} (not found next to this binary)";
}
