using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Dense;

/// <summary>
/// The vectorized form: one call per pass to <c>GenNN.Kernels.DenseKernel</c>, specialized by the JIT for the element
/// type and the activation (a type argument, so it is inlined into the kernel's loop, not called through).
/// </summary>
internal sealed partial class DenseLayerEmitter
{
    private const string Kernel = "global::GenNN.Kernels.DenseKernel";

    private static void EmitVectorizedForward(SourceWriter writer, LayerEmitContext context, DenseLayerSpec layer, string w, string b)
    {
        string slope = context.Numeric.Literal(layer.Activation.NegativeSlope);
        if (context.Logits is null)
        {
            writer.Line($"{Kernel}.Forward<{context.Numeric.Keyword()}, {ActivationType(layer.Activation, context.Numeric)}>({w}, {b}, {context.Input}, {context.Output}, {slope});");
            return;
        }

        // The output layer keeps its pre-activations for the fused losses: the kernel writes them, and the
        // activation (a handful of outputs) follows on its own.
        writer.Line($"{Kernel}.Forward<{context.Numeric.Keyword()}, {ActivationType(new ActivationSpec(ActivationKind.Identity, 0), context.Numeric)}>({w}, {b}, {context.Input}, {context.Logits}, {slope});");
        if (layer.Activation.IsElementwise)
        {
            writer.Line($"for (int j = 0; j < {layer.Name}Size; j++)");
            using (writer.Block())
            {
                writer.Line($"{context.Output}[j] = {ActivationEmitter.Apply(layer.Activation, context.Numeric, $"{context.Logits}[j]")};");
            }
        }
    }

    private static void EmitVectorizedBatchForward(
        SourceWriter writer, LayerEmitContext context, DenseLayerSpec layer, ActivationSpec activation, BatchForwardViews views, string w, string b)
        => writer.Line(
            $"global::GenNN.Kernels.DenseBatchKernel.Forward<{context.Numeric.Keyword()}, {ActivationType(activation, context.Numeric)}>("
            + $"{w}, {b}, {views.Inputs}, {views.InputStride}, {layer.Name}InputSize, {views.Outputs}, {views.OutputStride}, {views.Count}, "
            + $"{context.Numeric.Literal(activation.NegativeSlope)});");

    private static void EmitVectorizedActivationBackward(SourceWriter writer, LayerEmitContext context, DenseLayerSpec layer)
        => writer.Line(
            $"{Kernel}.ActivationBackward<{context.Numeric.Keyword()}, {ActivationType(layer.Activation, context.Numeric)}>"
            + $"({context.Output}, {context.Delta}, {context.Numeric.Literal(layer.Activation.NegativeSlope)});");

    private static void EmitVectorizedSampleGradients(SourceWriter writer, LayerEmitContext context, string w, string gw, string gb)
        => writer.Line(
            $"{Kernel}.Backward<{context.Numeric.Keyword()}>({(context.InputDelta is null ? "default" : w)}, {context.Input}, {context.Delta}, {gw}, {gb}, "
            + $"{context.InputDelta ?? "default"});");

    /// <summary>The kernel activation type for <paramref name="activation"/>: <c>global::GenNN.Kernels.TanhActivation&lt;float&gt;</c>.</summary>
    private static string ActivationType(ActivationSpec activation, NumericType numeric)
        => $"global::GenNN.Kernels.{activation.Kind}Activation<{numeric.Keyword()}>";
}
