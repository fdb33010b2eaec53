using System.Collections.Immutable;

namespace GenNN.Generator.Tests.Infrastructure;

/// <summary>One dense layer of a <see cref="Topology"/>: <c>[Dense(Units, Activation, NegativeSlope = ...)]</c>.</summary>
/// <param name="NegativeSlope">Written out for <see cref="Activation.LeakyReLU"/> only.</param>
internal sealed record DenseLayer(int Units, Activation Activation, double NegativeSlope = 0.01);

/// <summary>A dense network as plain values: what the tests generate, render to source and evaluate by hand.</summary>
/// <param name="Loss"><see langword="null"/> for an inference-only network.</param>
internal sealed record Topology(Precision Precision, int InputSize, ImmutableArray<DenseLayer> Layers, LossFunction? Loss)
{
    public int OutputSize => Layers[^1].Units;

    /// <summary>Every layer's weights and bias, as <see cref="INetwork{T}.Parameters"/> lays them out.</summary>
    public int ParameterCount
    {
        get
        {
            int count = 0;
            int inputs = InputSize;
            foreach (DenseLayer layer in Layers)
            {
                count += (inputs * layer.Units) + layer.Units;
                inputs = layer.Units;
            }

            return count;
        }
    }
}
