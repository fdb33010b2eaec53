namespace GenNN.Generator.Model;

/// <summary>A layer's activation; <paramref name="NegativeSlope"/> matters for LeakyReLU only (0 otherwise, so equal activations compare equal).</summary>
internal sealed record ActivationSpec(ActivationKind Kind, double NegativeSlope)
{
    /// <summary>Whether the activation maps each neuron independently (everything but softmax).</summary>
    public bool IsElementwise => Kind != ActivationKind.Softmax;

    /// <summary>ReLU-family layers get He initialization; the rest Glorot.</summary>
    public bool IsReLUFamily => Kind is ActivationKind.ReLU or ActivationKind.LeakyReLU;
}
