using System.Text;
using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;
using GenNN.Generator.Losses;
using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary>The class's XML summary: what the network computes, a row per layer, totals. It is what an IDE shows on hover.</summary>
internal static partial class NetworkEmitter
{
    private static void WriteDocumentation(SourceWriter writer, NetworkSpec spec)
    {
        var shape = new StringBuilder(Invariant.Text(spec.InputSize));
        foreach (LayerSpec layer in spec.Layers)
        {
            shape.Append(" → ").Append(Invariant.Text(layer.OutputSize));
        }

        string training = spec.Loss is LossKind loss
            ? $"trained on {LossEmitters.For(loss).DisplayName}"
            : "inference only (no [Loss] declared)";
        int bytesPerValue = spec.Numeric == NumericType.Single ? 4 : 8;

        writer.Line("/// <summary>");
        writer.Line($"/// GenNN network {shape} in <see langword=\"{spec.Numeric.Keyword()}\"/>, {training}.");
        writer.Line("/// <list type=\"table\">");
        writer.Line("/// <listheader><term>Layer</term><description>Kind, shape, activation, parameters, FLOPs per inference</description></listheader>");
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            LayerSpec layer = spec.Layers[l];
            writer.Line(
                $"/// <item><term>{Invariant.Text(l + 1)} {layer.Name}</term><description>{layer.KindName} {Invariant.Text(layer.InputSize)} → {Invariant.Text(layer.OutputSize)}, "
                + $"{ActivationEmitter.Describe(layer.Activation)}, {Invariant.Text(layer.ParameterCount)} parameters, {Invariant.Text(layer.Flops)} FLOPs</description></item>");
        }

        writer.Line(
            $"/// <item><term>Total</term><description>{Invariant.Text(spec.ParameterCount)} parameters ({Invariant.Text((long)spec.ParameterCount * bytesPerValue)} bytes), "
            + $"{Invariant.Text(spec.Flops)} FLOPs per inference</description></item>");
        writer.Line("/// </list>");
        writer.Line("/// FLOPs count a multiply-add as two and leave out activations.");
        writer.Line("/// </summary>");
    }
}
