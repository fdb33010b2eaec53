using GenNN.Generator.Helpers;

namespace GenNN.Generator.Layers.Flatten;

/// <summary>
/// Flatten has no code: the scratch layout gives its output and delta the same memory as its input's, and the
/// network emitter writes a comment where its passes would be. These are never called.
/// </summary>
internal sealed class FlattenLayerEmitter : ILayerEmitter
{
    public static readonly FlattenLayerEmitter Instance = new();

    public void EmitForward(SourceWriter writer, LayerContext context, SampleViews views) => throw Aliased();

    public void EmitBlockForward(SourceWriter writer, LayerContext context, BlockViews views) => throw Aliased();

    public void EmitBlockBackward(SourceWriter writer, LayerContext context, BlockViews views) => throw Aliased();

    private static System.InvalidOperationException Aliased() => new("Flatten aliases its input; the network emitter writes no pass for it.");
}
