using System;
using System.Collections.Generic;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GenNN.Benchmarks.Networks;

namespace GenNN.Benchmarks.Peers;

/// <summary>
/// A dense network as a performance engineer writes it by hand for one machine, the yardstick for GenNN's
/// launch-to-launch latency spread (issue 13): every buffer in native memory aligned to 64 bytes, so that no vector
/// load splits a cache line in any process; weights input-major <c>[in, out]</c> with the outputs padded with zero
/// columns to whole 512-bit vectors; forward with explicit <see cref="Vector512{T}"/> accumulators, eight (128
/// outputs), four or one at a time, while the loop over inputs streams each weight once. Activations: ReLU in
/// registers; tanh by <see cref="TensorPrimitives"/>; softmax shifted by the largest value, as GenNN's. On a processor
/// without AVX-512 the runtime runs each <see cref="Vector512{T}"/> operation as two 256-bit ones. Not thread-safe:
/// the layers' outputs are fields.
/// </summary>
public sealed unsafe class HandWrittenNetwork : IDisposable
{
    private const int Lanes = 16;
    private const int Alignment = 64;
    private readonly Layer[] layers;
    private bool disposed;

    public HandWrittenNetwork(IReadOnlyList<DenseLayerWeights> weights)
    {
        foreach (DenseLayerWeights layer in weights)
        {
            if (layer.Layer.Activation is not (Activation.Identity or Activation.ReLU or Activation.Tanh or Activation.Softmax))
            {
                throw new NotSupportedException($"The hand-written network has no {layer.Layer.Activation} activation.");
            }
        }

        layers = new Layer[weights.Count];
        for (int index = 0; index < weights.Count; index++)
        {
            layers[index] = new Layer(weights[index]);
        }
    }

    /// <summary>One sample's outputs into <paramref name="output"/>.</summary>
    public void Forward(ReadOnlySpan<float> sample, Span<float> output)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Layer last = layers[^1];
        if (sample.Length != layers[0].Inputs || output.Length != last.Outputs)
        {
            throw new ArgumentException($"The sample must have {layers[0].Inputs} values and the output {last.Outputs}.");
        }

        fixed (float* input = sample)
        {
            float* x = input;
            foreach (Layer layer in layers)
            {
                layer.Forward(x);
                x = layer.Output;
            }
        }

        new ReadOnlySpan<float>(last.Output, last.Outputs).CopyTo(output);
    }

    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            foreach (Layer layer in layers)
            {
                layer.Free();
            }
        }
    }

    private static float* Allocate(int count)
    {
        var memory = (float*)NativeMemory.AlignedAlloc((nuint)(count * sizeof(float)), Alignment);
        new Span<float>(memory, count).Clear();
        return memory;
    }

    private sealed class Layer
    {
        private readonly int paddedOutputs;
        private readonly float* weights;
        private readonly float* bias;
        private readonly Activation activation;

        public Layer(DenseLayerWeights source)
        {
            Inputs = source.Layer.InputSize;
            Outputs = source.Layer.OutputSize;
            activation = source.Layer.Activation;
            paddedOutputs = (Outputs + Lanes - 1) / Lanes * Lanes;
            weights = Allocate(Inputs * paddedOutputs);
            bias = Allocate(paddedOutputs);
            Output = Allocate(paddedOutputs);
            for (int i = 0; i < Inputs; i++)
            {
                for (int j = 0; j < Outputs; j++)
                {
                    weights[(i * paddedOutputs) + j] = source.OutputMajor[(j * Inputs) + i];
                }
            }

            source.Bias.CopyTo(new Span<float>(bias, Outputs));
        }

        public int Inputs { get; }

        public int Outputs { get; }

        public float* Output { get; }

        public void Forward(float* x)
        {
            int column = 0;
            for (; column + (8 * Lanes) <= paddedOutputs; column += 8 * Lanes)
            {
                EightVectors(x, column);
            }

            for (; column + (4 * Lanes) <= paddedOutputs; column += 4 * Lanes)
            {
                FourVectors(x, column);
            }

            for (; column < paddedOutputs; column += Lanes)
            {
                OneVector(x, column);
            }

            var values = new Span<float>(Output, Outputs);
            if (activation == Activation.Tanh)
            {
                TensorPrimitives.Tanh(values, values);
            }
            else if (activation == Activation.Softmax)
            {
                // Shifted by the largest value, so that no exponential overflows.
                TensorPrimitives.Subtract(values, TensorPrimitives.Max(values), values);
                TensorPrimitives.Exp(values, values);
                TensorPrimitives.Multiply(values, 1f / TensorPrimitives.Sum(values), values);
            }
        }

        public void Free()
        {
            NativeMemory.AlignedFree(weights);
            NativeMemory.AlignedFree(bias);
            NativeMemory.AlignedFree(Output);
        }

        private void EightVectors(float* x, int column)
        {
            float* b = bias + column;
            Vector512<float> z0 = Vector512.LoadAligned(b), z1 = Vector512.LoadAligned(b + 16), z2 = Vector512.LoadAligned(b + 32), z3 = Vector512.LoadAligned(b + 48);
            Vector512<float> z4 = Vector512.LoadAligned(b + 64), z5 = Vector512.LoadAligned(b + 80), z6 = Vector512.LoadAligned(b + 96), z7 = Vector512.LoadAligned(b + 112);
            float* row = weights + column;
            for (int i = 0; i < Inputs; i++, row += paddedOutputs)
            {
                Vector512<float> xi = Vector512.Create(x[i]);
                z0 = Vector512.FusedMultiplyAdd(Vector512.LoadAligned(row), xi, z0);
                z1 = Vector512.FusedMultiplyAdd(Vector512.LoadAligned(row + 16), xi, z1);
                z2 = Vector512.FusedMultiplyAdd(Vector512.LoadAligned(row + 32), xi, z2);
                z3 = Vector512.FusedMultiplyAdd(Vector512.LoadAligned(row + 48), xi, z3);
                z4 = Vector512.FusedMultiplyAdd(Vector512.LoadAligned(row + 64), xi, z4);
                z5 = Vector512.FusedMultiplyAdd(Vector512.LoadAligned(row + 80), xi, z5);
                z6 = Vector512.FusedMultiplyAdd(Vector512.LoadAligned(row + 96), xi, z6);
                z7 = Vector512.FusedMultiplyAdd(Vector512.LoadAligned(row + 112), xi, z7);
            }

            float* o = Output + column;
            Store(z0, o);
            Store(z1, o + 16);
            Store(z2, o + 32);
            Store(z3, o + 48);
            Store(z4, o + 64);
            Store(z5, o + 80);
            Store(z6, o + 96);
            Store(z7, o + 112);
        }

        private void FourVectors(float* x, int column)
        {
            // Four chains: enough to cover the multiply-add latency with both FMA pipes busy.
            float* b = bias + column;
            Vector512<float> z0 = Vector512.LoadAligned(b), z1 = Vector512.LoadAligned(b + 16), z2 = Vector512.LoadAligned(b + 32), z3 = Vector512.LoadAligned(b + 48);
            float* row = weights + column;
            for (int i = 0; i < Inputs; i++, row += paddedOutputs)
            {
                Vector512<float> xi = Vector512.Create(x[i]);
                z0 = Vector512.FusedMultiplyAdd(Vector512.LoadAligned(row), xi, z0);
                z1 = Vector512.FusedMultiplyAdd(Vector512.LoadAligned(row + 16), xi, z1);
                z2 = Vector512.FusedMultiplyAdd(Vector512.LoadAligned(row + 32), xi, z2);
                z3 = Vector512.FusedMultiplyAdd(Vector512.LoadAligned(row + 48), xi, z3);
            }

            float* o = Output + column;
            Store(z0, o);
            Store(z1, o + 16);
            Store(z2, o + 32);
            Store(z3, o + 48);
        }

        private void OneVector(float* x, int column)
        {
            // Four chains over every fourth input: with one accumulator every input would wait out the
            // multiply-add's latency.
            Vector512<float> z0 = Vector512.LoadAligned(bias + column), z1 = Vector512<float>.Zero, z2 = Vector512<float>.Zero, z3 = Vector512<float>.Zero;
            float* row = weights + column;
            int i = 0;
            for (; i + 3 < Inputs; i += 4, row += 4 * paddedOutputs)
            {
                z0 = Vector512.FusedMultiplyAdd(Vector512.LoadAligned(row), Vector512.Create(x[i]), z0);
                z1 = Vector512.FusedMultiplyAdd(Vector512.LoadAligned(row + paddedOutputs), Vector512.Create(x[i + 1]), z1);
                z2 = Vector512.FusedMultiplyAdd(Vector512.LoadAligned(row + (2 * paddedOutputs)), Vector512.Create(x[i + 2]), z2);
                z3 = Vector512.FusedMultiplyAdd(Vector512.LoadAligned(row + (3 * paddedOutputs)), Vector512.Create(x[i + 3]), z3);
            }

            for (; i < Inputs; i++, row += paddedOutputs)
            {
                z0 = Vector512.FusedMultiplyAdd(Vector512.LoadAligned(row), Vector512.Create(x[i]), z0);
            }

            Store((z0 + z1) + (z2 + z3), Output + column);
        }

        private void Store(Vector512<float> z, float* destination)
            => (activation == Activation.ReLU ? Vector512.MaxNative(z, Vector512<float>.Zero) : z).StoreAligned(destination);
    }
}
