using GenNN.Generator.Activations;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Losses;

/// <summary>
/// Cross-entropy fused with the softmax output (PyTorch <c>CrossEntropyLoss</c> with probability targets):
/// <c>L = −Σ_k y_k log softmax(z)_k = log Σ_j e^(z_j − max)·Σ_k y_k − Σ_k y_k·(z_k − max)</c>, and
/// <c>dL/dz_k = softmax(z)_k·Σ_j y_j − y_k</c> (<c>a − y</c> for one-hot targets). The shift and the sum are the
/// softmax's own, which the head has just computed. Every logit stays relative to the largest, as in PyTorch's
/// log-softmax: for targets ≥ 0 both terms are ≥ 0 and nothing cancels, where <c>(max + log Σ)·Σ y − Σ y·z</c>
/// subtracted two nearly equal large numbers and lost the loss of a confident prediction (logits 20, 10, 10 in float:
/// 0.8 % off). One loop sums both, for the target sum the gradient needs too.
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
        writer.Line("// Loss: cross-entropy from the log-softmax, L = −Σ_k target_k·log softmax(logits)_k = log Σ_j e^(logits_j − max)·Σ_k target_k − Σ_k target_k·(logits_k − max)");
        if (delta is not null)
        {
            writer.Line($"//   fused with the softmax: {delta}_k = dL/dz_k = output_k·Σ_j target_j − target_k");
        }

        writer.Line($"//   max and Σ_j e^(logits_j − max) are the softmax's {ActivationEmitter.SoftmaxShift} and {ActivationEmitter.SoftmaxSum}");
        writer.Line($"{t} targetSum = {numeric.Literal(0)};");
        writer.Line($"{t} targetShiftedLogits = {numeric.Literal(0)};");
        writer.Line("for (int k = 0; k < OutputSize; k++)");
        using (writer.Block())
        {
            writer.Line("targetSum += target[k];");
            writer.Line($"targetShiftedLogits += target[k] * (logits[k] - {ActivationEmitter.SoftmaxShift});");
        }

        writer.Line($"{t} loss = ({math}.Log({ActivationEmitter.SoftmaxSum}) * targetSum) - targetShiftedLogits;");
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
