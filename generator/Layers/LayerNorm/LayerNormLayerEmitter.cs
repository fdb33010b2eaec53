using System.Linq;
using GenNN.Generator.Helpers;

namespace GenNN.Generator.Layers.LayerNorm;

/// <summary>Writes layer normalization per sample through <c>GenNN.Kernels.LayerNormKernel</c>; training keeps each run's statistics for backward.</summary>
internal sealed class LayerNormLayerEmitter : ILayerEmitter
{
    public static readonly LayerNormLayerEmitter Instance = new();

    private const string Kernel = "global::GenNN.Kernels.LayerNormKernel";

    public void EmitForward(SourceWriter writer, LayerContext context, SampleViews views)
    {
        var layer = (LayerNormLayerSpec)context.Layer;
        writer.Line(Formula(layer));
        string runs = Invariant.Text(layer.Runs);
        string statistics = layer.IsOneStep ? views.Temporary : $"{views.Temporary}.Slice(0, {layer.Name}StatisticsLength)";
        writer.Line(
            $"{Kernel}.Forward<{context.T}>(groups: {runs}, size: {Invariant.Text(layer.RunLength)}, {views.Input}, {Gamma(context, layer)}, {Beta(context, layer)}, "
            + $"{context.Literal(layer.Epsilon)}, {views.Output}, {statistics}.Slice(0, {runs}), {statistics}.Slice({runs}, {runs}));");
    }

    public void EmitBlockForward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        var layer = (LayerNormLayerSpec)context.Layer;
        writer.Line(Formula(layer) + ", per sample");
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            string mean = context.Training ? views.Region(layer.Name, "Mean").Sample("s") : $"{views.Temporary}.Slice(0, {Invariant.Text(layer.Runs)})";
            string inverseStd = context.Training ? views.Region(layer.Name, "InverseStd").Sample("s") : $"{views.Temporary}.Slice({Invariant.Text(layer.Runs)}, {Invariant.Text(layer.Runs)})";
            writer.Line(
                $"{Kernel}.Forward<{context.T}>(groups: {Invariant.Text(layer.Runs)}, size: {Invariant.Text(layer.RunLength)}, {views.Inputs.Sample("s")}, {Gamma(context, layer)}, {Beta(context, layer)}, "
                + $"{context.Literal(layer.Epsilon)}, {views.Outputs.Sample("s")}, {mean}, {inverseStd});");
        }
    }

    public void EmitBlockBackward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        var layer = (LayerNormLayerSpec)context.Layer;
        string?[] parts =
        {
            layer.Affine ? "dγ += Σ dy·x̂, dβ += Σ dy" : null,
            views.InputDeltas is StridedView ? $"dx = (1/σ)·(g − mean(g) − x̂·mean(g·x̂)) with g = {(layer.Affine ? "γ·dy" : "dy")}" : null,
        };
        writer.Line($"// {string.Join(", ", parts.Where(part => part is not null))}, per sample");
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            string dx = views.InputDeltas is StridedView deltas ? deltas.Sample("s") : "default";
            writer.Line(
                $"{Kernel}.Backward<{context.T}>(groups: {Invariant.Text(layer.Runs)}, size: {Invariant.Text(layer.RunLength)}, {views.Inputs.Sample("s")}, {views.OutputDeltas!.Sample("s")}, "
                + $"{Gamma(context, layer)}, {views.Region(layer.Name, "Mean").Sample("s")}, {views.Region(layer.Name, "InverseStd").Sample("s")}, "
                + $"{(layer.Affine ? context.GradientLocal(layer.Weight) : "default")}, {(layer.Affine ? context.GradientLocal(layer.Bias) : "default")}, {dx});");
        }
    }

    private static string Formula(LayerNormLayerSpec layer)
        => $"// y = {(layer.Affine ? "γ ⊙ " : string.Empty)}(x − μ)/√(σ² + ε){(layer.Affine ? " + β" : string.Empty)}, μ and σ² over each run of {layer.NormalizedShape}";

    private static string Gamma(LayerContext context, LayerNormLayerSpec layer) => layer.Affine ? context.Local(layer.Weight) : "default";

    private static string Beta(LayerContext context, LayerNormLayerSpec layer) => layer.Affine ? context.Local(layer.Bias) : "default";
}
