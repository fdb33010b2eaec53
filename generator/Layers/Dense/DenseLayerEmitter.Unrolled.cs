using System.Collections.Generic;
using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;

namespace GenNN.Generator.Layers.Dense;

/// <summary>The unrolled form: one statement per neuron or weight, every index a constant. Reads <c>x</c>, writes <c>y</c>.</summary>
internal sealed partial class DenseLayerEmitter
{
    private static void EmitUnrolledForward(SourceWriter writer, LayerContext context, DenseLayerSpec layer, string w, string b)
    {
        writer.Line($"{context.T} z;");
        for (int j = 0; j < layer.Units; j++)
        {
            var terms = new List<string>(layer.Inputs + 1) { $"{b}[{Invariant.Text(j)}]" };
            for (int i = 0; i < layer.Inputs; i++)
            {
                terms.Add($"x[{Invariant.Text(i)}] * {w}[{Invariant.Text((i * layer.Units) + j)}]");
            }

            SumWriter.Write(writer, "z =", terms);
            writer.Line($"y[{Invariant.Text(j)}] = {ActivationEmitter.Apply(context.Activation, context.Numeric, "z")};");
        }
    }

    /// <summary>Turns <c>dz</c> (holding <c>dL/dy</c>) into <c>dL/dz</c> in place, from the outputs <c>y</c>.</summary>
    private static void EmitUnrolledActivationBackward(SourceWriter writer, LayerContext context, DenseLayerSpec layer)
    {
        for (int j = 0; j < layer.Units; j++)
        {
            string dj = $"dz[{Invariant.Text(j)}]";
            writer.Line($"{dj} = {ActivationEmitter.Backward(context.Activation, context.Numeric, dj, $"y[{Invariant.Text(j)}]", "z")};");
        }
    }

    /// <summary>Writes <c>dx</c> from <c>dz</c>.</summary>
    private static void EmitUnrolledInputGradient(SourceWriter writer, DenseLayerSpec layer, string w)
    {
        for (int i = 0; i < layer.Inputs; i++)
        {
            var terms = new List<string>(layer.Units);
            for (int j = 0; j < layer.Units; j++)
            {
                terms.Add($"{w}[{Invariant.Text((i * layer.Units) + j)}] * dz[{Invariant.Text(j)}]");
            }

            SumWriter.Write(writer, $"dx[{Invariant.Text(i)}] =", terms);
        }
    }
}
