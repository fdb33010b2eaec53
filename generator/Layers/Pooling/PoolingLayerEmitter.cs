using GenNN.Generator.Helpers;

namespace GenNN.Generator.Layers.Pooling;

/// <summary>Writes a pooling layer: per sample, a call to <c>GenNN.Kernels.PoolKernel</c> with the layer's constant geometry.</summary>
internal sealed class PoolingLayerEmitter : ILayerEmitter
{
    public static readonly PoolingLayerEmitter Instance = new();

    private const string Kernel = "global::GenNN.Kernels.PoolKernel";

    public void EmitForward(SourceWriter writer, LayerContext context, SampleViews views)
    {
        var layer = (PoolingLayerSpec)context.Layer;
        EmitGeometry(writer, layer);
        writer.Line($"{Kernel}.{(layer.IsMax ? "Max" : "Average")}Forward<{context.T}>(in geometry, {views.Input}, {views.Output});");
    }

    public void EmitBlockForward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        var layer = (PoolingLayerSpec)context.Layer;
        EmitGeometry(writer, layer);
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            writer.Line($"{Kernel}.{(layer.IsMax ? "Max" : "Average")}Forward<{context.T}>(in geometry, {views.Inputs.Sample("s")}, {views.Outputs.Sample("s")});");
        }
    }

    public void EmitBlockBackward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        var layer = (PoolingLayerSpec)context.Layer;
        EmitGeometry(writer, layer);
        writer.Line(layer.IsMax
            ? "// dx: each window's gradient goes to its (first) maximum, found again from x"
            : "// dx: each window's gradient is spread evenly over its values (padding included)");
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            writer.Line(layer.IsMax
                ? $"{Kernel}.MaxBackward<{context.T}>(in geometry, {views.Inputs.Sample("s")}, {views.OutputDeltas!.Sample("s")}, {views.InputDeltas!.Sample("s")});"
                : $"{Kernel}.AverageBackward<{context.T}>(in geometry, {views.OutputDeltas!.Sample("s")}, {views.InputDeltas!.Sample("s")});");
        }
    }

    /// <summary>Declares the layer's geometry as the local <paramref name="name"/>: the constants the kernels run on.</summary>
    public static void EmitGeometry(SourceWriter writer, PoolingLayerSpec layer, string name = "geometry")
    {
        bool oneDimensional = layer.Dimensions == 1;
        string one = Invariant.Text(1);
        writer.Line($"// {layer.Summary}: each channel's windows reduced to their {(layer.IsMax ? "maximum" : "mean")}{(oneDimensional ? " (as a 2-D pool of height 1)" : string.Empty)}");
        writer.Line($"global::GenNN.Kernels.PoolGeometry {name} = new(");
        writer.Line($"    Channels: {Invariant.Text(layer.InputShape[0])}, InHeight: {(oneDimensional ? one : Invariant.Text(layer.InputShape[1]))}, InWidth: {Invariant.Text(layer.InputShape[layer.InputShape.Rank - 1])},");
        writer.Line($"    KernelHeight: {(oneDimensional ? one : Invariant.Text(layer.Kernel))}, KernelWidth: {Invariant.Text(layer.Kernel)},");
        writer.Line($"    StrideHeight: {(oneDimensional ? one : Invariant.Text(layer.Stride))}, StrideWidth: {Invariant.Text(layer.Stride)},");
        writer.Line($"    PaddingHeight: {(oneDimensional ? "0" : Invariant.Text(layer.Padding))}, PaddingWidth: {Invariant.Text(layer.Padding)});");
    }
}
