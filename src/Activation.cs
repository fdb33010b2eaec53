namespace GenNN;

/// <summary>The function a layer applies to each neuron's weighted sum <c>z</c>.</summary>
public enum Activation
{
    /// <summary><c>a = z</c>.</summary>
    Identity = 0,

    /// <summary><c>a = max(z, 0)</c>. Weights are He-initialized.</summary>
    ReLU = 1,

    /// <summary><c>a = z</c> for <c>z &gt; 0</c>, else <c>NegativeSlope · z</c>. Weights are He-initialized.</summary>
    LeakyReLU = 2,

    /// <summary><c>a = 1 / (1 + e^-z)</c>.</summary>
    Sigmoid = 3,

    /// <summary><c>a = tanh(z)</c>.</summary>
    Tanh = 4,

    /// <summary><c>a_k = e^(z_k) / Σ_j e^(z_j)</c>, computed stably. Allowed on the last layer only.</summary>
    Softmax = 5,
}
