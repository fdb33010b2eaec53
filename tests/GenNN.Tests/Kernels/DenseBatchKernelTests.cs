using System;
using System.Numerics.Tensors;
using GenNN.Kernels;
using Xunit;

namespace GenNN.Tests.Kernels;

/// <summary>
/// The batched dense passes against a plain reference in double, over sizes around the vector widths (every tail of
/// the wide, pair, narrow and column-by-column paths), and block sizes with and without whole tiles of four samples.
/// Samples sit in strided rows with guard values between them, which no pass may touch.
/// </summary>
public sealed class DenseBatchKernelTests
{
    private const double Guard = 12345;

    private static readonly int[] Sizes = [1, 3, 7, 8, 9, 10, 15, 16, 17, 33, 45, 64, 67, 100];

    public static TheoryData<int, int, int> Shapes()
    {
        var shapes = new TheoryData<int, int, int>();
        foreach (int inputs in new[] { 1, 5, 16, 37, 128 })
        {
            foreach (int outputs in Sizes)
            {
                shapes.Add(inputs, outputs, outputs % 9 + 1);
            }
        }

        return shapes;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_computes_every_sample_s_outputs(int inputs, int outputs, int batch)
    {
        var random = new Random((inputs * 1000) + outputs);
        double[] weights = KernelData.Uniform(random, inputs * outputs), bias = KernelData.Uniform(random, outputs);
        int inputStride = inputs + 3, outputStride = outputs + 5;
        double[] x = Rows(random, batch, inputs, inputStride);
        double[] y = Guarded(batch * outputStride);

        DenseBatchKernel.Forward<double, IdentityActivation<double>>(weights, bias, x, inputStride, inputs, y, outputStride, batch, 0);

        for (int s = 0; s < batch; s++)
        {
            for (int j = 0; j < outputs; j++)
            {
                double expected = bias[j];
                for (int i = 0; i < inputs; i++)
                {
                    expected += x[(s * inputStride) + i] * weights[(i * outputs) + j];
                }

                Assert.Equal(expected, y[(s * outputStride) + j], 1e-12);
            }

            AssertGuards(y, s * outputStride, outputs, outputStride);
        }
    }

    /// <summary>
    /// Each activation once per output, on every tile (the 512-bit four-vector and pair tiles, the Vector pair tile, the
    /// narrow tile and its flush vector, the column-by-column tail, the one-sample fallback): tanh and sigmoid are
    /// applied in a pass after the tile's store, LeakyReLU (not idempotent) in it.
    /// </summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_applies_the_activation_once_to_every_output(int inputs, int outputs, int batch)
    {
        batch += 4; // at least one tile of four samples, plus the sample-by-sample rest
        var random = new Random((inputs * 1000) + outputs + 7);
        double[] weights = KernelData.Uniform(random, inputs * outputs), bias = KernelData.Uniform(random, outputs);
        int inputStride = inputs + 3, outputStride = outputs + 5;
        double[] x = Rows(random, batch, inputs, inputStride);
        double[] tanh = Guarded(batch * outputStride), sigmoid = Guarded(batch * outputStride), leaky = Guarded(batch * outputStride);
        float[] xf = Array.ConvertAll(x, v => (float)v), wf = Array.ConvertAll(weights, v => (float)v), bf = Array.ConvertAll(bias, v => (float)v);
        float[] tanhF = new float[batch * outputStride];

        DenseBatchKernel.Forward<double, TanhActivation<double>>(weights, bias, x, inputStride, inputs, tanh, outputStride, batch, 0);
        DenseBatchKernel.Forward<double, SigmoidActivation<double>>(weights, bias, x, inputStride, inputs, sigmoid, outputStride, batch, 0);
        DenseBatchKernel.Forward<double, LeakyReLUActivation<double>>(weights, bias, x, inputStride, inputs, leaky, outputStride, batch, 0.1);
        DenseBatchKernel.Forward<float, TanhActivation<float>>(wf, bf, xf, inputStride, inputs, tanhF, outputStride, batch, 0);

        for (int s = 0; s < batch; s++)
        {
            for (int j = 0; j < outputs; j++)
            {
                double z = bias[j];
                for (int i = 0; i < inputs; i++)
                {
                    z += x[(s * inputStride) + i] * weights[(i * outputs) + j];
                }

                int at = (s * outputStride) + j;
                Assert.Equal(Math.Tanh(z), tanh[at], 1e-12);
                Assert.Equal(1 / (1 + Math.Exp(-z)), sigmoid[at], 1e-12);
                Assert.Equal(z > 0 ? z : 0.1 * z, leaky[at], 1e-12);
                Assert.Equal(Math.Tanh(z), tanhF[at], 1e-4);
            }

            AssertGuards(tanh, s * outputStride, outputs, outputStride);
        }
    }

    /// <summary>The bias gradient adds the samples' deltas one at a time, in sample order: the bits of that loop.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(33)]
    [InlineData(71)]
    [InlineData(100)]
    public void Bias_gradients_are_the_deltas_added_in_sample_order_bit_for_bit(int outputs)
    {
        foreach (int batch in new[] { 1, 2, 5, 32 })
        {
            var random = new Random((outputs * 100) + batch);
            int deltaStride = outputs + 3;
            float[] deltas = Array.ConvertAll(Rows(random, batch, outputs, deltaStride), v => (float)(v * Math.Pow(10, random.Next(-3, 4))));
            float[] bias = Array.ConvertAll(KernelData.Uniform(random, outputs), v => (float)v);
            float[] expected = (float[])bias.Clone();
            for (int s = 0; s < batch; s++)
            {
                for (int j = 0; j < outputs; j++)
                {
                    expected[j] += deltas[(s * deltaStride) + j];
                }
            }

            DenseBatchKernel.AccumulateGradients<float>(new float[batch], 1, deltas, deltaStride, batch, new float[outputs], bias);

            Assert.Equal(expected, bias);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Input_gradients_are_the_weights_times_each_sample_s_deltas(int inputs, int outputs, int batch)
    {
        var random = new Random((inputs * 1000) + outputs + 1);
        double[] weights = KernelData.Uniform(random, inputs * outputs);
        int deltaStride = outputs + 2, inputDeltaStride = inputs + 4;
        double[] deltas = Rows(random, batch, outputs, deltaStride);
        double[] inputDeltas = Guarded(batch * inputDeltaStride);
        var scratch = new double[DenseBatchKernel.InputGradientScratchLength(inputs, outputs)];

        DenseBatchKernel.InputGradients<double>(weights, outputs, deltas, deltaStride, inputDeltas, inputDeltaStride, batch, scratch);

        for (int s = 0; s < batch; s++)
        {
            for (int i = 0; i < inputs; i++)
            {
                double expected = 0;
                for (int j = 0; j < outputs; j++)
                {
                    expected += weights[(i * outputs) + j] * deltas[(s * deltaStride) + j];
                }

                Assert.Equal(expected, inputDeltas[(s * inputDeltaStride) + i], 1e-12);
            }

            AssertGuards(inputDeltas, s * inputDeltaStride, inputs, inputDeltaStride);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Weight_gradients_add_the_sum_over_samples(int inputs, int outputs, int batch)
    {
        var random = new Random((inputs * 1000) + outputs + 2);
        int inputStride = inputs + 1, deltaStride = outputs + 3;
        double[] x = Rows(random, batch, inputs, inputStride), deltas = Rows(random, batch, outputs, deltaStride);
        double[] gradients = KernelData.Uniform(random, inputs * outputs);
        double[] before = (double[])gradients.Clone();

        DenseBatchKernel.AccumulateWeightGradients<double>(x, inputStride, deltas, deltaStride, batch, gradients, outputs);

        for (int i = 0; i < inputs; i++)
        {
            for (int j = 0; j < outputs; j++)
            {
                double expected = before[(i * outputs) + j];
                for (int s = 0; s < batch; s++)
                {
                    expected += x[(s * inputStride) + i] * deltas[(s * deltaStride) + j];
                }

                Assert.Equal(expected, gradients[(i * outputs) + j], 1e-12);
            }
        }
    }

    /// <summary>
    /// <c>TrainBatch</c>'s step straight from a block's sums gives the bits of the route it replaces, accumulating into
    /// zeroed gradients and then applying them, on every path of the weight-gradient pass (wide, pair, narrow and
    /// column-by-column tiles, the rows after the last tile of four), and leaves the bias's gradient zero.
    /// </summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void Stepping_from_a_block_s_sums_equals_accumulating_then_applying_bit_for_bit(int inputs, int outputs, int batch)
    {
        var random = new Random((inputs * 1000) + outputs + 3);
        int inputStride = inputs + 1, deltaStride = outputs + 3;
        double[] x = Rows(random, batch, inputs, inputStride), deltas = Rows(random, batch, outputs, deltaStride);
        double[] weights = KernelData.Uniform(random, inputs * outputs), bias = KernelData.Uniform(random, outputs);
        AssertStepMatchesAccumulating(x, inputStride, deltas, deltaStride, batch, weights, bias, 0.37);
        AssertStepMatchesAccumulating(ToFloats(x), inputStride, ToFloats(deltas), deltaStride, batch, ToFloats(weights), ToFloats(bias), 0.37f);
    }

    /// <summary>
    /// A sum of −0 (tiny products that underflow) on a weight of −0: the accumulating route adds the sum to a zero
    /// gradient, which gives +0, so the step is −0 and the weight stays −0; the step from the sums must keep it too.
    /// </summary>
    [Fact]
    public void A_negative_zero_sum_steps_a_negative_zero_weight_as_accumulating_does()
    {
        const int outputs = 16 + 8 + 3; // a pair tile, a narrow tile and a column by column
        float[] x = [-1e-30f], deltas = new float[outputs], weights = new float[outputs], bias = new float[outputs];
        Array.Fill(deltas, 1e-30f);
        Array.Fill(weights, -0f);

        AssertStepMatchesAccumulating(x, 1, deltas, outputs, 1, weights, bias, 0.5f);

        Assert.All(weights, weight => Assert.True(float.IsNegative(weight)));
    }

    /// <summary>
    /// <c>StepFromBlock</c> against <c>AccumulateGradients</c> into zeroed gradients and <c>ApplyAndClear</c>, bit for bit;
    /// leaves <paramref name="weights"/> and <paramref name="bias"/> stepped, and the bias's gradient zero.
    /// </summary>
    private static void AssertStepMatchesAccumulating<T>(T[] x, int inputStride, T[] deltas, int deltaStride, int batch, T[] weights, T[] bias, T learningRate)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T[] expectedWeights = (T[])weights.Clone(), expectedBias = (T[])bias.Clone();
        T[] weightGradients = new T[weights.Length], biasGradients = new T[bias.Length];
        DenseBatchKernel.AccumulateGradients<T>(x, inputStride, deltas, deltaStride, batch, weightGradients, biasGradients);
        SgdKernel.ApplyAndClear<T>(expectedWeights, weightGradients, learningRate);
        SgdKernel.ApplyAndClear<T>(expectedBias, biasGradients, learningRate);

        DenseBatchKernel.StepFromBlock<T>(x, inputStride, deltas, deltaStride, batch, weights, bias, biasGradients, learningRate);

        Assert.True(expectedWeights.AsSpan().SequenceEqual(weights), $"{typeof(T).Name}: the weights differ");
        Assert.True(expectedBias.AsSpan().SequenceEqual(bias), $"{typeof(T).Name}: the biases differ");
        Assert.All(biasGradients, gradient => Assert.Equal(T.Zero, gradient));
    }

    /// <summary>The one-pass SGD step computes what the two passes it replaced computed, bit for bit, and clears.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(101_770)]
    public void The_SGD_step_equals_multiply_add_then_clear_bit_for_bit(int length)
    {
        var random = new Random(length);
        float[] parameters = Array.ConvertAll(KernelData.Uniform(random, length), value => (float)value);
        float[] gradients = Array.ConvertAll(KernelData.Uniform(random, length), value => (float)value * 1e-3f);
        float[] expected = (float[])parameters.Clone();
        TensorPrimitives.MultiplyAdd(gradients, -0.37f, expected, expected);

        SgdKernel.ApplyAndClear<float>(parameters, gradients, 0.37f);

        Assert.Equal(expected, parameters);
        Assert.All(gradients, gradient => Assert.Equal(0f, gradient));
    }

    [Fact]
    public void The_SGD_step_refuses_gradients_of_another_length()
    {
        var exception = Assert.Throws<ArgumentException>(() => SgdKernel.ApplyAndClear<double>(new double[5], new double[4], 0.1));
        Assert.Contains("5", exception.Message, StringComparison.Ordinal);
    }

    private static double[] Rows(Random random, int rows, int length, int stride)
    {
        double[] values = Guarded(rows * stride);
        double[] filled = KernelData.Uniform(random, rows * length);
        for (int r = 0; r < rows; r++)
        {
            Array.Copy(filled, r * length, values, r * stride, length);
        }

        return values;
    }

    private static float[] ToFloats(double[] values) => Array.ConvertAll(values, value => (float)value);

    private static double[] Guarded(int length)
    {
        var values = new double[length];
        Array.Fill(values, Guard);
        return values;
    }

    private static void AssertGuards(double[] values, int rowStart, int length, int stride)
    {
        for (int k = rowStart + length; k < rowStart + stride; k++)
        {
            Assert.Equal(Guard, values[k]);
        }
    }
}
