using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Dropout;

/// <summary>
/// Writes inverted dropout. Training draws the mask layer by layer, sample by sample, value by value from
/// <c>random</c> (so a seed fixes every mask), writes <c>y = x ⊙ m</c> and keeps <c>m</c>; backward is
/// <c>dx = dy ⊙ m</c>. Inference copies.
/// </summary>
internal sealed class DropoutLayerEmitter : ILayerEmitter
{
    public static readonly DropoutLayerEmitter Instance = new();

    public void EmitForward(SourceWriter writer, LayerContext context, SampleViews views)
    {
        writer.Line("// Inference: no dropout, y = x");
        writer.Line($"{views.Input}.CopyTo({views.Output});");
    }

    public void EmitBlockForward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        var layer = (DropoutLayerSpec)context.Layer;
        if (!context.Training)
        {
            writer.Line("// Inference: no dropout, y = x");
            writer.Line($"for (int s = 0; s < {views.Count}; s++)");
            using (writer.Block())
            {
                writer.Line($"{views.Inputs.Sample("s")}.CopyTo({views.Outputs.Sample("s")});");
            }

            return;
        }

        string rate = Invariant.Text(layer.Rate);
        writer.Line($"// y = x ⊙ m, m[j] = 0 with probability {rate}, else 1/(1 − {rate})");
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            writer.Line($"global::System.ReadOnlySpan<{context.T}> x = {views.Inputs.Sample("s")};");
            writer.Line($"global::System.Span<{context.T}> y = {views.Outputs.Sample("s")};");
            writer.Line($"global::System.Span<{context.T}> m = {views.Region(layer.Name, "Mask").Sample("s")};");
            writer.Line($"for (int j = 0; j < {context.Constant("Size")}; j++)");
            using (writer.Block())
            {
                writer.Line($"m[j] = random.NextDouble() < {NumericType.Double.Literal(layer.Rate)} ? {context.Literal(0)} : {context.Literal(1 / (1 - layer.Rate))};");
                writer.Line("y[j] = x[j] * m[j];");
            }
        }
    }

    public void EmitBlockBackward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        writer.Line("// dx = dy ⊙ m");
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            writer.Line(
                $"{TensorPrimitivesSyntax.Call(context.Numeric, "Multiply")}({views.OutputDeltas!.Sample("s")}, "
                + $"{views.Region(context.Layer.Name, "Mask").Sample("s")}, {views.InputDeltas!.Sample("s")});");
        }
    }
}
