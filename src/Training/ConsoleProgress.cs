using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace GenNN.Training;

/// <summary>
/// Shows a fit on the console. On an interactive terminal, one live line per epoch redraws in place with the batch
/// count, a bar, the running loss and the time left; when output is redirected or the <c>CI</c> environment variable
/// is set, it writes one plain line per epoch instead, which reads well in logs. Numbers have fixed widths (losses
/// and metrics with four decimals, or three significant digits when very small or large; learning rates in
/// scientific notation), so every column stays aligned from line to line.
/// </summary>
public sealed class ConsoleProgress : ITrainingProgress
{
    private const int BarWidth = 20;

    /// <summary>Seconds of training before an ETA is shown: the first batches include JIT compilation and mislead.</summary>
    private const double MinimumElapsedForEta = 1;

    private readonly TextWriter _writer;
    private readonly char[] _line = new char[256];
    private readonly TimeProvider _time;
    private readonly long _redrawInterval;
    private int _lineLength;
    private int _drawnLength;
    private long _fitStarted;
    private long _lastDrawn;
    private int _epochs;

    /// <summary>Writes to the console, live when it is an interactive terminal (see <see cref="IsInteractiveConsole"/>).</summary>
    public ConsoleProgress()
        : this(Console.Out, IsInteractiveConsole())
    {
    }

    /// <summary>Writes to <paramref name="writer"/>, with a live line when <paramref name="live"/>, else plain lines.</summary>
    public ConsoleProgress(TextWriter writer, bool live)
        : this(writer, live, TimeProvider.System)
    {
    }

    /// <summary>
    /// Writes to <paramref name="writer"/>, with a live line when <paramref name="live"/>, else plain lines, timing
    /// the fit (the live line's redraws and its ETA) by <paramref name="time"/>.
    /// </summary>
    public ConsoleProgress(TextWriter writer, bool live, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(time);
        _writer = writer;
        _time = time;
        // A terminal cannot show more than ten redraws a second, and writing costs time.
        _redrawInterval = time.TimestampFrequency / 10;
        Live = live;
    }

    /// <summary>Whether the display redraws a live line (else it writes one plain line per epoch).</summary>
    public bool Live { get; }

    /// <summary>Whether the console is a terminal a person watches: output not redirected and not on CI (<c>CI</c> unset) nor a dumb terminal.</summary>
    public static bool IsInteractiveConsole()
        => !Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);

    /// <inheritdoc/>
    public void OnFitStarted(FitStart fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        _epochs = fit.Epochs;
        _fitStarted = _time.GetTimestamp();
        string validation = fit.ValidationSamples > 0 ? Invariant($", validating on {fit.ValidationSamples}") : string.Empty;
        _writer.WriteLine(Invariant(
            $"Training on {fit.TrainingSamples} samples{validation}: {fit.Epochs} epochs of {fit.BatchesPerEpoch} batches, {fit.Optimizer.Kind} (lr {fit.Optimizer.LearningRate:G4}), {fit.DegreeOfParallelism} thread{(fit.DegreeOfParallelism == 1 ? "" : "s")}."));
    }

    /// <inheritdoc/>
    public void OnBatchCompleted(in BatchProgress batch)
    {
        if (!Live)
        {
            return;
        }

        long now = _time.GetTimestamp();

        // An epoch's first and last batches are always drawn: the line then never shows a stale epoch.
        if (now - _lastDrawn < _redrawInterval && batch.Batch != 1 && batch.Batch != batch.BatchCount)
        {
            return;
        }

        _lastDrawn = now;
        _lineLength = 0;
        Append("Epoch ");
        AppendPadded(batch.Epoch, batch.Epochs);
        Append('/');
        Append(batch.Epochs);
        Append(" [");
        int filled = (int)((long)BarWidth * batch.Batch / batch.BatchCount);
        for (int i = 0; i < BarWidth; i++)
        {
            Append(i < filled ? '#' : '-');
        }

        Append("] ");
        AppendPadded(batch.Batch, batch.BatchCount);
        Append('/');
        Append(batch.BatchCount);
        Append("  loss ");
        AppendValue(batch.RunningLoss);
        double done = (batch.Epoch - 1 + ((double)batch.Batch / batch.BatchCount)) / batch.Epochs;
        double elapsed = _time.GetElapsedTime(_fitStarted, now).TotalSeconds;
        Append("  ETA ");
        if (elapsed < MinimumElapsedForEta)
        {
            Append("-:--");
        }
        else
        {
            AppendDuration(elapsed * (1 - done) / done);
        }
        Redraw();
    }

    /// <inheritdoc/>
    public void OnEpochCompleted(EpochResult epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        string values = string.Join("  ", epoch.Values.Select(pair => $"{pair.Key} {ProgressFormat.Value(pair.Value)}"));
        string number = epoch.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(DigitCount(_epochs));
        string line = Invariant($"Epoch {number}/{_epochs}  {epoch.Duration.TotalSeconds,5:F1}s  {values}  lr {ProgressFormat.Rate(epoch.LearningRate)}");
        if (Live)
        {
            _writer.Write('\r');
            _writer.Write(line.PadRight(_drawnLength));
            _drawnLength = 0;
        }
        else
        {
            _writer.Write(line);
        }

        _writer.WriteLine();
    }

    /// <inheritdoc/>
    public void OnFitCompleted(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.StopReason == StopReason.EarlyStopping)
        {
            _writer.WriteLine(Invariant($"Stopped early after epoch {history.Last.Epoch}: no improvement since epoch {history.BestEpoch}."));
        }

        if (history.RestoredBestWeights)
        {
            _writer.WriteLine(Invariant($"Restored the weights of epoch {history.BestEpoch}, the best."));
        }
    }

    /// <inheritdoc/>
    public void OnFitFailed(Exception exception)
    {
        // End the live line, so whatever reports the exception starts on a line of its own.
        if (_drawnLength > 0)
        {
            _writer.WriteLine();
            _drawnLength = 0;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes the line over the previous one, padding with spaces so no tail of a longer line is left.</summary>
    private void Redraw()
    {
        int length = _lineLength;
        while (_lineLength < _drawnLength)
        {
            Append(' ');
        }

        _writer.Write('\r');
        _writer.Write(_line, 0, _lineLength);
        _writer.Flush();
        _drawnLength = length;
    }

    private void Append(char value)
    {
        if (_lineLength < _line.Length)
        {
            _line[_lineLength++] = value;
        }
    }

    private void Append(string value)
    {
        foreach (char character in value)
        {
            Append(character);
        }
    }

    private void Append(int value)
    {
        if (value.TryFormat(_line.AsSpan(_lineLength), out int written, default, CultureInfo.InvariantCulture))
        {
            _lineLength += written;
        }
    }

    /// <summary>Appends <paramref name="value"/> padded on the left to the width of <paramref name="widest"/>, so the columns after it stay put.</summary>
    private void AppendPadded(int value, int widest)
    {
        for (int padding = DigitCount(widest) - DigitCount(value); padding > 0; padding--)
        {
            Append(' ');
        }

        Append(value);
    }

    private void AppendValue(double value)
    {
        if (ProgressFormat.TryFormatValue(value, _line.AsSpan(_lineLength), out int written))
        {
            _lineLength += written;
        }
    }

    /// <summary>The decimal digits of a count (1 for 0 to 9), without formatting it: the live line must not allocate.</summary>
    private static int DigitCount(int value)
    {
        int digits = 1;
        for (long limit = 10; value >= limit; limit *= 10)
        {
            digits++;
        }

        return digits;
    }

    /// <summary>Appends seconds as <c>m:ss</c> or <c>h:mm:ss</c>.</summary>
    private void AppendDuration(double seconds)
    {
        if (!double.IsFinite(seconds))
        {
            Append("?");
            return;
        }

        long total = (long)Math.Round(seconds);
        long hours = total / 3600;
        long minutes = total / 60 % 60;
        long secs = total % 60;
        if (hours > 0)
        {
            Append((int)hours);
            Append(':');
            AppendTwoDigits(minutes);
        }
        else
        {
            Append((int)minutes);
        }

        Append(':');
        AppendTwoDigits(secs);
    }

    private void AppendTwoDigits(long value)
    {
        Append((char)('0' + (value / 10)));
        Append((char)('0' + (value % 10)));
    }
}
