namespace GenNN;

/// <summary>The function a layer applies to each value <c>z</c> it computes (or, for softmax, to the whole output).</summary>
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

    /// <summary><c>a = z</c> for <c>z &gt; 0</c>, else <c>Alpha · (e^z − 1)</c> (PyTorch's <c>nn.ELU</c>, alpha 1 by default).</summary>
    ELU = 6,

    /// <summary><c>a = z · Φ(z) = z/2 · (1 + erf(z/√2))</c>, exact (PyTorch's <c>nn.GELU()</c>).</summary>
    GELU = 7,

    /// <summary><c>a = z/2 · (1 + tanh(√(2/π)·(z + 0.044715·z³)))</c> (PyTorch's <c>nn.GELU(approximate='tanh')</c>).</summary>
    GELUTanh = 8,

    /// <summary><c>a = z · σ(z)</c>, also called swish (PyTorch's <c>nn.SiLU</c>).</summary>
    SiLU = 9,

    /// <summary><c>a = ln(1 + e^z)</c>, and <c>a = z</c> above 20 where that is exact in floating point (PyTorch's <c>nn.Softplus()</c>: beta 1, threshold 20).</summary>
    Softplus = 10,
}
