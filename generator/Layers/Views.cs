namespace GenNN.Generator.Layers;

/// <summary>The spans a layer's single-sample inference reads and writes, as expressions.</summary>
/// <param name="Input">The sample's input values.</param>
/// <param name="Output">Receives the sample's output values.</param>
/// <param name="Temporary">Free working memory of the network's <c>TemporaryLength</c>.</param>
internal sealed record SampleViews(string Input, string Output, string Temporary);

/// <summary>
/// Values of a block of samples laid out at a fixed distance: sample <c>s</c>'s values are
/// <c>Base.Slice(s·Stride, Length)</c>. <see cref="Base"/> starts at sample 0's values and runs to the end of the
/// block, so the strided batch kernels can take it whole.
/// </summary>
internal sealed record StridedView(string Base, string Stride, string Length)
{
    /// <summary>Sample <paramref name="sample"/>'s values.</summary>
    public string Sample(string sample) => $"{Base}.Slice({sample} * {Stride}, {Length})";
}

/// <summary>The spans a layer's block passes read and write, as expressions.</summary>
/// <param name="Count">The number of samples in the block.</param>
/// <param name="Inputs">The layer's input values.</param>
/// <param name="Outputs">The layer's output values.</param>
/// <param name="OutputDeltas">Backward: <c>dL/d(output)</c> of each sample; <see langword="null"/> in forward passes.</param>
/// <param name="InputDeltas">Backward: receives <c>dL/d(input)</c>; <see langword="null"/> when nothing needs it.</param>
/// <param name="Temporary">Free working memory of the network's <c>TemporaryLength</c>.</param>
/// <param name="SampleRegions">The base and stride of the layer's per-sample training regions: <c>Region(suffix)</c>.</param>
/// <param name="BlockRegions">The span holding the layer's per-block training regions.</param>
internal sealed record BlockViews(
    string Count,
    StridedView Inputs,
    StridedView Outputs,
    StridedView? OutputDeltas,
    StridedView? InputDeltas,
    string Temporary,
    string SampleRegions,
    string SampleStride,
    string BlockRegions)
{
    /// <summary>A per-sample region of <paramref name="layerName"/> (<see cref="Model.ScratchScope.TrainingSample"/>).</summary>
    public StridedView Region(string layerName, string suffix)
        => new($"{SampleRegions}.Slice({layerName}{suffix}Offset)", SampleStride, $"{layerName}{suffix}Length");

    /// <summary>A per-block region of <paramref name="layerName"/> (<see cref="Model.ScratchScope.TrainingBlock"/>).</summary>
    public string BlockRegion(string layerName, string suffix)
        => $"{BlockRegions}.Slice({layerName}{suffix}Offset, {layerName}{suffix}Length)";

    /// <summary>The layer's slice of the temporary region.</summary>
    public string TemporaryOf(string length) => $"{Temporary}.Slice(0, {length})";
}
