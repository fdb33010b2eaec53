using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Activation;

/// <summary>
/// Writes an activation layer: <c>y[i] = f(x[i])</c> forward and <c>dx[i] = dy[i]·f'(x[i])</c> backward, reading both the
/// input <c>x</c> (kept: it is the previous layer's output) and the output <c>y</c>.
/// </summary>
internal sealed class ActivationLayerEmitter : ILayerEmitter
{
    public static readonly ActivationLayerEmitter Instance = new();

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
            writer.Line($"for (int i = 0; i < {context.Constant("Size")}; i++)");
            using (writer.Block())
            {
                writer.Line($"dx[i] = {ActivationEmitter.Backward(context.Activation, context.Numeric, "dy[i]", "y[i]", "x[i]")};");
            }
        }
    }

    private static void EmitSample(SourceWriter writer, LayerContext context)
    {
        writer.Line($"// y[i] = {ActivationEmitter.Formula(context.Activation, "x[i]")}");
        writer.Line($"for (int i = 0; i < {context.Constant("Size")}; i++)");
        using (writer.Block())
        {
            writer.Line($"y[i] = {ActivationEmitter.Apply(context.Activation, context.Numeric, "x[i]")};");
        }
    }
}
