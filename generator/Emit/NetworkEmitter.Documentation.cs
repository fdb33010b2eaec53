using System.Text;
using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;
using GenNN.Generator.Losses;
using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary>
/// The class's XML summary: what the network computes, a row per layer, totals. It is what an IDE shows on hover. A
/// class the user gave a summary keeps it, and this goes into its remarks.
/// </summary>
internal static partial class NetworkEmitter
{
    private static void WriteDocumentation(SourceWriter writer, NetworkSpec spec)
    {
        var shape = new StringBuilder(spec.InputShape.ToString());
        foreach (LayerSpec layer in spec.Layers)
        {
            if (!layer.AliasesInput(layer == spec.OutputLayer) || layer.OutputShape != layer.InputShape)
            {
                shape.Append(" → ").Append(layer.OutputShape);
            }
        }

        string training = spec.Loss is LossKind loss
            ? $"trained on {LossEmitters.For(loss).DisplayName}"
            : "inference only (no [Loss] declared)";
        int bytesPerValue = spec.Numeric == NumericType.Single ? 4 : 8;

        string element = spec.ClassHasOwnSummary ? "remarks" : "summary";
        writer.Line($"/// <{element}>");
        writer.Line($"/// GenNN network {shape} in <see langword=\"{spec.Numeric.Keyword()}\"/>, {training}.");
        writer.Line("/// <list type=\"table\">");
        writer.Line("/// <listheader><term>Layer</term><description>Kind, shape, activation, parameters, FLOPs per inference</description></listheader>");
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            LayerSpec layer = spec.Layers[l];
            writer.Line(
                $"/// <item><term>{Invariant.Text(l + 1)} {layer.Name}</term><description>{layer.Summary} {layer.InputShape} → {layer.OutputShape}, "
                + $"{layer.InnerNonlinearity ?? ActivationEmitter.Describe(layer.Activation)}, {Invariant.Text(layer.ParameterCount)} parameters, {Invariant.Text(layer.Flops)} FLOPs</description></item>");
        }

        writer.Line(
            $"/// <item><term>Total</term><description>{Invariant.Text(spec.ParameterCount)} parameters ({Invariant.Text((long)spec.ParameterCount * bytesPerValue)} bytes), "
            + $"{Invariant.Text(spec.Flops)} FLOPs per inference</description></item>");
        writer.Line("/// </list>");
        if (spec.BufferCount > 0)
        {
            writer.Line($"/// It also keeps {Invariant.Text(spec.BufferCount)} state values (running statistics) in <c>Buffers</c>.");
        }

        writer.Line("/// FLOPs count a multiply-add as two and leave out activations.");
        if (StreamingLayers(spec, out string? whyNot) is null && whyNot is not null)
        {
            // Said here because the missing members cannot say it: a user reaching for State or Step gets only CS0426/CS1061.
            writer.Line($"/// It has no streaming <c>Step</c>: {whyNot}.");
        }

        if (spec.WeightsPath is not null)
        {
            writer.Line($"/// Its trained weights are compiled in from <c>{Xml(spec.WeightsPath)}</c>: see <c>ResetToTrainedWeights</c>.");
        }

        writer.Line($"/// </{element}>");
    }
}
