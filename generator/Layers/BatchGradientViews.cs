namespace GenNN.Generator.Layers;

/// <summary>
/// The strided views batch training gives a layer's parameter-gradient pass: sample <c>s</c>'s input vector starts
/// at <c>s·InputStride</c> of <see cref="Inputs"/>, its <c>dL/dz</c> at <c>s·DeltaStride</c> of <see cref="Deltas"/>.
/// </summary>
/// <param name="Inputs">An expression for the span whose start is the first sample's layer input.</param>
/// <param name="InputStride">The distance between two samples' inputs.</param>
/// <param name="Deltas">An expression for the span whose start is the first sample's <c>dL/dz</c>.</param>
/// <param name="DeltaStride">The distance between two samples' deltas.</param>
/// <param name="Count">The number of samples.</param>
internal sealed record BatchGradientViews(string Inputs, string InputStride, string Deltas, string DeltaStride, string Count);
