using System.Collections.Generic;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Layers.Pooling;

/// <summary>Reads <c>[MaxPool2D(kernelSize, Stride = ..., PaddingSize = ..., Name = ...)]</c> and its average and 1-D twins.</summary>
internal sealed class PoolingLayerParser(bool isMax, int dimensions) : ILayerParser
{
    public static readonly PoolingLayerParser Max1D = new(isMax: true, 1);

    public static readonly PoolingLayerParser Max2D = new(isMax: true, 2);

    public static readonly PoolingLayerParser Average1D = new(isMax: false, 1);

    public static readonly PoolingLayerParser Average2D = new(isMax: false, 2);

    public IReadOnlyList<LayerSpec>? Parse(AttributeReader attribute, int index, TensorShape input, List<Diagnostic> diagnostics)
    {
        int errors = diagnostics.Count;
        string? name = LayerNames.Resolve(attribute, index, diagnostics);
        string layerName = name ?? attribute.ShortName;
        int kernel = LayerDiagnostics.AtLeast(attribute, index, layerName, "kernelSize", attribute.Argument("kernelSize", 0), 1, named: false, diagnostics);
        int stride = LayerDiagnostics.AtLeast(attribute, index, layerName, "Stride", attribute.Named("Stride", 0), 0, named: true, diagnostics);
        int padding = LayerDiagnostics.AtLeast(attribute, index, layerName, "PaddingSize", attribute.Named("PaddingSize", 0), 0, named: true, diagnostics);
        if (diagnostics.Count == errors && padding > kernel / 2)
        {
            LayerDiagnostics.InvalidSetting(
                attribute.NamedLocation("PaddingSize"), index, layerName, $"PaddingSize = {Invariant.Text(padding)} is more than half the kernel ({Invariant.Text(kernel)}), so a window could hold padding only (PyTorch refuses it too)", diagnostics);
        }

        string expectation = dimensions == 1 ? "a 1-D pool reads a signal [channels, length]" : "a 2-D pool reads an image [channels, height, width]";
        if (diagnostics.Count != errors || name is null || !LayerDiagnostics.RequireRank(attribute, index, name, input, diagnostics, expectation, dimensions + 1))
        {
            return null;
        }

        stride = stride == 0 ? kernel : stride;
        var output = new List<int> { input[0] };
        for (int d = 1; d < input.Rank; d++)
        {
            long extent = ((input[d] + (2L * padding) - kernel) / stride) + 1;
            if (input[d] + (2L * padding) < kernel)
            {
                LayerDiagnostics.EmptyOutput(
                    attribute, index, name, input, $"a window of {Invariant.Text(kernel)} is larger than the {Invariant.Text(input[d] + (2 * padding))} values of the padded input", diagnostics);
                return null;
            }

            output.Add((int)extent);
        }

        return new LayerSpec[] { new PoolingLayerSpec(name, input, TensorShape.Of(output.ToArray()), isMax, kernel, stride, padding) };
    }
}
