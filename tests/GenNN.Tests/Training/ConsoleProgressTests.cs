using System.IO;
using System.Linq;
using GenNN.Training;
using Xunit;

namespace GenNN.Tests.Training;

/// <summary>The console display: plain lines for logs and CI, a redrawn line for terminals.</summary>
public sealed class ConsoleProgressTests
{
    private static readonly TwoSpirals Data = TwoSpirals.Generate(100, seed: 8);

    [Fact]
    public void Plain_mode_writes_a_header_and_one_line_per_epoch()
    {
        var writer = new StringWriter();
        var network = new SpiralClassifier();
        network.Fit(Data.Inputs, Data.Targets, new FitOptions
        {
            Epochs = 3,
            ValidationSplit = 0.2,
            Metrics = [Metric.Accuracy],
            DegreeOfParallelism = 1,
            Progress = new ConsoleProgress(writer, live: false),
        });

        string[] lines = writer.ToString().Split(writer.NewLine, System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("Training on 160 samples, validating on 40: 3 epochs of 5 batches, Adam (lr 0.001), 1 thread.", lines[0]);
        Assert.Matches(@"^Epoch 1/3  \d+\.\ds  loss [0-9.]+  accuracy [0-9.]+  val_loss [0-9.]+  val_accuracy [0-9.]+  lr 0\.001$", lines[1]);
        Assert.StartsWith("Epoch 3/3", lines[3]);
        Assert.DoesNotContain('\r', writer.ToString());
    }

    [Fact]
    public void Live_mode_redraws_the_batch_line_in_place_and_ends_each_epoch_with_its_summary()
    {
        var writer = new StringWriter();
        var network = new SpiralClassifier();
        network.Fit(Data.Inputs, Data.Targets, new FitOptions
        {
            Epochs = 2,
            BatchSize = 50,
            Progress = new ConsoleProgress(writer, live: true),
        });

        string output = writer.ToString();
        // Redraws are limited to ten a second, but an epoch's first and last batches are always drawn.
        Assert.Contains("\rEpoch 1/2 [#####---------------] 1/4  loss ", output);
        Assert.Contains("\rEpoch 2/2 [####################] 4/4  loss ", output);
        Assert.Contains("  ETA ", output);
        string[] lines = output.Split(writer.NewLine);
        Assert.EndsWith("lr 0.001", lines[1].Split('\r').Last().TrimEnd());
        Assert.StartsWith("Epoch 2/2  ", lines[2].Split('\r').Last());
    }

    [Fact]
    public void Early_stopping_and_restored_weights_are_announced()
    {
        var writer = new StringWriter();
        var progress = new ConsoleProgress(writer, live: false);
        var epochs = Enumerable.Range(1, 4).Select(epoch => new EpochResult(epoch, 0.1, new System.Collections.Generic.Dictionary<string, double> { ["loss"] = 1 }, System.TimeSpan.Zero)).ToArray();
        progress.OnFitCompleted(new TrainingHistory(epochs, StopReason.EarlyStopping, bestEpoch: 2, restoredBestWeights: true));
        Assert.Equal(
            $"Stopped early after epoch 4: no improvement since epoch 2.{writer.NewLine}Restored the weights of epoch 2, the best.{writer.NewLine}",
            writer.ToString());
    }
}
