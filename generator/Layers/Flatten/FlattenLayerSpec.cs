using GenNN.Generator.Model;

namespace GenNN.Generator.Layers.Flatten;

/// <summary>A view of an image or signal as one vector, row-major: the next layer reads the same memory, so it computes nothing.</summary>
internal sealed record FlattenLayerSpec(string Name, TensorShape InputShape)
    : LayerSpec(Name, InputShape, TensorShape.Of(InputShape.Length))
{
    public override string KindName => "Flatten";

    public override bool AliasesInput(bool isOutputLayer) => true;
}
