using System;
using System.Numerics;
using GenNN.Training;

namespace GenNN;

/// <summary>A generated network that declares a loss, and so can compute gradients and train.</summary>
/// <typeparam name="T"><see langword="float"/> or <see langword="double"/>.</typeparam>
public interface ITrainableNetwork<T> : INetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The accumulated loss gradient, laid out exactly like <see cref="INetwork{T}.Parameters"/>.</summary>
    /// <remarks>
    /// Take the span anew after each call that clears the gradients (<see cref="ApplyGradients"/>,
    /// <see cref="ZeroGradients"/>, <see cref="TrainStep"/>, <see cref="TrainBatch"/>,
    /// <see cref="INetwork{T}.InitializeParameters"/>). <see cref="TrainBatch"/> includes the gradients pending before it,
    /// from <see cref="Backward"/> or written through a span taken since the last such call; a span taken before it is not
    /// tracked, and dense weight gradients written through it are left out of <see cref="TrainBatch"/>'s step.
    /// </remarks>
    Span<T> Gradients { get; }

    /// <summary>Returns the loss of one sample without touching the gradients.</summary>
    T ComputeLoss(ReadOnlySpan<T> input, ReadOnlySpan<T> target);

    /// <summary>
    /// Writes the outputs of a batch (laid out sample after sample) and returns the summed loss of its samples, in
    /// inference mode (no dropout), in one blocked pass. Safe to call concurrently.
    /// </summary>
    T EvaluateBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> outputs);

    /// <summary>Adds the exact loss gradient of one sample to <see cref="Gradients"/> and returns the sample's loss (a training pass: dropout drops, BatchNorm updates its statistics).</summary>
    T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target);

    /// <summary>
    /// Adds the loss gradients of a batch (laid out sample after sample) to <paramref name="gradients"/>, a buffer
    /// of <see cref="INetwork{T}.ParameterCount"/> the caller owns, and returns the batch's summed loss. Reads the
    /// parameters and writes nothing else, so workers with their own buffers may call it concurrently.
    /// </summary>
    /// <param name="inputs">The inputs, one sample after another.</param>
    /// <param name="targets">The targets, one sample after another.</param>
    /// <param name="gradients">Receives the summed gradients (added to what it holds).</param>
    /// <param name="random">Draws the dropout masks; networks without dropout leave it untouched.</param>
    T AccumulateGradients(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> gradients, ref SeededRandom random);

    /// <summary>
    /// Like <see cref="AccumulateGradients(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, ref SeededRandom)"/>, and also
    /// updates the running statistics held in <paramref name="statistics"/> (laid out like
    /// <see cref="INetwork{T}.Buffers"/>: the network's own, or a copy), block by block as training's forward pass
    /// computes them. An empty span leaves the statistics alone.
    /// </summary>
    /// <param name="inputs">The inputs, one sample after another.</param>
    /// <param name="targets">The targets, one sample after another.</param>
    /// <param name="gradients">Receives the summed gradients (added to what it holds).</param>
    /// <param name="statistics">The running statistics to update, of <see cref="INetwork{T}.BufferCount"/> values, or empty.</param>
    /// <param name="random">Draws the dropout masks; networks without dropout leave it untouched.</param>
    T AccumulateGradients(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> gradients, Span<T> statistics, ref SeededRandom random);

    /// <summary>The optimizer declared by <see cref="OptimizerAttribute"/>, or Adam with PyTorch's defaults.</summary>
    OptimizerOptions DefaultOptimizer { get; }

    /// <summary>Plain SGD on the accumulated gradients: <c>θ ← θ − learningRate · g</c>, then <c>g ← 0</c>.</summary>
    void ApplyGradients(T learningRate);

    /// <summary>Sets every gradient to zero.</summary>
    void ZeroGradients();

    /// <summary>One SGD step on one sample; returns its loss (measured before the update).</summary>
    T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate);

    /// <summary>
    /// One SGD step on a minibatch stored sample after sample in <paramref name="inputs"/> and
    /// <paramref name="targets"/>: accumulates every sample's gradient, averages, updates, zeroes.
    /// Returns the batch's mean loss (measured before the update).
    /// </summary>
    /// <remarks>
    /// A minibatch of one block (at most the generated <c>BatchBlockSize</c> samples) with no gradients pending takes
    /// the dense layers' weight step straight from the block's sums, without writing their weight gradients and reading
    /// them back; the result is the same, bit for bit.
    /// </remarks>
    T TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate);
}
