using System.Globalization;

namespace GenNN.Generator.Model;

/// <summary>The element type a network computes in (mirrors <c>GenNN.Precision</c>).</summary>
internal enum NumericType
{
    Single = 0,
    Double = 1,
}

/// <summary>How each <see cref="NumericType"/> is spelled in generated C#.</summary>
internal static class NumericTypeSyntax
{
    public static string Keyword(this NumericType type) => type == NumericType.Single ? "float" : "double";

    /// <summary>The math class whose methods take and return this type.</summary>
    public static string MathClass(this NumericType type)
        => type == NumericType.Single ? "global::System.MathF" : "global::System.Math";

    /// <summary>
    /// A literal that round-trips <paramref name="value"/> in this type, formatted with the invariant culture; the
    /// values no literal spells (infinities, NaN) by their constant's name.
    /// </summary>
    public static string Literal(this NumericType type, double value)
    {
        double rounded = type == NumericType.Single ? (float)value : value;
        if (double.IsNaN(rounded) || double.IsInfinity(rounded))
        {
            string name = double.IsNaN(rounded) ? "NaN" : rounded > 0 ? "PositiveInfinity" : "NegativeInfinity";
            return $"{type.Keyword()}.{name}";
        }

        if (type == NumericType.Single)
        {
            return ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f";
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(new[] { '.', 'E' }) >= 0 ? text : text + ".0";
    }
}
