using System;
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
        Assert.Matches(@"^Epoch 1/3  [ \d]{2}\d\.\ds  loss   [01]\.\d{4}  accuracy   [01]\.\d{4}  val_loss   [01]\.\d{4}  val_accuracy   [01]\.\d{4}  lr 1\.00e-03$", lines[1]);
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
        Assert.EndsWith("lr 1.00e-03", lines[1].Split('\r').Last().TrimEnd());
        Assert.StartsWith("Epoch 2/2  ", lines[2].Split('\r').Last());
    }

    /// <summary>
    /// Values of every magnitude, on epochs whose numbers have one and two digits: each value takes eight characters
    /// (four decimals, or three significant digits in scientific notation), so the columns line up.
    /// </summary>
    [Fact]
    public void Epoch_lines_print_every_value_in_the_same_width_so_columns_align()
    {
        var writer = new StringWriter();
        var progress = new ConsoleProgress(writer, live: false);
        progress.OnFitStarted(new FitStart(10, 5, 100, 20, 1, OptimizerOptions.For(OptimizerKind.Adam)));
        progress.OnEpochCompleted(Epoch(1, 0.4, 0.001, ("loss", 0.01324), ("accuracy", 1), ("val_loss", 12.5), ("val_accuracy", 0.5)));
        progress.OnEpochCompleted(Epoch(10, 123.45, 0.00025, ("loss", 2.5e-7), ("accuracy", 0.98765), ("val_loss", 1234.5678), ("val_accuracy", 0)));

        string[] lines = writer.ToString().Split(writer.NewLine, System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Epoch  1/10    0.4s  loss   0.0132  accuracy   1.0000  val_loss  12.5000  val_accuracy   0.5000  lr 1.00e-03", lines[1]);
        Assert.Equal("Epoch 10/10  123.5s  loss 2.50e-07  accuracy   0.9877  val_loss 1.23e+03  val_accuracy   0.0000  lr 2.50e-04", lines[2]);
    }

    /// <summary>Values at the edges of the fixed-decimal range keep the width: one that rounds to 1000 and a negative zero.</summary>
    [Fact]
    public void A_value_rounding_to_a_thousand_and_a_negative_zero_keep_the_column_width()
    {
        var writer = new StringWriter();
        var progress = new ConsoleProgress(writer, live: false);
        progress.OnFitStarted(new FitStart(1, 5, 100, 0, 1, OptimizerOptions.For(OptimizerKind.Adam)));
        progress.OnEpochCompleted(Epoch(1, 0.4, 0.001, ("loss", 999.99996), ("accuracy", -0.0)));

        string[] lines = writer.ToString().Split(writer.NewLine, System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Epoch 1/1    0.4s  loss 1.00e+03  accuracy   0.0000  lr 1.00e-03", lines[1]);
    }

    /// <summary>The ETA from the time elapsed and the share of the fit done: an hour and a quarter as h:mm:ss, a few minutes as m:ss.</summary>
    [Theory]
    [InlineData(4500, "ETA 1:15:00")]
    [InlineData(125, "ETA 2:05")]
    public void The_live_line_estimates_the_time_left_from_the_share_done(int elapsedSeconds, string eta)
    {
        var writer = new StringWriter();
        var time = new ManualTime();
        var progress = new ConsoleProgress(writer, live: true, time);
        progress.OnFitStarted(new FitStart(2, 10, 100, 0, 1, OptimizerOptions.For(OptimizerKind.Adam)));

        time.Advance(TimeSpan.FromSeconds(elapsedSeconds));
        progress.OnBatchCompleted(new BatchProgress(1, 2, 10, 10, 0.5, 0.001)); // half the fit done: as long again

        Assert.EndsWith("  " + eta, writer.ToString().TrimEnd());
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan span) => _ticks += span.Ticks;
    }

    [Fact]
    public void The_live_line_keeps_its_columns_from_the_first_batch_to_the_last()
    {
        var writer = new StringWriter();
        var progress = new ConsoleProgress(writer, live: true);
        progress.OnFitStarted(new FitStart(12, 120, 3840, 0, 1, OptimizerOptions.For(OptimizerKind.Adam)));
        progress.OnBatchCompleted(new BatchProgress(3, 12, 1, 120, 0.5, 0.001));
        progress.OnBatchCompleted(new BatchProgress(3, 12, 120, 120, 0.000012345, 0.001));

        string[] draws = writer.ToString().Split('\r', System.StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
        Assert.Equal("Epoch  3/12 [--------------------]   1/120  loss   0.5000  ETA -:--", draws[0]);
        Assert.Equal("Epoch  3/12 [####################] 120/120  loss 1.23e-05  ETA -:--", draws[1]);
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

    private static EpochResult Epoch(int epoch, double seconds, double learningRate, params (string Name, double Value)[] values) =>
        new(epoch, learningRate, values.ToDictionary(pair => pair.Name, pair => pair.Value), System.TimeSpan.FromSeconds(seconds));
}
