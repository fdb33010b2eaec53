using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Dense;

/// <summary>
/// Writes a dense layer. Forward: <c>z = W·x + b</c>, <c>a = f(z)</c>, bias and activation fused into the dot
/// product's statement. Backward: <c>dz = da ⊙ f'(a)</c>, <c>dW += dz ⊗ x</c>, <c>db += dz</c>,
/// <c>dx = Wᵀ·dz</c>. The row-major <c>[out, in]</c> layout makes every one of these walk memory forwards: forward
/// and <c>dW</c> read rows, <c>dx</c> accumulates rows scaled by <c>dz</c>.
/// Each of the two <see cref="CodeStrategy"/> forms lives in its own partial file.
/// </summary>
internal sealed partial class DenseLayerEmitter : ILayerEmitter
{
    public static readonly DenseLayerEmitter Instance = new();

    public void EmitForward(SourceWriter writer, LayerEmitContext context)
    {
        var layer = (DenseLayerSpec)context.Layer;
        string w = context.Local(layer.Weights);
        string b = context.Local(layer.Bias);
        writer.Line($"//   z[j] = {b}[j] + Σ_i {w}[j, i]·{context.Input}[i]   ({w} is {layer.Weights.Shape}, row-major)");
        writer.Line(layer.Activation.IsElementwise
            ? $"//   {context.Output}[j] = {ActivationEmitter.Formula(layer.Activation, "z[j]")}"
            : $"//   {context.Output} = {ActivationEmitter.Formula(layer.Activation, "z")}");
        if (layer.Strategy == CodeStrategy.Unrolled)
        {
            EmitUnrolledForward(writer, context, layer, w, b);
        }
        else
        {
            EmitLoopForward(writer, context, layer, w, b);
        }

        if (!layer.Activation.IsElementwise)
        {
            ActivationEmitter.EmitSoftmax(writer, context.Numeric, context.Logits!, context.Output);
        }
    }

    public void EmitBackward(SourceWriter writer, LayerEmitContext context)
    {
        var layer = (DenseLayerSpec)context.Layer;
        string w = context.Local(layer.Weights);
        string gw = context.GradientLocal(layer.Weights);
        string gb = context.GradientLocal(layer.Bias);
        if (!context.DeltaIsPreActivation && layer.Activation.Kind != ActivationKind.Identity)
        {
            if (layer.Activation.IsElementwise)
            {
                writer.Line($"//   dL/dz = dL/da ⊙ {ActivationEmitter.DerivativeFormula(layer.Activation, context.Output)}");
            }
            else
            {
                ActivationEmitter.EmitSoftmaxBackward(writer, context.Numeric, context.Delta, context.Output);
            }
        }

        writer.Line($"//   {gw} += dL/dz ⊗ {context.Input};  {gb} += dL/dz");
        if (context.InputDelta is not null)
        {
            writer.Line($"//   {context.InputDelta} = {w}ᵀ·dL/dz   (dL/d{context.Input}, fed to the layer below)");
        }

        bool applyDerivative = !context.DeltaIsPreActivation && layer.Activation.IsElementwise && layer.Activation.Kind != ActivationKind.Identity;
        if (layer.Strategy == CodeStrategy.Unrolled)
        {
            EmitUnrolledBackward(writer, context, layer, applyDerivative, w, gw, gb);
        }
        else
        {
            EmitLoopBackward(writer, context, layer, applyDerivative, w, gw, gb);
        }
    }
}
