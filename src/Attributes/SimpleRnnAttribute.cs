using System;

namespace GenNN;

/// <summary>
/// An Elman recurrent layer, <c>h_t = f(W_ih·x_t + b_ih + W_hh·h_(t−1) + b_hh)</c>, over a sequence <c>[T, F]</c> (T steps of F features, PyTorch's <c>batch_first</c> layout), PyTorch's
/// <c>nn.RNN</c> with its gate order and separate input and hidden biases. Weights are stored input-major (the
/// transpose of PyTorch's <c>weight_ih_l0</c> / <c>weight_hh_l0</c>), so each step runs across the gate units in SIMD
/// registers; safetensors import and export transpose. The initial state is zero. Training runs backpropagation
/// through time over the whole declared length.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SimpleRnnAttribute : Attribute
{
    /// <summary>Declares the layer with <paramref name="units"/> hidden units and <paramref name="activation"/> (Tanh or ReLU, PyTorch's <c>nonlinearity</c>).</summary>
    public SimpleRnnAttribute(int units, Activation activation = Activation.Tanh)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>The size of the hidden state.</summary>
    public int Units { get; }

    /// <summary>The nonlinearity: <see cref="GenNN.Activation.Tanh"/> (the default) or <see cref="GenNN.Activation.ReLU"/>.</summary>
    public Activation Activation { get; }

    /// <summary>
    /// Whether the layer outputs every step's hidden state, <c>[T, units]</c> (for another recurrent layer), rather than the
    /// last one, <c>[units]</c> (for a dense head). False by default.
    /// </summary>
    public bool ReturnSequences { get; set; }

    /// <summary>
    /// Whether a second layer reads the sequence backwards; each step's output is the two hidden states side by side
    /// (<c>2·units</c>), and the last output is the forward direction's last state beside the backward direction's
    /// (PyTorch's <c>h_n</c>). False by default. A bidirectional network has no streaming <c>Step</c>.
    /// </summary>
    public bool Bidirectional { get; set; }

    /// <summary>The layer's name. Defaults to <c>Layer1</c>, <c>Layer2</c>, ... by position.</summary>
    public string? Name { get; set; }
}
