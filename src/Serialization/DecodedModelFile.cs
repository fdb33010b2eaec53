namespace GenNN.Serialization;

/// <summary>A model file whose structure and checksum were verified: its header, and where its payload starts.</summary>
/// <param name="Info">The header.</param>
/// <param name="PayloadOffset">The byte offset of the parameters; the buffers follow them, then the optimizer state.</param>
internal sealed record DecodedModelFile(ModelFileInfo Info, int PayloadOffset);
