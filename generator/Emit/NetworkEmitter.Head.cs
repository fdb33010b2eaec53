using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;
using GenNN.Generator.Losses;
using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary>
/// The network's output head: the last layer writes its pre-activations (<c>logits</c>); the head applies the output
/// activation and, in training, the loss and its gradient with respect to the logits. Losses that fuse with the
/// activation (cross-entropy with softmax, binary cross-entropy with sigmoid) give that gradient directly and
/// exactly; the others give <c>dL/d(output)</c>, which the head turns into <c>dL/d(logits)</c>.
/// </summary>
internal static partial class NetworkEmitter
{
    /// <summary>Writes <c>output</c> from <c>logits</c> with the head's activation.</summary>
    private static void WriteHeadActivation(SourceWriter writer, NetworkSpec spec)
    {
        ActivationSpec activation = spec.HeadActivation;
        if (activation.Kind == ActivationKind.Identity)
        {
            writer.Line("logits.CopyTo(output);");
        }
        else if (activation.IsElementwise)
        {
            writer.Line("for (int k = 0; k < OutputSize; k++)");
            using (writer.Block())
            {
                writer.Line($"output[k] = {ActivationEmitter.Apply(activation, spec.Numeric, "logits[k]")};");
            }
        }
        else
        {
            ActivationEmitter.EmitSoftmax(writer, spec.Numeric, "logits", "output");
        }
    }

    /// <summary>
    /// Declares <c>loss</c> from <c>logits</c>, <c>output</c> and <c>target</c>, and writes <c>dL/d(logits)</c> into
    /// <paramref name="delta"/> when it is not null.
    /// </summary>
    private static void WriteHeadLoss(SourceWriter writer, NetworkSpec spec, ILossEmitter loss, string? delta)
    {
        loss.Emit(writer, spec.Numeric, delta);
        ActivationSpec activation = spec.HeadActivation;
        if (delta is null || loss.GradientIsPreActivation || activation.Kind == ActivationKind.Identity)
        {
            return;
        }

        if (!activation.IsElementwise)
        {
            ActivationEmitter.EmitSoftmaxBackward(writer, spec.Numeric, delta, "output");
            return;
        }

        writer.Line($"// The head's activation backward: dL/dlogits = dL/doutput ⊙ {ActivationEmitter.DerivativeFormula(activation, "output", "logits")}");
        writer.Line("for (int k = 0; k < OutputSize; k++)");
        using (writer.Block())
        {
            writer.Line($"{delta}[k] = {ActivationEmitter.Backward(activation, spec.Numeric, $"{delta}[k]", "output[k]", "logits[k]")};");
        }
    }
}
