using System;
using System.Globalization;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Activations;

/// <summary>
/// The code for every activation: the forward expression, the backward expression (written in terms of the
/// activation's output, so backward never needs the pre-activations), and softmax's vector forms.
/// </summary>
internal static class ActivationEmitter
{
    /// <summary>How the activation reads in comments and documentation (<c>tanh</c>, <c>LeakyReLU(0.01)</c>).</summary>
    public static string Describe(ActivationSpec activation) => activation.Kind switch
    {
        ActivationKind.LeakyReLU => "LeakyReLU(" + activation.NegativeSlope.ToString("R", CultureInfo.InvariantCulture) + ")",
        _ => activation.Kind.ToString(),
    };

    /// <summary>The forward formula in terms of <c>z</c>, for comments.</summary>
    public static string Formula(ActivationSpec activation, string z) => activation.Kind switch
    {
        ActivationKind.Identity => z,
        ActivationKind.ReLU => $"max({z}, 0)",
        ActivationKind.LeakyReLU => $"({z} > 0 ? {z} : {activation.NegativeSlope.ToString("R", CultureInfo.InvariantCulture)}·{z})",
        ActivationKind.Sigmoid => $"1 / (1 + e^−{z})",
        ActivationKind.Tanh => $"tanh({z})",
        ActivationKind.Softmax => $"softmax({z})",
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>The derivative formula in terms of the output <c>a</c>, for comments.</summary>
    public static string DerivativeFormula(ActivationSpec activation, string a) => activation.Kind switch
    {
        ActivationKind.Identity => "1",
        ActivationKind.ReLU => $"({a} > 0 ? 1 : 0)",
        ActivationKind.LeakyReLU => $"({a} > 0 ? 1 : {activation.NegativeSlope.ToString("R", CultureInfo.InvariantCulture)})",
        ActivationKind.Sigmoid => $"{a}·(1 − {a})",
        ActivationKind.Tanh => $"(1 − {a}²)",
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>An expression applying an elementwise activation to <paramref name="z"/>, a name or an element access (it may be read twice).</summary>
    public static string Apply(ActivationSpec activation, NumericType type, string z)
    {
        string math = type.MathClass();
        return activation.Kind switch
        {
            ActivationKind.Identity => z,
            ActivationKind.ReLU => $"{math}.Max({z}, {type.Literal(0)})",
            ActivationKind.LeakyReLU => $"({z} > {type.Literal(0)} ? {z} : {type.Literal(activation.NegativeSlope)} * {z})",
            ActivationKind.Sigmoid => $"{type.Literal(1)} / ({type.Literal(1)} + {math}.Exp(-{z}))",
            ActivationKind.Tanh => $"{math}.Tanh({z})",
            _ => throw new ArgumentOutOfRangeException(nameof(activation), "Softmax is not elementwise."),
        };
    }

    /// <summary>
    /// An expression for <c>dL/dz</c> of an elementwise activation, from <c>dL/da</c> (<paramref name="delta"/>)
    /// and the output <paramref name="a"/>. ReLU and LeakyReLU test <c>a &gt; 0</c>, which equals <c>z &gt; 0</c>
    /// because the slope is in [0, 1).
    /// </summary>
    public static string Backward(ActivationSpec activation, NumericType type, string delta, string a) => activation.Kind switch
    {
        ActivationKind.Identity => delta,
        ActivationKind.ReLU => $"({a} > {type.Literal(0)} ? {delta} : {type.Literal(0)})",
        ActivationKind.LeakyReLU => $"({a} > {type.Literal(0)} ? {delta} : {type.Literal(activation.NegativeSlope)} * {delta})",
        ActivationKind.Sigmoid => $"{delta} * {a} * ({type.Literal(1)} - {a})",
        ActivationKind.Tanh => $"{delta} * ({type.Literal(1)} - {a} * {a})",
        _ => throw new ArgumentOutOfRangeException(nameof(activation), "Softmax is not elementwise."),
    };

    /// <summary>Writes a numerically stable softmax: <c>output = e^(logits − max) / Σ e^(logits − max)</c>.</summary>
    public static void EmitSoftmax(SourceWriter writer, NumericType type, string logits, string output)
    {
        string t = type.Keyword();
        string math = type.MathClass();
        writer.Line($"// Softmax, shifted by the largest logit so no exponential overflows: {output} = e^({logits} − max) / Σ e^({logits} − max)");
        writer.Line($"{t} softmaxMax = {TensorPrimitivesSyntax.Call(type, "Max")}({logits});");
        writer.Line($"{t} softmaxSum = {type.Literal(0)};");
        writer.Line($"for (int k = 0; k < {output}.Length; k++)");
        using (writer.Block())
        {
            writer.Line($"{output}[k] = {math}.Exp({logits}[k] - softmaxMax);");
            writer.Line($"softmaxSum += {output}[k];");
        }

        writer.Line($"{TensorPrimitivesSyntax.Call(type, "Multiply")}({output}, {type.Literal(1)} / softmaxSum, {output});");
    }

    /// <summary>Writes softmax's backward pass in place: <c>dL/dz = a ⊙ (dL/da − (dL/da · a))</c>.</summary>
    public static void EmitSoftmaxBackward(SourceWriter writer, NumericType type, string delta, string a)
    {
        writer.Line($"// Softmax backward: dL/dz = {a} ⊙ (dL/da − Σ_k dL/da_k·{a}_k)");
        writer.Line($"{type.Keyword()} softmaxDot = {TensorPrimitivesSyntax.Call(type, "Dot")}({delta}, {a});");
        writer.Line($"for (int k = 0; k < {delta}.Length; k++)");
        using (writer.Block())
        {
            writer.Line($"{delta}[k] = {a}[k] * ({delta}[k] - softmaxDot);");
        }
    }
}
