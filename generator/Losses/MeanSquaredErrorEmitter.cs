using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Losses;

/// <summary>Mean squared error, <c>L = (1/n) Σ_k (a_k − y_k)²</c>, <c>dL/da_k = (2/n)(a_k − y_k)</c> (PyTorch <c>MSELoss</c>).</summary>
internal sealed class MeanSquaredErrorEmitter : ILossEmitter
{
    public static readonly MeanSquaredErrorEmitter Instance = new();

    public string DisplayName => "mean squared error";

    public bool GradientIsPreActivation => false;

    public void Emit(SourceWriter writer, NumericType numeric, string? delta)
    {
        string t = numeric.Keyword();
        writer.Line("// Loss: mean squared error, L = (1/n) Σ_k (output_k − target_k)²" + (delta is null ? string.Empty : $";  {delta}_k = dL/doutput_k = (2/n)(output_k − target_k)"));
        writer.Line($"{t} loss = {numeric.Literal(0)};");
        writer.Line("for (int k = 0; k < OutputSize; k++)");
        using (writer.Block())
        {
            writer.Line($"{t} error = output[k] - target[k];");
            writer.Line("loss += error * error;");
            if (delta is not null)
            {
                writer.Line($"{delta}[k] = ({numeric.Literal(2)} / OutputSize) * error;");
            }
        }

        writer.Line("loss /= OutputSize;");
    }
}
