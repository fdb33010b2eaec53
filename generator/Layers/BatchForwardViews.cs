namespace GenNN.Generator.Layers;

/// <summary>
/// The strided views a layer's forward pass over a block of samples reads and writes: sample <c>s</c>'s input
/// starts at <c>s·InputStride</c> of <see cref="Inputs"/>, its output at <c>s·OutputStride</c> of <see cref="Outputs"/>.
/// </summary>
/// <param name="Inputs">An expression for the span whose start is the first sample's layer input.</param>
/// <param name="InputStride">The distance between two samples' inputs.</param>
/// <param name="Outputs">An expression for the span whose start is the first sample's layer output.</param>
/// <param name="OutputStride">The distance between two samples' outputs.</param>
/// <param name="Count">The number of samples.</param>
internal sealed record BatchForwardViews(string Inputs, string InputStride, string Outputs, string OutputStride, string Count);
