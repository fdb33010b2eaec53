using System.Collections.Generic;
using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;

namespace GenNN.Generator.Layers.Dense;

/// <summary>The unrolled form: one statement per neuron with every weight index a constant.</summary>
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
                terms.Add($"{w}[{Invariant.Text((j * inputs) + i)}] * {context.Input}[{Invariant.Text(i)}]");
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

    private static void EmitUnrolledBackward(
        SourceWriter writer, LayerEmitContext context, DenseLayerSpec layer, bool applyDerivative, string w, string gw, string gb)
    {
        int inputs = layer.InputSize;
        string d = context.Delta;
        if (applyDerivative)
        {
            for (int j = 0; j < layer.OutputSize; j++)
            {
                string dj = $"{d}[{Invariant.Text(j)}]";
                writer.Line($"{dj} = {ActivationEmitter.Backward(layer.Activation, context.Numeric, dj, $"{context.Output}[{Invariant.Text(j)}]")};");
            }
        }

        for (int j = 0; j < layer.OutputSize; j++)
        {
            for (int i = 0; i < inputs; i++)
            {
                writer.Line($"{gw}[{Invariant.Text((j * inputs) + i)}] += {d}[{Invariant.Text(j)}] * {context.Input}[{Invariant.Text(i)}];");
            }

            writer.Line($"{gb}[{Invariant.Text(j)}] += {d}[{Invariant.Text(j)}];");
        }

        if (context.InputDelta is null)
        {
            return;
        }

        for (int i = 0; i < inputs; i++)
        {
            var terms = new List<string>(layer.OutputSize);
            for (int j = 0; j < layer.OutputSize; j++)
            {
                terms.Add($"{w}[{Invariant.Text((j * inputs) + i)}] * {d}[{Invariant.Text(j)}]");
            }

            SumWriter.Write(writer, $"{context.InputDelta}[{Invariant.Text(i)}] =", terms);
        }
    }
}
