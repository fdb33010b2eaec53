using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Losses;

/// <summary>
/// Cross-entropy fused with the softmax output (PyTorch <c>CrossEntropyLoss</c> with probability targets):
/// <c>L = −Σ_k y_k log softmax(z)_k = logsumexp(z)·Σ_k y_k − Σ_k y_k z_k</c>, and
/// <c>dL/dz_k = softmax(z)_k·Σ_j y_j − y_k</c> (<c>a − y</c> for one-hot targets). The log-sum-exp is the softmax's
/// own shift and sum, <c>max + log Σ_k e^(z_k − max)</c>, which the head's softmax has just computed.
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
        writer.Line("// Loss: cross-entropy through a stable log-sum-exp, L = logsumexp(logits)·Σ_k target_k − Σ_k target_k·logits_k");
        if (delta is not null)
        {
            writer.Line($"//   fused with the softmax: {delta}_k = dL/dz_k = output_k·Σ_j target_j − target_k");
        }

        writer.Line($"//   logsumexp(logits) = max + log Σ_k e^(logits_k − max): the softmax's {ActivationEmitter.SoftmaxShift} and {ActivationEmitter.SoftmaxSum}");
        writer.Line($"{t} targetSum = {TensorPrimitivesSyntax.Call(numeric, "Sum")}(target);");
        writer.Line(
            $"{t} loss = (({ActivationEmitter.SoftmaxShift} + {math}.Log({ActivationEmitter.SoftmaxSum})) * targetSum) - {TensorPrimitivesSyntax.Call(numeric, "Dot")}(target, logits);");
        if (delta is not null)
        {
            writer.Line("for (int k = 0; k < OutputSize; k++)");
            using (writer.Block())
            {
                writer.Line($"{delta}[k] = (output[k] * targetSum) - target[k];");
            }
        }
    }
}
