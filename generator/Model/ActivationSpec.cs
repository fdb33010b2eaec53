namespace GenNN.Generator.Model;

/// <summary>
/// An activation. <paramref name="Parameter"/> is LeakyReLU's negative slope or ELU's alpha, and 0 for every other
/// kind, so equal activations compare equal.
/// </summary>
internal sealed record ActivationSpec(ActivationKind Kind, double Parameter)
{
    public static readonly ActivationSpec Identity = new(ActivationKind.Identity, 0);

    /// <summary>Whether the activation maps each value independently (everything but softmax).</summary>
    public bool IsElementwise => Kind != ActivationKind.Softmax;

    /// <summary>ReLU-family layers get He initialization; the rest Glorot.</summary>
    public bool IsReLUFamily => Kind is ActivationKind.ReLU or ActivationKind.LeakyReLU;

    /// <summary>
    /// Whether a dense or convolution layer computes this activation itself. These derivatives can be written from the
    /// layer's output alone, which its backward pass has anyway; the others (GELU, SiLU, Softplus, ELU) become an
    /// activation layer of their own, which keeps its input, so their gradients are exact without the fused layer
    /// storing its pre-activations.
    /// </summary>
    public bool IsFusable => Kind is ActivationKind.Identity or ActivationKind.ReLU or ActivationKind.LeakyReLU
        or ActivationKind.Sigmoid or ActivationKind.Tanh or ActivationKind.Softmax;

    public double NegativeSlope => Kind == ActivationKind.LeakyReLU ? Parameter : 0;
}
