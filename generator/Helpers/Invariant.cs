using System.Globalization;

namespace GenNN.Generator.Helpers;

/// <summary>Culture-independent number text for generated code and messages.</summary>
internal static class Invariant
{
    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The shortest text that round-trips <paramref name="value"/>.</summary>
    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
