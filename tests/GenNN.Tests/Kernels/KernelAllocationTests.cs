using System;
using System.Numerics;
using GenNN.Kernels;
using Xunit;

namespace GenNN.Tests.Kernels;

/// <summary>
/// After a warm-up (which lets the JIT finish tiering the kernels), a hundred rounds of every kernel's every pass
/// allocate nothing on the calling thread, in double and in float.
/// </summary>
public sealed class KernelAllocationTests
{
    private const int WarmUpRounds = 50;
    private const int MeasuredRounds = 100;

    [Fact]
    public void Kernels_allocate_nothing_in_double() => Assert.Equal(0, AllocatedBytes<double>());

    [Fact]
    public void Kernels_allocate_nothing_in_float() => Assert.Equal(0, AllocatedBytes<float>());

    private static long AllocatedBytes<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var workload = new Workload<T>();
        for (int round = 0; round < WarmUpRounds; round++)
        {
            workload.Run();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < MeasuredRounds; round++)
        {
            workload.Run();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>Buffers for one call of every pass, allocated once; <see cref="Run"/> only calls kernels.</summary>
    private sealed class Workload<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private const int Channels = 6, Count = 3;

        private static readonly Conv2DGeometry Convolution = new(6, 11, 10, 8, 3, 3, 2, 1, 1, 1, 2, 1, 1, 2, 2);
        private static readonly Conv2DGeometry Pointwise = new(6, 11, 10, 8, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1);

        // Stride 1 with padding: the direct path, its zero frame and its virtual grid.
        private static readonly Conv2DGeometry Direct = new(6, 11, 10, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2);
        private static readonly PoolGeometry Pool = new(Channels, 11, 10, 3, 3, 2, 2, 1, 1);

        private readonly T[] _image = Filled(Convolution.InputLength);
        private readonly T[] _weights = Filled(Convolution.WeightsLength);
        private readonly T[] _bias = Filled(Convolution.OutChannels);
        private readonly T[] _convolutionOutput = Filled(Convolution.OutputLength);
        private readonly T[] _pointwiseOutput = Filled(Pointwise.OutputLength);
        private readonly T[] _imageGradient = Filled(Convolution.InputLength);
        private readonly T[] _weightGradient = Filled(Convolution.WeightsLength);
        private readonly T[] _biasGradient = Filled(Convolution.OutChannels);
        private readonly T[] _scratch = Filled(Math.Max(ConvolutionKernel.ScratchLength(Convolution), ConvolutionKernel.ScratchLength(Direct)));
        private readonly T[] _poolOutput = Filled(Pool.OutputLength);
        private readonly T[] _channelValues = Filled(Channels);
        private readonly T[] _batch = Filled(Count * Convolution.InputLength);
        private readonly T[] _batchOutput = Filled(Count * Convolution.InputLength);
        private readonly T[] _batchGradient = Filled(Count * Convolution.InputLength);
        private readonly T[] _perChannel = Filled(Channels);
        private readonly T[] _mean = Filled(Channels);
        private readonly T[] _inverseStd = Filled(Channels);
        private readonly T[] _runningMean = Filled(Channels);
        private readonly T[] _runningVariance = Filled(Channels);
        private readonly T[] _gammaGradient = Filled(Channels);
        private readonly T[] _betaGradient = Filled(Channels);
        private readonly T[] _rowGamma = Filled(110);
        private readonly T[] _rowGammaGradient = Filled(110);
        private readonly T[] _rowBetaGradient = Filled(110);

        public void Run()
        {
            T momentum = T.CreateTruncating(0.1), epsilon = T.CreateTruncating(1e-5);
            int spatial = Pool.InHeight * Pool.InWidth;
            ConvolutionKernel.Forward<T, ReLUActivation<T>>(Convolution, _image, _weights, _bias, _convolutionOutput, _scratch, T.Zero);
            ConvolutionKernel.Backward(Convolution, _image, _weights, _convolutionOutput, _weightGradient, _biasGradient, _imageGradient, _scratch);
            ConvolutionKernel.Backward(Convolution, _image, _weights, _convolutionOutput, _weightGradient, _biasGradient, Span<T>.Empty, _scratch);
            ConvolutionKernel.Forward<T, TanhActivation<T>>(
                Direct, _image, _weights.AsSpan(0, Direct.WeightsLength), _bias.AsSpan(0, Direct.OutChannels), _convolutionOutput.AsSpan(0, Direct.OutputLength), _scratch, T.Zero);
            ConvolutionKernel.Backward(
                Direct,
                _image,
                _weights.AsSpan(0, Direct.WeightsLength),
                _convolutionOutput.AsSpan(0, Direct.OutputLength),
                _weightGradient.AsSpan(0, Direct.WeightsLength),
                _biasGradient.AsSpan(0, Direct.OutChannels),
                _imageGradient,
                _scratch);
            ConvolutionKernel.Forward<T, IdentityActivation<T>>(Pointwise, _image, _weights.AsSpan(0, Pointwise.WeightsLength), _bias, _pointwiseOutput, _scratch, T.Zero);
            ConvolutionKernel.Backward(
                Pointwise, _image, _weights.AsSpan(0, Pointwise.WeightsLength), _pointwiseOutput, _weightGradient.AsSpan(0, Pointwise.WeightsLength), _biasGradient, _imageGradient, _scratch);
            PoolKernel.MaxForward(Pool, _image, _poolOutput);
            PoolKernel.MaxBackward(Pool, _image, _poolOutput, _imageGradient);
            PoolKernel.AverageForward(Pool, _image, _poolOutput);
            PoolKernel.AverageBackward(Pool, _poolOutput, _imageGradient);
            PoolKernel.GlobalAverageForward(Channels, spatial, _image, _channelValues);
            PoolKernel.GlobalAverageBackward(Channels, spatial, _channelValues, _imageGradient);
            foreach (int channelSpatial in (ReadOnlySpan<int>)[spatial, 1])
            {
                int stride = Channels * channelSpatial;
                BatchNormKernel.TrainingForward(
                    Channels, channelSpatial, Count, _batch, stride, _perChannel, _perChannel, _batchOutput, stride, _mean, _inverseStd, _runningMean, _runningVariance, momentum, epsilon);
                BatchNormKernel.InferenceForward(Channels, channelSpatial, _batch.AsSpan(0, stride), _perChannel, _perChannel, _runningMean, _runningVariance, epsilon, _batchOutput.AsSpan(0, stride));
                BatchNormKernel.Backward(
                    Channels, channelSpatial, Count, _batch, stride, _batchOutput, stride, _perChannel, _mean, _inverseStd, _gammaGradient, _betaGradient, _batchGradient, stride);
            }

            LayerNormKernel.Forward(Channels, spatial, _image, _rowGamma, _rowGamma, epsilon, _batchOutput.AsSpan(0, Channels * spatial), _mean, _inverseStd);
            LayerNormKernel.Backward(
                Channels, spatial, _image, _batchOutput.AsSpan(0, Channels * spatial), _rowGamma, _mean, _inverseStd, _rowGammaGradient, _rowBetaGradient, _batchGradient.AsSpan(0, Channels * spatial));
            LayerNormKernel.Forward(Channels, spatial, _image, ReadOnlySpan<T>.Empty, ReadOnlySpan<T>.Empty, epsilon, _batchOutput.AsSpan(0, Channels * spatial), _mean, _inverseStd);
            // 109 values: whole vectors and a tail at every width.
            ActivationLayerKernel.Forward<T, GELUActivation<T>>(_rowGamma.AsSpan(0, 109), _rowGammaGradient.AsSpan(0, 109), T.Zero);
            ActivationLayerKernel.Backward<T, SoftplusActivation<T>>(
                _rowGamma.AsSpan(0, 109), _rowGammaGradient.AsSpan(0, 109), _rowBetaGradient.AsSpan(0, 109), _rowBetaGradient.AsSpan(0, 109), T.Zero);
            LayerNormKernel.Backward(
                Channels, spatial, _image, _batchOutput.AsSpan(0, Channels * spatial), ReadOnlySpan<T>.Empty, _mean, _inverseStd, Span<T>.Empty, Span<T>.Empty, _batchGradient.AsSpan(0, Channels * spatial));
        }

        /// <summary>Small values that vary, so no pass sees degenerate input (values stay bounded over many rounds).</summary>
        private static T[] Filled(int length)
        {
            var values = new T[length];
            for (int i = 0; i < length; i++)
            {
                values[i] = T.CreateTruncating(((i * 7) % 13) / 13.0);
            }

            return values;
        }
    }
}
