using System;
using System.Linq;

namespace GenNN.Onnx.Layers;

/// <summary>
/// The window of a convolution or pool over a signal <c>[C, L]</c> or an image <c>[C, H, W]</c>: GenNN's windows are
/// square, so one kernel extent, stride and dilation serve every spatial dimension; padding may differ before and
/// after (only 'same' convolutions with an even kernel make it differ).
/// </summary>
/// <param name="Dimensions">The number of spatial dimensions, 1 or 2.</param>
/// <param name="Kernel">The kernel's extent.</param>
/// <param name="Stride">The step between windows.</param>
/// <param name="PaddingBefore">Zeros added before each spatial dimension.</param>
/// <param name="PaddingAfter">Zeros added after each spatial dimension.</param>
/// <param name="Dilation">The spacing between kernel taps.</param>
internal sealed record SlidingWindow(int Dimensions, int Kernel, int Stride, int PaddingBefore, int PaddingAfter, int Dilation)
{
    /// <summary>The values in one window: <c>Kernel^Dimensions</c>.</summary>
    public int Taps => Dimensions == 1 ? Kernel : Kernel * Kernel;

    /// <summary>A pool's window: its settings <c>KernelSize</c>, <c>Stride</c> and <c>Padding</c> (the same on every side), no dilation.</summary>
    /// <exception cref="NotSupportedException">The input is not a signal or an image, or a setting is missing.</exception>
    public static SlidingWindow OfPool(LayerDescription layer)
    {
        int padding = LayerParts.IntegerSetting(layer, "Padding");
        return new SlidingWindow(
            SpatialDimensions(layer), LayerParts.IntegerSetting(layer, "KernelSize"), LayerParts.IntegerSetting(layer, "Stride"), padding, padding, 1);
    }

    /// <summary>
    /// A convolution's window: its settings <c>KernelSize</c>, <c>Stride</c>, <c>PaddingBefore</c>, <c>PaddingAfter</c>
    /// and <c>Dilation</c>.
    /// </summary>
    /// <exception cref="NotSupportedException">The input is not a signal or an image, or a setting is missing.</exception>
    public static SlidingWindow OfConvolution(LayerDescription layer)
        => new(
            SpatialDimensions(layer),
            LayerParts.IntegerSetting(layer, "KernelSize"),
            LayerParts.IntegerSetting(layer, "Stride"),
            LayerParts.IntegerSetting(layer, "PaddingBefore"),
            LayerParts.IntegerSetting(layer, "PaddingAfter"),
            LayerParts.IntegerSetting(layer, "Dilation"));

    /// <summary>
    /// ONNX's window attributes: <c>kernel_shape</c>, <c>strides</c>, <c>pads</c> (every dimension's padding before,
    /// then every dimension's padding after) and, for a dilated window, <c>dilations</c>.
    /// </summary>
    public ProtobufWriter[] Attributes()
    {
        ProtobufWriter[] attributes =
        [
            PerDimension("kernel_shape", Kernel),
            PerDimension("strides", Stride),
            OnnxAttributes.Ints("pads", PerDimensionValues(PaddingBefore).Concat(PerDimensionValues(PaddingAfter))),
        ];
        return Dilation == 1 ? attributes : [.. attributes, PerDimension("dilations", Dilation)];
    }

    /// <summary>
    /// Writes the nodes that gather every window of <paramref name="layer"/>'s input (the value <paramref name="input"/>,
    /// <c>[N, C, ...]</c>) into columns, as im2col does: <c>Pad</c> with zeros, <c>Reshape</c> each channel flat, and one
    /// <c>Gather</c> of precomputed indices, giving <c>[N, C, Taps, positions]</c> (taps and output positions row-major).
    /// Unlike <c>Conv</c> and <c>AveragePool</c>, these operators have double kernels in ONNX Runtime.
    /// </summary>
    /// <returns>The columns' name.</returns>
    public string GatherColumns(OnnxGraphBuilder graph, LayerDescription layer, string input)
    {
        int channels = layer.InputShape[0];
        int[] padded = layer.InputShape.Skip(1).Select(extent => extent + PaddingBefore + PaddingAfter).ToArray();
        int[] outputExtents = layer.OutputShape.Skip(1).ToArray();
        int positions = NetworkDescription.Product(outputExtents);

        string value = input;
        if (PaddingBefore != 0 || PaddingAfter != 0)
        {
            long[] pads = [0, 0, .. PerDimensionValues(PaddingBefore), 0, 0, .. PerDimensionValues(PaddingAfter)];
            value = graph.Node(layer.Name + ".Pad", "Pad", [value, graph.Int64s(layer.Name + ".Pads", pads)]);
        }

        string flatShape = graph.Int64s(layer.Name + ".FlatChannelsShape", [0, channels, NetworkDescription.Product(padded)]);
        value = graph.Node(layer.Name + ".FlatChannels", "Reshape", [value, flatShape]);
        string indices = graph.Int64s(layer.Name + ".WindowIndices", [Taps, positions], WindowIndices(padded, outputExtents));
        return graph.Node(layer.Name + ".Windows", "Gather", [value, indices], OnnxAttributes.Int("axis", 2));
    }

    private static int SpatialDimensions(LayerDescription layer)
        => layer.InputShape.Count is 2 or 3
            ? layer.InputShape.Count - 1
            : throw new NotSupportedException($"Layer '{layer.Name}' ({layer.Kind}) reads shape [{string.Join(", ", layer.InputShape)}]; it needs [C, L] or [C, H, W].");

    private ProtobufWriter PerDimension(string name, int value) => OnnxAttributes.Ints(name, PerDimensionValues(value));

    private long[] PerDimensionValues(int value) => Enumerable.Repeat((long)value, Dimensions).ToArray();

    /// <summary>For each tap and each output position, the index of the value it reads in a padded channel, flattened row-major.</summary>
    private long[] WindowIndices(int[] padded, int[] outputExtents)
    {
        int positions = NetworkDescription.Product(outputExtents);
        var indices = new long[Taps * positions];
        for (int tap = 0; tap < Taps; tap++)
        {
            for (int position = 0; position < positions; position++)
            {
                long index = 0;
                int tapRest = tap, positionRest = position;
                for (int d = Dimensions - 1, extentBelow = 1; d >= 0; d--)
                {
                    int tapOffset = tapRest % Kernel, outputIndex = positionRest % outputExtents[d];
                    tapRest /= Kernel;
                    positionRest /= outputExtents[d];
                    index += (long)((outputIndex * Stride) + (tapOffset * Dilation)) * extentBelow;
                    extentBelow *= padded[d];
                }

                indices[(tap * positions) + position] = index;
            }
        }

        return indices;
    }
}
