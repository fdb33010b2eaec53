using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Dense;

/// <summary>
/// Writes a dense layer. Forward: <c>z = b + Σ_i x_i·W[i, :]</c>, <c>a = f(z)</c>, bias and activation fused.
/// Backward: <c>dz = da ⊙ f'(a)</c>, <c>dW[i, :] += x_i·dz</c>, <c>db += dz</c>, <c>dx_i = W[i, :]·dz</c>. The
/// input-major <c>[in, out]</c> layout makes every one of these run across contiguous outputs.
/// Each of the two <see cref="CodeStrategy"/> forms lives in its own partial file; batch training's gradient pass
/// always uses the register-blocked batch kernel, whatever the strategy.
/// </summary>
internal sealed partial class DenseLayerEmitter : ILayerEmitter
{
    public static readonly DenseLayerEmitter Instance = new();

    public void EmitForward(SourceWriter writer, LayerEmitContext context)
    {
        var layer = (DenseLayerSpec)context.Layer;
        string w = context.Local(layer.Weights);
        string b = context.Local(layer.Bias);
        writer.Line($"//   z[j] = {b}[j] + Σ_i {context.Input}[i]·{w}[i, j]   ({w} is {layer.Weights.Shape}, input-major)");
        writer.Line(layer.Activation.IsElementwise
            ? $"//   {context.Output}[j] = {ActivationEmitter.Formula(layer.Activation, "z[j]")}"
            : $"//   {context.Output} = {ActivationEmitter.Formula(layer.Activation, "z")}");
        if (layer.Strategy == CodeStrategy.Unrolled)
        {
            EmitUnrolledForward(writer, context, layer, w, b);
        }
        else
        {
            EmitVectorizedForward(writer, context, layer, w, b);
        }

        if (!layer.Activation.IsElementwise)
        {
            ActivationEmitter.EmitSoftmax(writer, context.Numeric, context.Logits!, context.Output);
        }
    }

    public void EmitBatchForward(SourceWriter writer, LayerEmitContext context, BatchForwardViews views)
    {
        var layer = (DenseLayerSpec)context.Layer;
        ActivationSpec activation = context.Logits is null ? layer.Activation : new ActivationSpec(ActivationKind.Identity, 0);
        string w = context.Local(layer.Weights);
        string b = context.Local(layer.Bias);
        writer.Line($"// {(context.Logits is null ? "a" : "z")}_s = {ActivationEmitter.Formula(activation, $"{b} + Σ_i x_s[i]·{w}[i, :]")} for each sample s of the block");
        if (layer.Strategy == CodeStrategy.Unrolled)
        {
            EmitUnrolledBatchForward(writer, context, layer, activation, views, w, b);
        }
        else
        {
            EmitVectorizedBatchForward(writer, context, layer, activation, views, w, b);
        }
    }

    public void EmitBackward(SourceWriter writer, LayerEmitContext context)
    {
        var layer = (DenseLayerSpec)context.Layer;
        string w = context.Local(layer.Weights);
        string gw = context.GradientLocal(layer.Weights);
        string gb = context.GradientLocal(layer.Bias);
        EmitActivationBackward(writer, context);
        writer.Line($"//   {gw}[i, :] += {context.Input}[i]·dL/dz;  {gb} += dL/dz");
        if (context.InputDelta is not null)
        {
            writer.Line($"//   {context.InputDelta}[i] = {w}[i, :]·dL/dz   (dL/d{context.Input}, fed to the layer below)");
        }

        if (layer.Strategy == CodeStrategy.Unrolled)
        {
            EmitUnrolledParameterGradients(writer, context, layer, gw, gb);
            EmitInputGradient(writer, context);
        }
        else
        {
            // One pass over the rows of W does both the weight gradient and the input gradient.
            EmitVectorizedSampleGradients(writer, context, w, gw, gb);
        }
    }

    public void EmitActivationBackward(SourceWriter writer, LayerEmitContext context)
    {
        var layer = (DenseLayerSpec)context.Layer;
        if (context.DeltaIsPreActivation || layer.Activation.Kind == ActivationKind.Identity)
        {
            return;
        }

        if (!layer.Activation.IsElementwise)
        {
            ActivationEmitter.EmitSoftmaxBackward(writer, context.Numeric, context.Delta, context.Output);
            return;
        }

        writer.Line($"//   dL/dz = dL/da ⊙ {ActivationEmitter.DerivativeFormula(layer.Activation, context.Output)}");
        if (layer.Strategy == CodeStrategy.Unrolled)
        {
            EmitUnrolledActivationBackward(writer, context, layer);
        }
        else
        {
            EmitVectorizedActivationBackward(writer, context, layer);
        }
    }

    public void EmitBatchParameterGradients(SourceWriter writer, LayerEmitContext context, BatchGradientViews views)
    {
        var layer = (DenseLayerSpec)context.Layer;
        string gw = context.GradientLocal(layer.Weights);
        string gb = context.GradientLocal(layer.Bias);
        writer.Line($"// {gw}[i, :] += Σ_s x_s[i]·dL/dz_s;  {gb} += Σ_s dL/dz_s   (register-blocked over the block of samples)");
        writer.Line(
            $"global::GenNN.Kernels.DenseBatchKernel.AccumulateGradients<{context.Numeric.Keyword()}>("
            + $"{views.Inputs}, {views.InputStride}, {views.Deltas}, {views.DeltaStride}, {views.Count}, {gw}, {gb});");
    }

    public void EmitInputGradient(SourceWriter writer, LayerEmitContext context)
    {
        if (context.InputDelta is null)
        {
            return;
        }

        var layer = (DenseLayerSpec)context.Layer;
        string w = context.Local(layer.Weights);
        if (layer.Strategy == CodeStrategy.Unrolled)
        {
            EmitUnrolledInputGradient(writer, context, layer, w);
        }
        else
        {
            writer.Line($"global::GenNN.Kernels.DenseKernel.InputGradient<{context.Numeric.Keyword()}>({w}, {context.Delta}, {context.InputDelta});");
        }
    }
}
