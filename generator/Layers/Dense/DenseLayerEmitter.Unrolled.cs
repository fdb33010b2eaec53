using System.Collections.Generic;
using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Dense;

/// <summary>The unrolled form: one statement per neuron or weight, every index a constant.</summary>
internal sealed partial class DenseLayerEmitter
{
    private static void EmitUnrolledForward(SourceWriter writer, LayerEmitContext context, DenseLayerSpec layer, string w, string b)
    {
        int inputs = layer.InputSize;
        for (int j = 0; j < layer.OutputSize; j++)
        {
            var terms = new List<string>(inputs + 1) { $"{b}[{Invariant.Text(j)}]" };
            for (int i = 0; i < inputs; i++)
            {
                terms.Add($"{context.Input}[{Invariant.Text(i)}] * {w}[{Invariant.Text((i * layer.OutputSize) + j)}]");
            }

            SumWriter.Write(writer, "z =", terms);
            if (context.Logits is not null)
            {
                writer.Line($"{context.Logits}[{Invariant.Text(j)}] = z;");
            }

            if (context.Layer.Activation.IsElementwise)
            {
                writer.Line($"{context.Output}[{Invariant.Text(j)}] = {ActivationEmitter.Apply(context.Layer.Activation, context.Numeric, "z")};");
            }
        }
    }

    private static void EmitUnrolledBatchForward(
        SourceWriter writer, LayerEmitContext context, DenseLayerSpec layer, ActivationSpec activation, BatchForwardViews views, string w, string b)
    {
        string t = context.Numeric.Keyword();
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            writer.Line($"global::System.ReadOnlySpan<{t}> x = {views.Inputs}.Slice(s * {views.InputStride}, {layer.Name}InputSize);");
            writer.Line($"global::System.Span<{t}> y = {views.Outputs}.Slice(s * {views.OutputStride}, {layer.Name}Size);");
            writer.Line($"{t} z;");
            EmitUnrolledForward(writer, context with { Input = "x", Output = "y", Logits = null, Layer = layer with { Activation = activation } }, layer, w, b);
        }
    }

    private static void EmitUnrolledActivationBackward(SourceWriter writer, LayerEmitContext context, DenseLayerSpec layer)
    {
        for (int j = 0; j < layer.OutputSize; j++)
        {
            string dj = $"{context.Delta}[{Invariant.Text(j)}]";
            writer.Line($"{dj} = {ActivationEmitter.Backward(layer.Activation, context.Numeric, dj, $"{context.Output}[{Invariant.Text(j)}]")};");
        }
    }

    private static void EmitUnrolledParameterGradients(SourceWriter writer, LayerEmitContext context, DenseLayerSpec layer, string gw, string gb)
    {
        string d = context.Delta;
        for (int j = 0; j < layer.OutputSize; j++)
        {
            writer.Line($"{gb}[{Invariant.Text(j)}] += {d}[{Invariant.Text(j)}];");
        }

        for (int i = 0; i < layer.InputSize; i++)
        {
            for (int j = 0; j < layer.OutputSize; j++)
            {
                writer.Line($"{gw}[{Invariant.Text((i * layer.OutputSize) + j)}] += {context.Input}[{Invariant.Text(i)}] * {d}[{Invariant.Text(j)}];");
            }
        }
    }

    private static void EmitUnrolledInputGradient(SourceWriter writer, LayerEmitContext context, DenseLayerSpec layer, string w)
    {
        for (int i = 0; i < layer.InputSize; i++)
        {
            var terms = new List<string>(layer.OutputSize);
            for (int j = 0; j < layer.OutputSize; j++)
            {
                terms.Add($"{w}[{Invariant.Text((i * layer.OutputSize) + j)}] * {context.Delta}[{Invariant.Text(j)}]");
            }

            SumWriter.Write(writer, $"{context.InputDelta}[{Invariant.Text(i)}] =", terms);
        }
    }
}
