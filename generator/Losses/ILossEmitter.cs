using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Losses;

/// <summary>
/// Writes one loss: the statements that declare <c>loss</c> (the sample's loss) from <c>output</c>, <c>logits</c>
/// and <c>target</c> and, when a delta span is given, write the loss gradient into it. They follow the head's
/// activation in the same scope, so its locals are in reach (a softmax's shift and sum).
/// </summary>
internal interface ILossEmitter
{
    /// <summary>How the loss reads in documentation.</summary>
    string DisplayName { get; }

    /// <summary>
    /// Whether the gradient written is <c>dL/dz</c> of the output layer (the loss is fused with its activation),
    /// rather than <c>dL/da</c>.
    /// </summary>
    bool GradientIsPreActivation { get; }

    /// <param name="writer">Where to write.</param>
    /// <param name="numeric">The element type.</param>
    /// <param name="delta">The span receiving the gradient, or <see langword="null"/> to compute the loss only.</param>
    void Emit(SourceWriter writer, NumericType numeric, string? delta);
}

/// <summary>Finds the emitter of each loss.</summary>
internal static class LossEmitters
{
    public static ILossEmitter For(LossKind loss) => loss switch
    {
        LossKind.MeanSquaredError => MeanSquaredErrorEmitter.Instance,
        LossKind.BinaryCrossEntropy => BinaryCrossEntropyEmitter.Instance,
        _ => CrossEntropyEmitter.Instance,
    };
}
