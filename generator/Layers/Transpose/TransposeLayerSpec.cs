using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Transpose;

/// <summary>The two axes of a <c>[A, B]</c> input swapped: <c>y[b, a] = x[a, b]</c>.</summary>
internal sealed record TransposeLayerSpec(string Name, TensorShape InputShape)
    : LayerSpec(Name, InputShape, TensorShape.Of(InputShape[1], InputShape[0]))
{
    public override string KindName => "Transpose";

    public override SignalAxes? WritesAxes(SignalAxes? input) => input switch
    {
        SignalAxes.ChannelsFirst => SignalAxes.StepsFirst,
        SignalAxes.StepsFirst => SignalAxes.ChannelsFirst,
        _ => null,
    };
}
