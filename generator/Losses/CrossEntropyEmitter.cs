using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Losses;

/// <summary>
/// Cross-entropy fused with the softmax output (PyTorch <c>CrossEntropyLoss</c> with probability targets):
/// <c>L = −Σ_k y_k log softmax(z)_k = logsumexp(z)·Σ_k y_k − Σ_k y_k z_k</c>, and
/// <c>dL/dz_k = softmax(z)_k·Σ_j y_j − y_k</c> (<c>a − y</c> for one-hot targets).
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

        writer.Line($"{t} logitMax = {TensorPrimitivesSyntax.Call(numeric, "Max")}(logits);");
        writer.Line($"{t} shiftedExpSum = {numeric.Literal(0)};");
        writer.Line("for (int k = 0; k < OutputSize; k++)");
        using (writer.Block())
        {
            writer.Line($"shiftedExpSum += {math}.Exp(logits[k] - logitMax);");
        }

        writer.Line($"{t} targetSum = {TensorPrimitivesSyntax.Call(numeric, "Sum")}(target);");
        writer.Line($"{t} loss = ((logitMax + {math}.Log(shiftedExpSum)) * targetSum) - {TensorPrimitivesSyntax.Call(numeric, "Dot")}(target, logits);");
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
