using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Losses;

/// <summary>
/// Cross-entropy fused with the softmax output (PyTorch <c>CrossEntropyLoss</c> with probability targets):
/// <c>L = −Σ_k y_k log softmax(z)_k = Σ_k y_k·(log Σ_j e^(z_j − max) − (z_k − max))</c>, and
/// <c>dL/dz_k = softmax(z)_k·Σ_j y_j − y_k</c> (<c>a − y</c> for one-hot targets). The shift and the sum are the
/// softmax's own, which the head has just computed. Each term stays relative to the largest logit, as PyTorch's
/// log-softmax does: <c>(max + log Σ)·Σ y − Σ y·z</c> would subtract two nearly equal large numbers, and lose the loss
/// of a confident prediction (logits 20, 10, 10 in float: 0.8 % off).
/// </summary>
internal sealed class CrossEntropyEmitter : ILossEmitter
{
    public static readonly CrossEntropyEmitter Instance = new();

    public string DisplayName => "cross-entropy (fused with softmax)";

    public bool GradientIsPreActivation => true;

    public void Emit(SourceWriter writer, NumericType numeric, string? delta)
    {
        string t = numeric.Keyword();
        string math = numeric.MathClass();
        writer.Line("// Loss: cross-entropy from the log-softmax, L = −Σ_k target_k·log softmax(logits)_k = Σ_k target_k·(log Σ_j e^(logits_j − max) − (logits_k − max))");
        if (delta is not null)
        {
            writer.Line($"//   fused with the softmax: {delta}_k = dL/dz_k = output_k·Σ_j target_j − target_k");
        }

        writer.Line($"//   max and Σ_j e^(logits_j − max) are the softmax's {ActivationEmitter.SoftmaxShift} and {ActivationEmitter.SoftmaxSum}");
        writer.Line($"{t} logSum = {math}.Log({ActivationEmitter.SoftmaxSum});");
        writer.Line($"{t} loss = {numeric.Literal(0)};");
        writer.Line("for (int k = 0; k < OutputSize; k++)");
        using (writer.Block())
        {
            writer.Line($"loss += target[k] * (logSum - (logits[k] - {ActivationEmitter.SoftmaxShift}));");
        }

        if (delta is not null)
        {
            writer.Line($"{t} targetSum = {TensorPrimitivesSyntax.Call(numeric, "Sum")}(target);");
            writer.Line("for (int k = 0; k < OutputSize; k++)");
            using (writer.Block())
            {
                writer.Line($"{delta}[k] = (output[k] * targetSum) - target[k];");
            }
        }
    }
}
