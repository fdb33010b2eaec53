using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Dense;

/// <summary>
/// The loop form: constant-bound loops over the rows of <c>W</c>, each row handled by a SIMD primitive
/// (<c>TensorPrimitives.Dot</c> / <c>MultiplyAdd</c>) so the inner loop is vectorized for whatever the CPU offers.
/// </summary>
internal sealed partial class DenseLayerEmitter
{
    private static void EmitLoopForward(SourceWriter writer, LayerEmitContext context, DenseLayerSpec layer, string w, string b)
    {
        string inputs = layer.Name + "InputSize";
        writer.Line($"for (int j = 0; j < {layer.Name}Size; j++)");
        using (writer.Block())
        {
            writer.Line($"z = {b}[j] + {TensorPrimitivesSyntax.Call(context.Numeric, "Dot")}({w}.Slice(j * {inputs}, {inputs}), {context.Input});");
            if (context.Logits is not null)
            {
                writer.Line($"{context.Logits}[j] = z;");
            }

            if (layer.Activation.IsElementwise)
            {
                writer.Line($"{context.Output}[j] = {ActivationEmitter.Apply(layer.Activation, context.Numeric, "z")};");
            }
        }
    }

    private static void EmitLoopBackward(
        SourceWriter writer, LayerEmitContext context, DenseLayerSpec layer, bool applyDerivative, string w, string gw, string gb)
    {
        string inputs = layer.Name + "InputSize";
        string size = layer.Name + "Size";
        string d = context.Delta;
        if (applyDerivative)
        {
            writer.Line($"for (int j = 0; j < {size}; j++)");
            using (writer.Block())
            {
                writer.Line($"{d}[j] = {ActivationEmitter.Backward(layer.Activation, context.Numeric, $"{d}[j]", $"{context.Output}[j]")};");
            }
        }

        writer.Line($"for (int j = 0; j < {size}; j++)");
        using (writer.Block())
        {
            writer.Line($"global::System.Span<{context.Numeric.Keyword()}> gradientRow = {gw}.Slice(j * {inputs}, {inputs});");
            writer.Line($"{TensorPrimitivesSyntax.Call(context.Numeric, "MultiplyAdd")}({context.Input}, {d}[j], gradientRow, gradientRow);");
            writer.Line($"{gb}[j] += {d}[j];");
        }

        if (context.InputDelta is null)
        {
            return;
        }

        writer.Line($"{context.InputDelta}.Clear();");
        writer.Line($"for (int j = 0; j < {size}; j++)");
        using (writer.Block())
        {
            writer.Line($"{TensorPrimitivesSyntax.Call(context.Numeric, "MultiplyAdd")}({w}.Slice(j * {inputs}, {inputs}), {d}[j], {context.InputDelta}, {context.InputDelta});");
        }
    }
}
