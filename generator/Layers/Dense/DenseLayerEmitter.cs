using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Dense;

/// <summary>
/// Writes a dense layer. Forward: <c>z = b + Σ_i x_i·W[i, :]</c>, <c>a = f(z)</c>, bias and activation fused.
/// Backward: <c>dz = da ⊙ f'(a)</c>, <c>dW[i, :] += x_i·dz</c>, <c>db += dz</c>, <c>dx_i = W[i, :]·dz</c>. The
/// input-major <c>[in, out]</c> layout makes every one of these run across contiguous outputs. Block backward
/// interleaves three steps: the activation derivative per sample, the input gradient, for the block as one product
/// over the transposed weights where <see cref="DenseLayerSpec.BatchesInputGradient"/>, else per sample, and last the
/// parameter gradients once for the whole block (the register-blocked batch kernel, which loads and stores each
/// gradient element once per block), or in <c>TrainBatch</c> on one block the SGD step straight from those sums
/// (<see cref="ISgdStepFusingLayerEmitter"/>): the input gradient has read the weights by then. Each
/// <see cref="DenseCodeStrategy"/> form lives in its own partial file.
/// </summary>
internal sealed partial class DenseLayerEmitter : ISgdStepFusingLayerEmitter
{
    public static readonly DenseLayerEmitter Instance = new();

    public void EmitForward(SourceWriter writer, LayerContext context, SampleViews views)
    {
        var layer = (DenseLayerSpec)context.Layer;
        string w = context.Local(layer.Weights);
        string b = context.Local(layer.Bias);
        writer.Line($"// y[j] = {ActivationEmitter.Formula(context.Activation, $"{b}[j] + Σ_i x[i]·{w}[i, j]")}   ({w} is {layer.Weights.Shape}, input-major)");
        writer.Line($"global::System.ReadOnlySpan<{context.T}> x = {views.Input};");
        writer.Line($"global::System.Span<{context.T}> y = {views.Output};");
        if (layer.Strategy == DenseCodeStrategy.Unrolled)
        {
            EmitUnrolledForward(writer, context, layer, w, b);
        }
        else
        {
            EmitVectorizedForward(writer, context, w, b);
        }
    }

    public void EmitBlockForward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        var layer = (DenseLayerSpec)context.Layer;
        string w = context.Local(layer.Weights);
        string b = context.Local(layer.Bias);
        writer.Line($"// y_s = {ActivationEmitter.Formula(context.Activation, $"{b} + Σ_i x_s[i]·{w}[i, :]")} for each sample s of the block");
        if (layer.Strategy == DenseCodeStrategy.Unrolled)
        {
            writer.Line($"for (int s = 0; s < {views.Count}; s++)");
            using (writer.Block())
            {
                writer.Line($"global::System.ReadOnlySpan<{context.T}> x = {views.Inputs.Sample("s")};");
                writer.Line($"global::System.Span<{context.T}> y = {views.Outputs.Sample("s")};");
                EmitUnrolledForward(writer, context, layer, w, b);
            }
        }
        else
        {
            EmitVectorizedBlockForward(writer, context, views, w, b);
        }
    }

    public void EmitBlockBackward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        var layer = (DenseLayerSpec)context.Layer;
        string w = context.Local(layer.Weights);
        string b = context.Local(layer.Bias);
        string gw = context.GradientLocal(layer.Weights);
        string gb = context.GradientLocal(layer.Bias);
        StridedView deltas = views.OutputDeltas!;
        if (context.Activation.Kind != ActivationKind.Identity)
        {
            writer.Line($"// dL/dz = dL/dy ⊙ {ActivationEmitter.DerivativeFormula(context.Activation, "y", "z")}, in place, sample by sample");
            writer.Line($"for (int s = 0; s < {views.Count}; s++)");
            using (writer.Block())
            {
                writer.Line($"global::System.ReadOnlySpan<{context.T}> y = {views.Outputs.Sample("s")};");
                writer.Line($"global::System.Span<{context.T}> dz = {deltas.Sample("s")};");
                if (layer.Strategy == DenseCodeStrategy.Unrolled)
                {
                    EmitUnrolledActivationBackward(writer, context, layer);
                }
                else
                {
                    EmitVectorizedActivationBackward(writer, context);
                }
            }
        }

        if (views.InputDeltas is StridedView inputDeltas)
        {
            EmitInputGradient(writer, context, views, layer, w, deltas, inputDeltas);
        }

        writer.Line($"if ({LayerContext.SgdStep} is {{ }} step)");
        using (writer.Block())
        {
            writer.Line($"// TrainBatch on one block, no gradients pending: {w}[i, :] −= step·Σ_s x_s[i]·dz_s;  {b} −= step·Σ_s dz_s   (the SGD step straight from the sums)");
            writer.Line(
                $"global::GenNN.Kernels.DenseBatchKernel.StepFromBlock<{context.T}>("
                + $"{views.Inputs.Base}, {views.Inputs.Stride}, {deltas.Base}, {deltas.Stride}, {views.Count}, {context.Constant("Weights")}, {context.Constant("Bias")}, {gb}, step);");
        }

        writer.Line("else");
        using (writer.Block())
        {
            writer.Line($"// {gw}[i, :] += Σ_s x_s[i]·dz_s;  {gb} += Σ_s dz_s   (register-blocked over the block of samples)");
            writer.Line(
                $"global::GenNN.Kernels.DenseBatchKernel.AccumulateGradients<{context.T}>("
                + $"{views.Inputs.Base}, {views.Inputs.Stride}, {deltas.Base}, {deltas.Stride}, {views.Count}, {gw}, {gb});");
        }
    }

    /// <summary>The block's input gradient, <c>dx_s = W·dz_s</c>, as one product or sample by sample.</summary>
    private static void EmitInputGradient(SourceWriter writer, LayerContext context, BlockViews views, DenseLayerSpec layer, string w, StridedView deltas, StridedView inputDeltas)
    {
        if (layer.BatchesInputGradient)
        {
            writer.Line($"// dx_s[i] = {w}[i, :]·dz_s for each sample s of the block (dL/dx, fed to the layer below): the product DZ·{w}ᵀ, {w}ᵀ laid out once");
            writer.Line(
                $"global::GenNN.Kernels.DenseBatchKernel.InputGradients<{context.T}>("
                + $"{w}, {context.Constant("Size")}, {deltas.Base}, {deltas.Stride}, {inputDeltas.Base}, {inputDeltas.Stride}, {views.Count}, {views.BlockRegion(layer.Name, "InputGradient")});");
            return;
        }

        writer.Line($"// dx_s[i] = {w}[i, :]·dz_s, sample by sample (dL/dx, fed to the layer below)");
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            writer.Line($"global::System.ReadOnlySpan<{context.T}> dz = {deltas.Sample("s")};");
            writer.Line($"global::System.Span<{context.T}> dx = {inputDeltas.Sample("s")};");
            if (layer.Strategy == DenseCodeStrategy.Unrolled)
            {
                EmitUnrolledInputGradient(writer, layer, w);
            }
            else
            {
                writer.Line($"global::GenNN.Kernels.DenseKernel.InputGradient<{context.T}>({w}, dz, dx);");
            }
        }
    }
}
