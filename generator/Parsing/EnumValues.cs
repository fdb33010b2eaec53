using System;
using System.Linq;
using GenNN.Generator.Model;

namespace GenNN.Generator.Parsing;

/// <summary>
/// Checks enum arguments against the values the generator knows: a cast such as <c>(Activation)42</c> compiles,
/// so the generator must reject it itself.
/// </summary>
internal static class EnumValues
{
    public static bool IsDefined<TEnum>(int value)
        where TEnum : struct, Enum
        => Enum.IsDefined(typeof(TEnum), value);

    /// <summary>The defined names, for messages: <c>Identity, ReLU, ...</c>.</summary>
    public static string NamesOf<TEnum>()
        where TEnum : struct, Enum
        => string.Join(", ", Enum.GetNames(typeof(TEnum)));

    /// <summary>The user-facing enum name for each model enum (the model mirrors the runtime's values).</summary>
    public static string UserFacingName<TEnum>()
        where TEnum : struct, Enum
        => typeof(TEnum) == typeof(ActivationKind) ? "Activation"
            : typeof(TEnum) == typeof(LossKind) ? "LossFunction"
            : typeof(TEnum) == typeof(NumericType) ? "Precision"
            : typeof(TEnum).Name;

    /// <summary>The runtime enum's member names for each model enum, in value order.</summary>
    public static string UserFacingNames<TEnum>()
        where TEnum : struct, Enum
        => typeof(TEnum) == typeof(NumericType) ? "Single, Double" : NamesOf<TEnum>();

    public static TEnum[] All<TEnum>()
        where TEnum : struct, Enum
        => Enum.GetValues(typeof(TEnum)).Cast<TEnum>().ToArray();
}
