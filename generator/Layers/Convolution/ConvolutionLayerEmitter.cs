using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;
using GenNN.Generator.Layers.Pooling;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Convolution;

/// <summary>
/// Writes a convolution: per sample, one call to <c>GenNN.Kernels.ConvolutionKernel</c> (a register-tiled matrix
/// product over the input's taps, in the temporary region), the bias (and ReLU or LeakyReLU, a type argument the JIT
/// inlines there) applied as the product's tiles are stored, other activations in a pass of their own after it; backward applies the activation's derivative from
/// the outputs (vectorized, <c>DenseKernel.ActivationBackward</c>), then the kernel's weight, bias and input
/// gradients. Every size is a constant of the geometry. In inference (one sample or a block), a 2-D convolution followed
/// by a 2×2, stride-2 max pool is one call (<c>ConvolutionKernel.ForwardMaxPooled</c>) when its activation never decreases,
/// so that pooling the activations equals activating the pooled sums.
/// </summary>
internal sealed class ConvolutionLayerEmitter : IForwardFusingLayerEmitter
{
    public static readonly ConvolutionLayerEmitter Instance = new();

    private const string Kernel = "global::GenNN.Kernels.ConvolutionKernel";

    public void EmitForward(SourceWriter writer, LayerContext context, SampleViews views)
    {
        var layer = (ConvolutionLayerSpec)context.Layer;
        EmitGeometry(writer, layer);
        writer.Line($"global::System.ReadOnlySpan<{context.T}> x = {views.Input};");
        writer.Line($"global::System.Span<{context.T}> y = {views.Output};");
        EmitSampleForward(writer, context, layer, Scratch(layer, views.Temporary));
    }

    public bool FusesForward(LayerContext context, LayerSpec next)
        => context.Layer is ConvolutionLayerSpec { Dimensions: 2 }
           && next is PoolingLayerSpec { IsMax: true, Dimensions: 2, Kernel: 2, Stride: 2, Padding: 0 }
           && NeverDecreases(context.Activation);

    public void EmitFusedForward(SourceWriter writer, LayerContext context, LayerContext nextContext, SampleViews views, SampleViews nextViews)
    {
        var layer = (ConvolutionLayerSpec)context.Layer;
        EmitGeometry(writer, layer);
        PoolingLayerEmitter.EmitGeometry(writer, (PoolingLayerSpec)nextContext.Layer, "pool");
        writer.Line("// The pool's windows of sums, then one activation per window; the convolution's output region is working memory");
        EmitSampleForwardMaxPooled(writer, context, layer, views.Input, views.Output, nextViews.Output, Scratch(layer, views.Temporary));
    }

    public void EmitFusedBlockForward(SourceWriter writer, LayerContext context, LayerContext nextContext, BlockViews views, BlockViews nextViews)
    {
        var layer = (ConvolutionLayerSpec)context.Layer;
        EmitGeometry(writer, layer);
        PoolingLayerEmitter.EmitGeometry(writer, (PoolingLayerSpec)nextContext.Layer, "pool");
        writer.Line("// Per sample: the pool's windows of sums, then one activation per window; the convolution's output region is working memory");
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            EmitSampleForwardMaxPooled(writer, context, layer, views.Inputs.Sample("s"), views.Outputs.Sample("s"), nextViews.Outputs.Sample("s"), Scratch(layer, views.Temporary));
        }
    }

    public void EmitBlockForward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        var layer = (ConvolutionLayerSpec)context.Layer;
        EmitGeometry(writer, layer);
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            writer.Line($"global::System.ReadOnlySpan<{context.T}> x = {views.Inputs.Sample("s")};");
            writer.Line($"global::System.Span<{context.T}> y = {views.Outputs.Sample("s")};");
            EmitSampleForward(writer, context, layer, Scratch(layer, views.Temporary));
        }
    }

    public void EmitBlockBackward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        var layer = (ConvolutionLayerSpec)context.Layer;
        EmitGeometry(writer, layer);
        string activationGradient = context.Activation.Kind == ActivationKind.Identity
            ? "dz = dy"
            : $"dz = dy ⊙ {ActivationEmitter.DerivativeFormula(context.Activation, "y", "z")} in place";
        string inputGradient = views.InputDeltas is StridedView ? ", dx = Wᵀ ⋆ dz" : string.Empty;
        writer.Line($"// Per sample: {activationGradient}, then {context.GradientLocal(layer.Weights)} += dz ⋆ x, {context.GradientLocal(layer.Bias)} += Σ dz{inputGradient}");
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            writer.Line($"global::System.ReadOnlySpan<{context.T}> x = {views.Inputs.Sample("s")};");
            writer.Line($"global::System.Span<{context.T}> dz = {views.OutputDeltas!.Sample("s")};");
            if (context.Activation.Kind != ActivationKind.Identity)
            {
                writer.Line($"global::System.ReadOnlySpan<{context.T}> y = {views.Outputs.Sample("s")};");
                writer.Line($"global::GenNN.Kernels.DenseKernel.ActivationBackward<{context.T}, {context.ActivationType}>(y, dz, {context.Literal(context.Activation.NegativeSlope)});");
            }

            string dx = views.InputDeltas is StridedView inputDeltas ? inputDeltas.Sample("s") : "default";
            writer.Line(
                $"{Kernel}.Backward<{context.T}>(in geometry, x, {context.Local(layer.Weights)}, dz, {context.GradientLocal(layer.Weights)}, "
                + $"{context.GradientLocal(layer.Bias)}, {dx}, {Scratch(layer, views.Temporary)});");
        }
    }

    private static void EmitSampleForwardMaxPooled(SourceWriter writer, LayerContext context, ConvolutionLayerSpec layer, string input, string convolved, string pooled, string scratch)
        => writer.Line(
            $"{Kernel}.ForwardMaxPooled<{context.T}, {context.ActivationType}>(in geometry, in pool, {input}, {context.Local(layer.Weights)}, {context.Local(layer.Bias)}, "
            + $"{convolved}, {pooled}, {scratch}, {context.Literal(context.Activation.NegativeSlope)});");

    private static void EmitSampleForward(SourceWriter writer, LayerContext context, ConvolutionLayerSpec layer, string scratch)
        => writer.Line(
            $"{Kernel}.Forward<{context.T}, {context.ActivationType}>(in geometry, x, {context.Local(layer.Weights)}, {context.Local(layer.Bias)}, y, {scratch}, "
            + $"{context.Literal(context.Activation.NegativeSlope)});");

    /// <summary>Declares the layer's geometry: the constants the kernels run on.</summary>
    private static void EmitGeometry(SourceWriter writer, ConvolutionLayerSpec layer)
    {
        ConvolutionGeometry g = layer.Geometry;
        bool oneDimensional = layer.Dimensions == 1;
        string height = oneDimensional ? "1" : Invariant.Text(layer.InputShape[1]);
        string width = Invariant.Text(layer.InputShape[layer.InputShape.Rank - 1]);
        string kernelHeight = oneDimensional ? "1" : Invariant.Text(g.Kernel);
        string strideHeight = oneDimensional ? "1" : Invariant.Text(g.Stride);
        string dilationHeight = oneDimensional ? "1" : Invariant.Text(g.Dilation);
        string paddingTop = oneDimensional ? "0" : Invariant.Text(g.PaddingBefore);
        string paddingBottom = oneDimensional ? "0" : Invariant.Text(g.PaddingAfter);
        writer.Line($"// {layer.Summary}: out[f] = {ActivationEmitter.Formula(layer.Activation, "b[f] + Σ_c W[f, c] ⋆ x[c]")}{(oneDimensional ? " (as a 2-D convolution of height 1)" : string.Empty)}");
        writer.Line("global::GenNN.Kernels.Conv2DGeometry geometry = new(");
        writer.Line($"    InChannels: {Invariant.Text(layer.InChannels)}, InHeight: {height}, InWidth: {width},");
        writer.Line($"    OutChannels: {Invariant.Text(layer.Filters)}, KernelHeight: {kernelHeight}, KernelWidth: {Invariant.Text(g.Kernel)},");
        writer.Line($"    StrideHeight: {strideHeight}, StrideWidth: {Invariant.Text(g.Stride)},");
        writer.Line($"    PaddingTop: {paddingTop}, PaddingLeft: {Invariant.Text(g.PaddingBefore)}, PaddingBottom: {paddingBottom}, PaddingRight: {Invariant.Text(g.PaddingAfter)},");
        writer.Line($"    DilationHeight: {dilationHeight}, DilationWidth: {Invariant.Text(g.Dilation)}, Groups: {Invariant.Text(g.Groups)});");
    }

    /// <summary>
    /// Whether the activation is one the fused kernel may apply after the maximum: monotone non-decreasing, so that it
    /// commutes with taking one (LeakyReLU's slope is in [0, 1), GNN0013), and computed by the kernels' vector code.
    /// </summary>
    private static bool NeverDecreases(ActivationSpec activation)
        => activation.Kind is ActivationKind.Identity or ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.Sigmoid or ActivationKind.Tanh;

    private static string Scratch(ConvolutionLayerSpec layer, string temporary) => $"{temporary}.Slice(0, {layer.Name}ScratchLength)";
}
