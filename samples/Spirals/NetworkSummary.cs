using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace GenNN.Samples.Spirals;

/// <summary>One dense layer of <see cref="SpiralNet"/>, as the summary shows it.</summary>
internal sealed record LayerSummary(string Name, int Inputs, int Outputs, Activation Activation, int Parameters);

/// <summary>
/// Describes <see cref="SpiralNet"/> from what the generator emitted: the sizes are its compile-time constants, so
/// the summary cannot drift from the declaration.
/// </summary>
internal static class NetworkSummary
{
    public static IReadOnlyList<LayerSummary> Layers { get; } =
    [
        new("Hidden1", SpiralNet.Hidden1InputSize, SpiralNet.Hidden1Size, ActivationOf("Hidden1"), SpiralNet.Hidden1WeightsLength + SpiralNet.Hidden1BiasLength),
        new("Hidden2", SpiralNet.Hidden2InputSize, SpiralNet.Hidden2Size, ActivationOf("Hidden2"), SpiralNet.Hidden2WeightsLength + SpiralNet.Hidden2BiasLength),
        new("Classifier", SpiralNet.ClassifierInputSize, SpiralNet.ClassifierSize, ActivationOf("Classifier"), SpiralNet.ClassifierWeightsLength + SpiralNet.ClassifierBiasLength),
    ];

    /// <summary>The layer widths from input to output, e.g. <c>2 -> 32 -> 32 -> 2</c>.</summary>
    public static string Shape => string.Join(" -> ", Layers.Select(layer => layer.Outputs).Prepend(SpiralNet.InputSize));

    /// <summary>
    /// The generator emits no constant for a layer's activation, so it is read back from the <c>[Dense]</c>
    /// attribute, which stays in the assembly's metadata like any other attribute.
    /// </summary>
    private static Activation ActivationOf(string layer)
        => typeof(SpiralNet).GetCustomAttributes<DenseAttribute>().Single(dense => dense.Name == layer).Activation;
}
