using System;
using System.IO;
using System.Numerics;
using GenNN.Serialization;

namespace GenNN.Onnx;

/// <summary>
/// Writes a generated network, with its current parameters, as a standard ONNX model (opset
/// <see cref="OperatorSetVersion"/>) that ONNX Runtime, Netron and the <c>onnx</c> tools load. The model maps
/// <see cref="InputName"/> <c>[N, InputSize]</c> to <see cref="OutputName"/> <c>[N, OutputSize]</c> for any batch
/// size <c>N</c> and computes what <see cref="INetwork{T}.Forward"/> computes, sample by sample, in inference mode:
/// dropout, active only in training, is left out, and BatchNorm normalizes with the running statistics in
/// <see cref="INetwork{T}.Buffers"/>. Every layer kind and activation GenNN generates is exported, each by its own
/// writer (<c>GenNN.Onnx.Layers</c>).
/// </summary>
/// <remarks>
/// A double network exports double tensors throughout, and computes in double where ONNX Runtime's natural operator
/// cannot: lacking double kernels, convolutions become im2col and <c>MatMul</c>, average pools gathered windows and
/// <c>ReduceMean</c>, ELU and Softplus elementwise operators; and since ONNX's <c>epsilon</c> attributes are floats,
/// BatchNorm adds ε to the running variance beforehand and LayerNorm is composed from <c>ReduceMean</c> and elementwise
/// operators. Two exceptions run in float between <c>Cast</c>s: GELU's erf (ONNX Runtime has no double <c>Erf</c>, and an
/// accurate one composed from other operators would take a series of a hundred terms), so a double network's GELU
/// agrees with GenNN's to about 2e-8 relative instead of to rounding; and the recurrent layers, whose <c>RNN</c>,
/// <c>LSTM</c> and <c>GRU</c> kernels ONNX Runtime has in float only, with their weights rounded to float, so a double
/// recurrent network agrees to float's precision (about 2e-6 relative in the tests).
/// </remarks>
public static class OnnxExporter
{
    /// <summary>The ONNX operator set (default domain) the models import.</summary>
    public const int OperatorSetVersion = 17;

    /// <summary>The graph input's name; its shape is <c>[N, InputSize]</c>.</summary>
    public const string InputName = "input";

    /// <summary>The graph output's name; its shape is <c>[N, OutputSize]</c>.</summary>
    public const string OutputName = "output";

    /// <summary>The model's <c>producer_name</c>.</summary>
    public const string ProducerName = "GenNN";

    /// <summary>
    /// Saves <paramref name="network"/> as an ONNX model at <paramref name="path"/>, replacing any file there all at
    /// once: a failure leaves the previous file as it was.
    /// </summary>
    /// <exception cref="NotSupportedException">The network has a layer or activation ONNX export does not know.</exception>
    public static void Save<T>(INetwork<T> network, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, Encode(network).WrittenSpan);
    }

    /// <summary>Writes <paramref name="network"/> as an ONNX model to <paramref name="stream"/>, at its current position.</summary>
    /// <exception cref="NotSupportedException">The network has a layer or activation ONNX export does not know.</exception>
    public static void Write<T>(INetwork<T> network, Stream stream)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Encode(network).WrittenSpan);
    }

    /// <summary>Saves this network as an ONNX model at <paramref name="path"/>; see <see cref="Save{T}"/>.</summary>
    /// <exception cref="NotSupportedException">The network has a layer or activation ONNX export does not know.</exception>
    public static void ExportOnnx<T>(this INetwork<T> network, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Save(network, path);

    private static ProtobufWriter Encode<T>(INetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
        => OnnxModelEncoder.Encode<T>(network.Description, network.Parameters, network.Buffers);
}
