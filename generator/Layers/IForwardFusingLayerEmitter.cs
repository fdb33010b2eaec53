using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers;

/// <summary>
/// A layer kind whose inference (single-sample and blocked) can take the layer after it into the same kernel call (a convolution the
/// max pool after it): the call writes the second layer's output, and the first layer's output region serves it as
/// working memory. Training keeps the layers apart, since backward needs the first layer's output.
/// </summary>
internal interface IForwardFusingLayerEmitter : ILayerEmitter
{
    /// <summary>Whether <see cref="EmitFusedForward"/> can compute <paramref name="next"/> together with the layer of <paramref name="context"/>.</summary>
    bool FusesForward(LayerContext context, LayerSpec next);

    /// <summary>Inference on one sample through both layers: reads <paramref name="views"/>' input, writes <paramref name="nextViews"/>' output.</summary>
    void EmitFusedForward(SourceWriter writer, LayerContext context, LayerContext nextContext, SampleViews views, SampleViews nextViews);

    /// <summary>The inference-mode block forward pass through both layers: reads <paramref name="views"/>' inputs, writes <paramref name="nextViews"/>' outputs.</summary>
    void EmitFusedBlockForward(SourceWriter writer, LayerContext context, LayerContext nextContext, BlockViews views, BlockViews nextViews);
}
