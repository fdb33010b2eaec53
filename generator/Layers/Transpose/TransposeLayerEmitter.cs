using GenNN.Generator.Helpers;

namespace GenNN.Generator.Layers.Transpose;

/// <summary>Writes the transpose of each sample's <c>[A, B]</c> values, and backward the transpose of the deltas back.</summary>
internal sealed class TransposeLayerEmitter : ILayerEmitter
{
    public static readonly TransposeLayerEmitter Instance = new();

    private const string Kernel = "global::GenNN.Kernels.TransposeKernel";

    public void EmitForward(SourceWriter writer, LayerContext context, SampleViews views)
    {
        writer.Line($"// y[b, a] = x[a, b]: {context.Layer.InputShape} → {context.Layer.OutputShape}");
        writer.Line($"{Kernel}.Transpose<{context.T}>({views.Input}, {Axes(context)}, {views.Output});");
    }

    public void EmitBlockForward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        writer.Line($"// y[b, a] = x[a, b]: {context.Layer.InputShape} → {context.Layer.OutputShape}, per sample");
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            writer.Line($"{Kernel}.Transpose<{context.T}>({views.Inputs.Sample("s")}, {Axes(context)}, {views.Outputs.Sample("s")});");
        }
    }

    public void EmitBlockBackward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        writer.Line("// dx[a, b] = dy[b, a], per sample");
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            string outputAxes = $"{Invariant.Text(context.Layer.OutputShape[0])}, {Invariant.Text(context.Layer.OutputShape[1])}";
            writer.Line($"{Kernel}.Transpose<{context.T}>({views.OutputDeltas!.Sample("s")}, {outputAxes}, {views.InputDeltas!.Sample("s")});");
        }
    }

    /// <summary>The input's rows and columns.</summary>
    private static string Axes(LayerContext context) => $"{Invariant.Text(context.Layer.InputShape[0])}, {Invariant.Text(context.Layer.InputShape[1])}";
}
