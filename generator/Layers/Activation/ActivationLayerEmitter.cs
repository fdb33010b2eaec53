using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;

namespace GenNN.Generator.Layers.Activation;

/// <summary>
/// Writes an activation layer: <c>y[i] = f(x[i])</c> forward and <c>dx[i] = dy[i]·f'(x[i])</c> backward, reading both the
/// input <c>x</c> (kept: it is the previous layer's output) and the output <c>y</c>. Each sample is one call to
/// <c>GenNN.Kernels.ActivationLayerKernel</c>, specialized by the JIT for the activation, which it applies a vector of
/// values at a time.
/// </summary>
internal sealed class ActivationLayerEmitter : ILayerEmitter
{
    public static readonly ActivationLayerEmitter Instance = new();

    private const string Kernel = "global::GenNN.Kernels.ActivationLayerKernel";

    public void EmitForward(SourceWriter writer, LayerContext context, SampleViews views)
    {
        writer.Line($"global::System.ReadOnlySpan<{context.T}> x = {views.Input};");
        writer.Line($"global::System.Span<{context.T}> y = {views.Output};");
        EmitSample(writer, context);
    }

    public void EmitBlockForward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            writer.Line($"global::System.ReadOnlySpan<{context.T}> x = {views.Inputs.Sample("s")};");
            writer.Line($"global::System.Span<{context.T}> y = {views.Outputs.Sample("s")};");
            EmitSample(writer, context);
        }
    }

    public void EmitBlockBackward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        writer.Line($"// dx[i] = dy[i]·{ActivationEmitter.DerivativeFormula(context.Activation, "y[i]", "x[i]")}");
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            writer.Line($"global::System.ReadOnlySpan<{context.T}> x = {views.Inputs.Sample("s")};");
            writer.Line($"global::System.ReadOnlySpan<{context.T}> y = {views.Outputs.Sample("s")};");
            writer.Line($"global::System.ReadOnlySpan<{context.T}> dy = {views.OutputDeltas!.Sample("s")};");
            writer.Line($"global::System.Span<{context.T}> dx = {views.InputDeltas!.Sample("s")};");
            writer.Line($"{Kernel}.Backward<{context.T}, {context.ActivationType}>(x, y, dy, dx, {Parameter(context)});");
        }
    }

    private static void EmitSample(SourceWriter writer, LayerContext context)
    {
        writer.Line($"// y[i] = {ActivationEmitter.Formula(context.Activation, "x[i]")}");
        writer.Line($"{Kernel}.Forward<{context.T}, {context.ActivationType}>(x, y, {Parameter(context)});");
    }

    /// <summary>LeakyReLU's negative slope or ELU's alpha; 0 for the others.</summary>
    private static string Parameter(LayerContext context) => context.Literal(context.Activation.Parameter);
}
