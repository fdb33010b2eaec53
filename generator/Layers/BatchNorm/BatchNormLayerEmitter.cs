using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.BatchNorm;

/// <summary>
/// Writes batch normalization through <c>GenNN.Kernels.BatchNormKernel</c>: inference per sample with the running
/// statistics; training over the whole block at once (the statistics are the block's), updating the running
/// statistics in <c>statistics</c> unless the caller passed none; backward over the block with the saved statistics.
/// </summary>
internal sealed class BatchNormLayerEmitter : ILayerEmitter
{
    public static readonly BatchNormLayerEmitter Instance = new();

    private const string Kernel = "global::GenNN.Kernels.BatchNormKernel";

    public void EmitForward(SourceWriter writer, LayerContext context, SampleViews views)
    {
        var layer = (BatchNormLayerSpec)context.Layer;
        writer.Line("// Inference: y = γ·(x − running mean)/√(running variance + ε) + β, per channel");
        writer.Line(InferenceCall(context, layer, views.Input, views.Output));
    }

    public void EmitBlockForward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        var layer = (BatchNormLayerSpec)context.Layer;
        if (!context.Training)
        {
            writer.Line("// Inference: y = γ·(x − running mean)/√(running variance + ε) + β, per channel and sample");
            writer.Line($"for (int s = 0; s < {views.Count}; s++)");
            using (writer.Block())
            {
                writer.Line(InferenceCall(context, layer, views.Inputs.Sample("s"), views.Outputs.Sample("s")));
            }

            return;
        }

        writer.Line("// Training: y = γ·(x − μ_B)/√(σ²_B + ε) + β with the block's per-channel mean and (biased) variance;");
        writer.Line($"// running = (1 − {Invariant.Text(layer.Momentum)})·running + {Invariant.Text(layer.Momentum)}·batch (unbiased variance), unless statistics is empty");
        writer.Line("// or the block holds one value per channel, whose variance says nothing (PyTorch refuses such a batch)");
        writer.Line($"bool updates = !statistics.IsEmpty && {views.Count} * {Invariant.Text(layer.Shape.SpatialLength)} > 1;");
        writer.Line($"global::System.Span<{context.T}> runningMean = updates ? {context.Buffer(layer.RunningMean)} : {views.BlockRegion(layer.Name, "DiscardedMean")};");
        writer.Line($"global::System.Span<{context.T}> runningVariance = updates ? {context.Buffer(layer.RunningVariance)} : {views.BlockRegion(layer.Name, "DiscardedVariance")};");
        writer.Line(
            $"{Kernel}.TrainingForward<{context.T}>(channels: {Invariant.Text(layer.Channels)}, spatial: {Invariant.Text(layer.Shape.SpatialLength)}, {views.Count}, "
            + $"{views.Inputs.Base}, {views.Inputs.Stride}, {context.Local(layer.Weight)}, {context.Local(layer.Bias)}, {views.Outputs.Base}, {views.Outputs.Stride}, "
            + $"{views.BlockRegion(layer.Name, "BatchMean")}, {views.BlockRegion(layer.Name, "BatchInverseStd")}, runningMean, runningVariance, "
            + $"{context.Literal(layer.Momentum)}, {context.Literal(layer.Epsilon)});");
        writer.Line("if (updates)");
        using (writer.Block())
        {
            writer.Line($"statistics[{layer.Name}NumBatchesTrackedOffset] += {context.Literal(1)};");
        }
    }

    public void EmitBlockBackward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        var layer = (BatchNormLayerSpec)context.Layer;
        writer.Line("// The exact gradient through the block's statistics: dγ += Σ dy·x̂, dβ += Σ dy, dx = (γ/σ_B)·(dy − mean(dy) − x̂·mean(dy·x̂))");
        string inputDeltas = views.InputDeltas is StridedView deltas ? deltas.Base : "default";
        string inputStride = views.InputDeltas is StridedView strided ? strided.Stride : "0";
        writer.Line(
            $"{Kernel}.Backward<{context.T}>(channels: {Invariant.Text(layer.Channels)}, spatial: {Invariant.Text(layer.Shape.SpatialLength)}, {views.Count}, "
            + $"{views.Inputs.Base}, {views.Inputs.Stride}, {views.OutputDeltas!.Base}, {views.OutputDeltas.Stride}, {context.Local(layer.Weight)}, "
            + $"{views.BlockRegion(layer.Name, "BatchMean")}, {views.BlockRegion(layer.Name, "BatchInverseStd")}, "
            + $"{context.GradientLocal(layer.Weight)}, {context.GradientLocal(layer.Bias)}, {inputDeltas}, {inputStride});");
    }

    private static string InferenceCall(LayerContext context, BatchNormLayerSpec layer, string input, string output)
        => $"{Kernel}.InferenceForward<{context.T}>(channels: {Invariant.Text(layer.Channels)}, spatial: {Invariant.Text(layer.Shape.SpatialLength)}, {input}, "
           + $"{context.Local(layer.Weight)}, {context.Local(layer.Bias)}, {context.Buffer(layer.RunningMean)}, {context.Buffer(layer.RunningVariance)}, "
           + $"{context.Literal(layer.Epsilon)}, {output});";
}
