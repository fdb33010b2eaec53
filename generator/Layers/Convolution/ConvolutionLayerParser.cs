using System.Collections.Generic;
using GenNN.Generator.Diagnostics;
using GenNN.Generator.Helpers;
using GenNN.Generator.Layers.Activation;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Layers.Convolution;

/// <summary>
/// Reads <c>[Conv2D(filters, kernelSize, activation, Stride = ..., Padding = ..., PaddingSize = ..., Dilation = ..., Groups = ..., Name = ...)]</c>
/// and its 1-D twin <c>[Conv1D(...)]</c>.
/// </summary>
internal sealed class ConvolutionLayerParser(int dimensions) : ILayerParser
{
    public static readonly ConvolutionLayerParser OneDimensional = new(1);

    public static readonly ConvolutionLayerParser TwoDimensional = new(2);

    // GenNN.Padding.Same's value.
    private const int SamePadding = 1;

    public IReadOnlyList<LayerSpec>? Parse(AttributeReader attribute, int index, TensorShape input, List<Diagnostic> diagnostics)
    {
        int errors = diagnostics.Count;
        string? name = LayerNames.Resolve(attribute, index, diagnostics);
        string layerName = name ?? attribute.ShortName;
        int filters = attribute.Argument("filters", 0);
        if (filters <= 0)
        {
            LayerDiagnostics.NonPositiveSize(attribute.ArgumentLocation("filters"), index, layerName, "filters", filters, diagnostics);
        }

        int kernel = LayerDiagnostics.AtLeast(attribute, index, layerName, "kernelSize", attribute.Argument("kernelSize", 0), 1, named: false, diagnostics);
        int stride = LayerDiagnostics.AtLeast(attribute, index, layerName, "Stride", attribute.Named("Stride", 1), 1, named: true, diagnostics);
        int dilation = LayerDiagnostics.AtLeast(attribute, index, layerName, "Dilation", attribute.Named("Dilation", 1), 1, named: true, diagnostics);
        int groups = LayerDiagnostics.AtLeast(attribute, index, layerName, "Groups", attribute.Named("Groups", 1), 1, named: true, diagnostics);
        int paddingSize = LayerDiagnostics.AtLeast(attribute, index, layerName, "PaddingSize", attribute.Named("PaddingSize", 0), 0, named: true, diagnostics);
        int padding = attribute.Named("Padding", 0);
        if (!EnumValues.IsDefined<PaddingKind>(padding))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UndefinedEnumValue, attribute.NamedLocation("Padding"), Invariant.Text(padding), "Padding", EnumValues.NamesOf<PaddingKind>()));
        }
        else if (padding == SamePadding && stride != 1)
        {
            LayerDiagnostics.InvalidSetting(attribute.NamedLocation("Padding"), index, layerName, "Padding.Same keeps the input's size, which needs Stride = 1 (as in PyTorch)", diagnostics);
        }
        else if (padding == SamePadding && paddingSize != 0)
        {
            LayerDiagnostics.InvalidSetting(attribute.NamedLocation("PaddingSize"), index, layerName, "give Padding.Same or a PaddingSize, not both", diagnostics);
        }

        ActivationSpec? activation = ActivationSettings.Read(attribute, "activation", index, layerName, diagnostics);
        if (diagnostics.Count != errors || name is null || activation is null)
        {
            return null;
        }

        string expectation = dimensions == 1 ? "a 1-D convolution reads a signal [channels, length]" : "a 2-D convolution reads an image [channels, height, width]";
        if (!LayerDiagnostics.RequireRank(attribute, index, name, input, diagnostics, expectation, dimensions + 1))
        {
            return null;
        }

        int channels = input[0];
        if (channels % groups != 0 || filters % groups != 0)
        {
            LayerDiagnostics.InvalidSetting(
                attribute.NamedLocation("Groups"),
                index,
                name,
                $"Groups = {Invariant.Text(groups)} must divide both the {Invariant.Text(channels)} input channels and the {Invariant.Text(filters)} filters",
                diagnostics);
            return null;
        }

        // Every size below in 64 bits, each checked before the spec computes it in 32 (GNN0016).
        long total = (long)dilation * (kernel - 1);
        long before = padding == SamePadding ? total / 2 : paddingSize;
        long after = padding == SamePadding ? total - (total / 2) : paddingSize;
        for (int d = 1; d < input.Rank; d++)
        {
            if (LayerDiagnostics.TooLarge(attribute, index, "values along a dimension of its padded input", input[d] + before + after, NetworkLimits.MaxSampleScratchBytes, "a sample's values may take", diagnostics))
            {
                return null;
            }
        }

        long patch = (long)(channels / groups) * (dimensions == 1 ? kernel : (long)kernel * kernel);
        if (LayerDiagnostics.TooLarge(attribute, index, "parameters", (filters * patch) + filters, NetworkLimits.MaxParameterBytes, "a parameter buffer may take", diagnostics))
        {
            return null;
        }

        var geometry = new ConvolutionGeometry(kernel, stride, (int)before, (int)after, dilation, groups);
        var output = new List<int> { filters };
        long outputs = filters;
        for (int d = 1; d < input.Rank; d++)
        {
            long extent = geometry.OutputExtent(input[d]);
            if (extent <= 0)
            {
                LayerDiagnostics.EmptyOutput(
                    attribute,
                    index,
                    name,
                    input,
                    $"a kernel of {Invariant.Text(kernel)} with dilation {Invariant.Text(dilation)} spans {Invariant.Text(total + 1)} values, more than the {Invariant.Text(input[d] + geometry.PaddingBefore + geometry.PaddingAfter)} of the padded input",
                    diagnostics);
                return null;
            }

            outputs *= extent;
            if (LayerDiagnostics.TooLarge(attribute, index, "outputs", outputs, NetworkLimits.MaxSampleScratchBytes, "a sample's values may take", diagnostics))
            {
                return null;
            }

            output.Add((int)extent);
        }

        TensorShape outputShape = TensorShape.Of(output.ToArray());
        List<LayerSpec> layers = ActivationSettings.Attach(name, outputShape, activation, fused => new ConvolutionLayerSpec(name, input, outputShape, geometry, fused));
        long scratch = ((ConvolutionLayerSpec)layers[0]).ScratchLength;
        return LayerDiagnostics.TooLarge(attribute, index, "values of working memory", scratch, NetworkLimits.MaxTemporaryScratchBytes, "a layer's working memory may take", diagnostics)
            ? null
            : layers;
    }

    /// <summary>Mirrors <c>GenNN.Padding</c>.</summary>
    private enum PaddingKind
    {
        Valid = 0,
        Same = 1,
    }
}
