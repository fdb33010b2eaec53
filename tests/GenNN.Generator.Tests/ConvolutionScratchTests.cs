using GenNN.Generator.Layers.Convolution;
using GenNN.Generator.Model;
using GenNN.Kernels;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>The generator sizes a convolution's scratch at compile time; it must be what the kernel asks for, for every path.</summary>
public sealed class ConvolutionScratchTests
{
    [Theory]
    [InlineData(1, 28, 28, 8, 3, 1, 0, 0, 1, 1)]     // direct, stride 1, no padding
    [InlineData(8, 13, 13, 16, 3, 1, 1, 1, 1, 1)]    // direct, padded
    [InlineData(3, 9, 7, 6, 3, 2, 1, 1, 1, 3)]       // strided: im2col, grouped
    [InlineData(4, 10, 10, 4, 2, 1, 0, 1, 2, 4)]     // 'same' with an even kernel, dilated, depthwise
    [InlineData(4, 6, 6, 8, 1, 1, 0, 0, 1, 2)]       // pointwise
    [InlineData(2, 1, 30, 5, 5, 3, 2, 2, 1, 1)]      // 1-D (height 1), strided
    public void The_layer_s_scratch_is_the_kernel_s(int channels, int height, int width, int filters, int kernel, int stride, int before, int after, int dilation, int groups)
    {
        bool oneDimensional = height == 1;
        var geometry = new ConvolutionGeometry(kernel, stride, before, after, dilation, groups);
        int outWidth = (int)geometry.OutputExtent(width);
        int outHeight = oneDimensional ? 1 : (int)geometry.OutputExtent(height);
        TensorShape input = oneDimensional ? TensorShape.Of(channels, width) : TensorShape.Of(channels, height, width);
        TensorShape output = oneDimensional ? TensorShape.Of(filters, outWidth) : TensorShape.Of(filters, outHeight, outWidth);
        var layer = new ConvolutionLayerSpec("Conv", input, output, geometry, ActivationSpec.Identity);
        var kernelGeometry = new Conv2DGeometry(
            channels, height, width, filters, oneDimensional ? 1 : kernel, kernel, oneDimensional ? 1 : stride, stride,
            oneDimensional ? 0 : before, before, oneDimensional ? 0 : after, after, oneDimensional ? 1 : dilation, dilation, groups);
        Assert.Equal(ConvolutionKernel.ScratchLength(kernelGeometry), layer.ScratchLength);
    }
}
