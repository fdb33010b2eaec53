using System;

namespace GenNN;

/// <summary>
/// A long short-term memory layer over a sequence <c>[T, F]</c> (T steps of F features, PyTorch's <c>batch_first</c> layout), PyTorch's
/// <c>nn.LSTM</c> with its gate order and separate input and hidden biases. Weights are stored input-major (the
/// transpose of PyTorch's <c>weight_ih_l0</c> / <c>weight_hh_l0</c>), so each step runs across the gate units in SIMD
/// registers; safetensors import and export transpose. The initial state is zero. Training runs backpropagation
/// through time over the whole declared length.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LstmAttribute : Attribute
{
    /// <summary>Declares the layer with <paramref name="units"/> hidden units.</summary>
    public LstmAttribute(int units)
    {
        Units = units;
    }

    /// <summary>The size of the hidden state.</summary>
    public int Units { get; }

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
