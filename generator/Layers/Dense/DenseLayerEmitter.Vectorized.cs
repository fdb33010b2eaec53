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

    private static void EmitVectorizedForward(SourceWriter writer, LayerContext context, string w, string b)
        => writer.Line($"{Kernel}.Forward<{context.T}, {context.ActivationType}>({w}, {b}, x, y, {context.Literal(context.Activation.NegativeSlope)});");

    private static void EmitVectorizedBlockForward(SourceWriter writer, LayerContext context, BlockViews views, string w, string b)
        => writer.Line(
            $"global::GenNN.Kernels.DenseBatchKernel.Forward<{context.T}, {context.ActivationType}>("
            + $"{w}, {b}, {views.Inputs.Base}, {views.Inputs.Stride}, {context.Constant("InputSize")}, {views.Outputs.Base}, {views.Outputs.Stride}, {views.Count}, "
            + $"{context.Literal(context.Activation.NegativeSlope)});");

    /// <summary>Turns <c>dz</c> (holding <c>dL/dy</c>) into <c>dL/dz</c> in place, from the outputs <c>y</c>.</summary>
    private static void EmitVectorizedActivationBackward(SourceWriter writer, LayerContext context)
        => writer.Line($"{Kernel}.ActivationBackward<{context.T}, {context.ActivationType}>(y, dz, {context.Literal(context.Activation.NegativeSlope)});");
}
