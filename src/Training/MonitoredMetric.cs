using System;
using System.Collections.Generic;
using System.Linq;

namespace GenNN.Training;

/// <summary>A value a fit watches (for early stopping or a schedule), and which way it improves.</summary>
internal sealed record MonitoredMetric(string Name, bool HigherIsBetter)
{
    /// <summary>
    /// Checks that the fit measures <paramref name="name"/> and settles its direction: <paramref name="mode"/> when
    /// given, else the metric's own.
    /// </summary>
    /// <exception cref="ArgumentException">The fit does not measure <paramref name="name"/>.</exception>
    public static MonitoredMetric Resolve(string name, MonitorMode mode, IReadOnlyDictionary<string, bool> available, string setting)
    {
        if (!available.TryGetValue(name, out bool higherIsBetter))
        {
            string hint = name.StartsWith("val_", StringComparison.Ordinal) && !available.ContainsKey("val_loss")
                ? " Validation values need a validation set or a ValidationSplit."
                : string.Empty;
            throw new ArgumentException(
                $"{setting} is '{name}', but this fit measures only {string.Join(", ", available.Keys.Order(StringComparer.Ordinal).Select(key => $"'{key}'"))}.{hint}",
                "options");
        }

        return new MonitoredMetric(name, mode switch
        {
            MonitorMode.Min => false,
            MonitorMode.Max => true,
            _ => higherIsBetter,
        });
    }
}
