using System;
using System.Numerics;

namespace GenNN;

/// <summary>
/// What every generated network offers. Call the generated class directly in hot code (its members are
/// non-virtual); use this interface for tooling that handles networks of any shape.
/// </summary>
/// <typeparam name="T"><see langword="float"/> or <see langword="double"/>, as declared by <see cref="NetworkAttribute"/>.</typeparam>
public interface INetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The length of the input vector.</summary>
    int InputSize { get; }

    /// <summary>The length of the output vector.</summary>
    int OutputSize { get; }

    /// <summary>The number of trainable parameters.</summary>
    int ParameterCount { get; }

    /// <summary>The network's structure: layers, shapes, and where each parameter tensor lives in <see cref="Parameters"/>.</summary>
    NetworkDescription Description { get; }

    /// <summary>All parameters, layer by layer: each layer's weights (dense: input-major <c>[in, out]</c>) then its bias; <see cref="Description"/> gives every offset.</summary>
    Span<T> Parameters { get; }

    /// <summary>The number of buffer values (<see cref="Buffers"/>).</summary>
    int BufferCount { get; }

    /// <summary>
    /// The state that training updates but optimizers never touch: BatchNorm's running means and variances (and the
    /// count of batches it has seen), layer by layer; <see cref="Description"/> gives every offset. Empty for networks
    /// without such layers. The trainer's best and last-good snapshots include it.
    /// </summary>
    Span<T> Buffers { get; }

    /// <summary>Computes the network's output for one input in inference mode (no dropout; BatchNorm uses its running statistics). Safe to call concurrently.</summary>
    /// <exception cref="ArgumentException">A span does not have the network's input or output length.</exception>
    void Forward(ReadOnlySpan<T> input, Span<T> output);

    /// <summary>
    /// Computes the outputs of a batch laid out sample after sample, a block of samples at a time (each weight is
    /// loaded once for several samples). Safe to call concurrently.
    /// </summary>
    /// <exception cref="ArgumentException">The spans do not hold the same positive number of whole samples.</exception>
    void ForwardBatch(ReadOnlySpan<T> inputs, Span<T> outputs);

    /// <summary>Re-initializes every parameter deterministically from <paramref name="seed"/>.</summary>
    void InitializeParameters(long seed);
}
