using System.Collections.Generic;
using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;

namespace GenNN.Generator.Layers.Dense;

/// <summary>The unrolled form: one statement per neuron or weight, every index a constant. Reads <c>x</c>, writes <c>y</c>.</summary>
internal sealed partial class DenseLayerEmitter
{
    /// <summary>Inputs from which a neuron's sum is split into <see cref="PartialSums"/> chains.</summary>
    private const int SplitFrom = 8;

    /// <summary>
    /// Partial sums of a long neuron: input i goes to chain i mod 4, so four chains of additions run side by side
    /// instead of one that waits on each addition in turn (a 16-input neuron: 16 dependent additions become 4, then 2).
    /// The emitted declaration <c>z0 … z3</c> and their pairwise total are written for four.
    /// </summary>
    private const int PartialSums = 4;

    private static void EmitUnrolledForward(SourceWriter writer, LayerContext context, DenseLayerSpec layer, string w, string b)
    {
        writer.Line($"{context.T} z;");
        int chains = layer.Inputs >= SplitFrom ? PartialSums : 1;
        if (chains > 1)
        {
            writer.Line($"// Each sum in {Invariant.Text(PartialSums)} partial sums (input i in z_(i mod {Invariant.Text(PartialSums)})), so that the additions do not wait on each other");
            writer.Line($"{context.T} z0, z1, z2, z3;");
        }

        for (int j = 0; j < layer.Units; j++)
        {
            for (int chain = 0; chain < chains; chain++)
            {
                var terms = new List<string>();
                if (chain == 0)
                {
                    terms.Add($"{b}[{Invariant.Text(j)}]");
                }

                for (int i = chain; i < layer.Inputs; i += chains)
                {
                    terms.Add($"x[{Invariant.Text(i)}] * {w}[{Invariant.Text((i * layer.Units) + j)}]");
                }

                SumWriter.Write(writer, chains == 1 ? "z =" : $"z{Invariant.Text(chain)} =", terms);
            }

            if (chains > 1)
            {
                writer.Line("z = (z0 + z1) + (z2 + z3);");
            }

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
