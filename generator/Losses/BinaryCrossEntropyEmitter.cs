using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Losses;

/// <summary>
/// Binary cross-entropy fused with the sigmoid output (PyTorch <c>BCEWithLogitsLoss</c>): computed from the logits
/// as <c>max(z, 0) − z·y + log(1 + e^−|z|)</c>, which never takes the log of 0, with gradient <c>(a − y)/n</c>. The
/// last term is the runtime's softplus, whose <c>log(1 + x)</c> keeps its precision where <c>1 + e^−|z|</c> rounds to 1
/// (a confident logit: |z| above 17 in float): the loss of a logit of 17 is 4.1e-8, as in PyTorch, not 0.
/// </summary>
internal sealed class BinaryCrossEntropyEmitter : ILossEmitter
{
    public static readonly BinaryCrossEntropyEmitter Instance = new();

    public string DisplayName => "binary cross-entropy (fused with sigmoid)";

    public bool GradientIsPreActivation => true;

    public void Emit(SourceWriter writer, NumericType numeric, string? delta)
    {
        string t = numeric.Keyword();
        string math = numeric.MathClass();
        writer.Line("// Loss: binary cross-entropy from the logits z, L = (1/n) Σ_k [max(z_k, 0) − z_k·target_k + log(1 + e^−|z_k|)]");
        writer.Line("//   (the last term as softplus(−|z_k|), precise where 1 + e^−|z_k| rounds to 1)");
        if (delta is not null)
        {
            writer.Line($"//   fused with the sigmoid: {delta}_k = dL/dz_k = (output_k − target_k) / n");
        }

        writer.Line($"{t} loss = {numeric.Literal(0)};");
        writer.Line("for (int k = 0; k < OutputSize; k++)");
        using (writer.Block())
        {
            writer.Line($"{t} logit = logits[k];");
            writer.Line($"loss += {math}.Max(logit, {numeric.Literal(0)}) - (logit * target[k]) + global::GenNN.Kernels.ActivationMath.Softplus(-{math}.Abs(logit));");
            if (delta is not null)
            {
                writer.Line($"{delta}[k] = (output[k] - target[k]) / OutputSize;");
            }
        }

        writer.Line("loss /= OutputSize;");
    }
}
