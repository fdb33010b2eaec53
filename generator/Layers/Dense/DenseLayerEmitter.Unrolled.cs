using System.Collections.Generic;
using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;

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

            if (layer.Activation.IsElementwise)
            {
                writer.Line($"{context.Output}[{Invariant.Text(j)}] = {ActivationEmitter.Apply(layer.Activation, context.Numeric, "z")};");
            }
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
