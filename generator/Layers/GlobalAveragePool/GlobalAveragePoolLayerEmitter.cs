using GenNN.Generator.Helpers;

namespace GenNN.Generator.Layers.GlobalAveragePool;

/// <summary>Writes global average pooling: <c>y[c] = mean(x[c, :])</c>, and backward <c>dx[c, :] = dy[c] / positions</c>.</summary>
internal sealed class GlobalAveragePoolLayerEmitter : ILayerEmitter
{
    public static readonly GlobalAveragePoolLayerEmitter Instance = new();

    private const string Kernel = "global::GenNN.Kernels.PoolKernel";

    public void EmitForward(SourceWriter writer, LayerContext context, SampleViews views)
    {
        writer.Line("// y[c] = mean over positions of x[c, :]");
        writer.Line($"{Kernel}.GlobalAverageForward<{context.T}>({Channels(context)}, {Positions(context)}, {views.Input}, {views.Output});");
    }

    public void EmitBlockForward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        writer.Line("// y[c] = mean over positions of x[c, :], per sample");
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            writer.Line($"{Kernel}.GlobalAverageForward<{context.T}>({Channels(context)}, {Positions(context)}, {views.Inputs.Sample("s")}, {views.Outputs.Sample("s")});");
        }
    }

    public void EmitBlockBackward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        writer.Line($"// dx[c, :] = dy[c] / {Positions(context)}, per sample");
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            writer.Line($"{Kernel}.GlobalAverageBackward<{context.T}>({Channels(context)}, {Positions(context)}, {views.OutputDeltas!.Sample("s")}, {views.InputDeltas!.Sample("s")});");
        }
    }

    private static string Channels(LayerContext context) => Invariant.Text(context.Layer.InputShape[0]);

    private static string Positions(LayerContext context) => Invariant.Text(context.Layer.InputShape.SpatialLength);
}
