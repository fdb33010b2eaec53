using System;
using System.Globalization;

namespace GenNN.Training;

/// <summary>
/// How <see cref="ConsoleProgress"/> writes numbers: every loss, metric and learning rate in the same width, so that
/// a column stays put from one line to the next and no value shows more or fewer digits than its neighbours
/// (<c>accuracy   1.0000</c> beside <c>loss   0.0132</c>, not <c>accuracy 1</c> beside <c>loss 0.01324</c>).
/// </summary>
internal static class ProgressFormat
{
    /// <summary>The characters of every value, right-aligned (wider only for a negative value far from 0).</summary>
    public const int ValueWidth = 8;

    /// <summary>
    /// Writes a loss or metric right-aligned in <see cref="ValueWidth"/> characters: four decimals from 0.001 to
    /// 1000 (Keras's style), three significant digits in scientific notation beyond (<c>1.32e-05</c>), so that a
    /// small loss never shows as <c>0.0000</c>.
    /// </summary>
    public static bool TryFormatValue(double value, Span<char> destination, out int written)
    {
        double magnitude = Math.Abs(value);
        bool decimals = value == 0 || (magnitude >= 1e-3 && Math.Round(magnitude, 4) < 1e3);
        return TryFormatPadded(value == 0 ? 0 : value, decimals ? "F4" : "0.00e+00", destination, out written);
    }

    /// <summary>Writes a learning rate right-aligned in <see cref="ValueWidth"/> characters, always in scientific notation (<c>1.00e-03</c>): rates span decades, and three significant digits tell them apart.</summary>
    public static bool TryFormatRate(double rate, Span<char> destination, out int written)
        => TryFormatPadded(rate, "0.00e+00", destination, out written);

    /// <summary>A loss or metric as <see cref="TryFormatValue"/> writes it.</summary>
    public static string Value(double value) => Format(value, rate: false);

    /// <summary>A learning rate as <see cref="TryFormatRate"/> writes it.</summary>
    public static string Rate(double rate) => Format(rate, rate: true);

    private static string Format(double value, bool rate)
    {
        Span<char> text = stackalloc char[64];
        int written;
        bool formatted = rate ? TryFormatRate(value, text, out written) : TryFormatValue(value, text, out written);
        return formatted ? new string(text[..written]) : value.ToString(CultureInfo.InvariantCulture);
    }

    private static bool TryFormatPadded(double value, string format, Span<char> destination, out int written)
    {
        Span<char> text = stackalloc char[32];
        int length;
        if (double.IsFinite(value))
        {
            value.TryFormat(text, out length, format, CultureInfo.InvariantCulture);
        }
        else
        {
            string special = double.IsNaN(value) ? "NaN" : value > 0 ? "inf" : "-inf";
            special.CopyTo(text);
            length = special.Length;
        }

        int padding = Math.Max(0, ValueWidth - length);
        if (destination.Length < padding + length)
        {
            written = 0;
            return false;
        }

        destination[..padding].Fill(' ');
        text[..length].CopyTo(destination[padding..]);
        written = padding + length;
        return true;
    }
}
