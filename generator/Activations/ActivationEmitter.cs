using System;
using System.Globalization;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Activations;

/// <summary>
/// The code for every activation: the forward expression, the backward expression, and softmax's vector forms. The
/// classic activations' derivatives are written from the output <c>a</c> (all a fused layer keeps); GELU, SiLU,
/// Softplus and ELU use the pre-activation <c>z</c> through <c>GenNN.Kernels.ActivationMath</c>, with PyTorch's formulas.
/// </summary>
internal static class ActivationEmitter
{
    private const string Math = "global::GenNN.Kernels.ActivationMath";

    /// <summary>How the activation reads in comments and documentation (<c>tanh</c>, <c>LeakyReLU(0.01)</c>).</summary>
    public static string Describe(ActivationSpec activation) => activation.Kind switch
    {
        ActivationKind.LeakyReLU or ActivationKind.ELU => $"{activation.Kind}({Number(activation.Parameter)})",
        _ => activation.Kind.ToString(),
    };

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// The forward formula in terms of <c>z</c>, for comments. A compound <c>z</c> (<c>b[j] + Σ_i x[i]·w[i, j]</c>) is
    /// bracketed wherever an operator would otherwise bind to part of it (<c>e^−(b[j] + …)</c>).
    /// </summary>
    public static string Formula(ActivationSpec activation, string z)
    {
        string operand = z.IndexOf(' ') < 0 ? z : $"({z})";
        return activation.Kind switch
        {
            ActivationKind.Identity => z,
            ActivationKind.ReLU => $"max({z}, 0)",
            ActivationKind.LeakyReLU => $"({z} > 0 ? {z} : {Number(activation.Parameter)}·{operand})",
            ActivationKind.Sigmoid => $"1 / (1 + e^−{operand})",
            ActivationKind.Tanh => $"tanh({z})",
            ActivationKind.Softmax => $"softmax({z})",
            ActivationKind.ELU => $"({z} > 0 ? {z} : {Number(activation.Parameter)}·(e^{operand} − 1))",
            ActivationKind.GELU => $"{operand}/2·(1 + erf({operand}/√2))",
            ActivationKind.GELUTanh => $"{operand}/2·(1 + tanh(√(2/π)·({z} + 0.044715·{operand}³)))",
            ActivationKind.SiLU => $"{operand} / (1 + e^−{operand})",
            ActivationKind.Softplus => $"ln(1 + e^{operand})",
            _ => throw new ArgumentOutOfRangeException(nameof(activation)),
        };
    }

    /// <summary>The derivative formula in terms of the output <c>a</c> or the pre-activation <c>z</c>, for comments.</summary>
    public static string DerivativeFormula(ActivationSpec activation, string a, string z) => activation.Kind switch
    {
        ActivationKind.Identity => "1",
        ActivationKind.ReLU => $"({a} > 0 ? 1 : 0)",
        ActivationKind.LeakyReLU => $"({a} > 0 ? 1 : {Number(activation.Parameter)})",
        ActivationKind.Sigmoid => $"{a}·(1 − {a})",
        ActivationKind.Tanh => $"(1 − {a}²)",
        ActivationKind.ELU => $"({z} > 0 ? 1 : {Number(activation.Parameter)}·e^{z})",
        ActivationKind.GELU => $"(Φ({z}) + {z}·φ({z}))",
        ActivationKind.GELUTanh => $"gelu_tanh'({z})",
        ActivationKind.SiLU => $"σ({z})·(1 + {z}·(1 − σ({z})))",
        ActivationKind.Softplus => $"σ({z})",
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
            ActivationKind.LeakyReLU => $"({z} > {type.Literal(0)} ? {z} : {type.Literal(activation.Parameter)} * {z})",
            ActivationKind.Sigmoid => $"{type.Literal(1)} / ({type.Literal(1)} + {math}.Exp(-{z}))",
            ActivationKind.Tanh => $"{math}.Tanh({z})",
            ActivationKind.ELU => $"{Math}.Elu({z}, {type.Literal(activation.Parameter)})",
            ActivationKind.GELU => $"{Math}.Gelu({z})",
            ActivationKind.GELUTanh => $"{Math}.GeluTanh({z})",
            ActivationKind.SiLU => $"{Math}.Silu({z})",
            ActivationKind.Softplus => $"{Math}.Softplus({z})",
            _ => throw new ArgumentOutOfRangeException(nameof(activation), "Softmax is not elementwise."),
        };
    }

    /// <summary>
    /// An expression for <c>dL/dz</c> of an elementwise activation, from <c>dL/da</c> (<paramref name="delta"/>), the
    /// output <paramref name="a"/> and the pre-activation <paramref name="z"/> (which only GELU, SiLU, Softplus and ELU
    /// read). ReLU and LeakyReLU test <c>a &gt; 0</c>, which equals <c>z &gt; 0</c> because the slope is in [0, 1).
    /// </summary>
    public static string Backward(ActivationSpec activation, NumericType type, string delta, string a, string z) => activation.Kind switch
    {
        ActivationKind.Identity => delta,
        ActivationKind.ReLU => $"({a} > {type.Literal(0)} ? {delta} : {type.Literal(0)})",
        ActivationKind.LeakyReLU => $"({a} > {type.Literal(0)} ? {delta} : {type.Literal(activation.Parameter)} * {delta})",
        ActivationKind.Sigmoid => $"{delta} * {a} * ({type.Literal(1)} - {a})",
        ActivationKind.Tanh => $"{delta} * ({type.Literal(1)} - {a} * {a})",
        ActivationKind.ELU => $"{delta} * {Math}.EluDerivative({z}, {type.Literal(activation.Parameter)})",
        ActivationKind.GELU => $"{delta} * {Math}.GeluDerivative({z})",
        ActivationKind.GELUTanh => $"{delta} * {Math}.GeluTanhDerivative({z})",
        ActivationKind.SiLU => $"{delta} * {Math}.SiluDerivative({z})",
        ActivationKind.Softplus => $"{delta} * {Math}.SoftplusDerivative({z})",
        _ => throw new ArgumentOutOfRangeException(nameof(activation), "Softmax is not elementwise."),
    };

    /// <summary>The local <see cref="EmitSoftmax"/> leaves holding the largest logit, the shift of every exponential.</summary>
    public const string SoftmaxShift = "softmaxMax";

    /// <summary>The local <see cref="EmitSoftmax"/> leaves holding <c>Σ e^(logits − max)</c>.</summary>
    public const string SoftmaxSum = "softmaxSum";

    /// <summary>
    /// Writes a numerically stable softmax: <c>output = e^(logits − max) / Σ e^(logits − max)</c>, leaving the shift and
    /// the sum in the locals <see cref="SoftmaxShift"/> and <see cref="SoftmaxSum"/> (the cross-entropy loss reuses them).
    /// </summary>
    public static void EmitSoftmax(SourceWriter writer, NumericType type, string logits, string output)
    {
        string t = type.Keyword();
        string math = type.MathClass();
        writer.Line($"// Softmax, shifted by the largest logit so no exponential overflows: {output} = e^({logits} − max) / Σ e^({logits} − max)");
        writer.Line($"{t} {SoftmaxShift} = {TensorPrimitivesSyntax.Call(type, "Max")}({logits});");
        writer.Line($"{t} {SoftmaxSum} = {type.Literal(0)};");
        writer.Line($"for (int k = 0; k < {output}.Length; k++)");
        using (writer.Block())
        {
            writer.Line($"{output}[k] = {math}.Exp({logits}[k] - {SoftmaxShift});");
            writer.Line($"{SoftmaxSum} += {output}[k];");
        }

        writer.Line($"{TensorPrimitivesSyntax.Call(type, "Multiply")}({output}, {type.Literal(1)} / {SoftmaxSum}, {output});");
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
