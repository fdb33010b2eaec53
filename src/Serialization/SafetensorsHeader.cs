using System.Collections.Generic;

namespace GenNN.Serialization;

/// <summary>What a safetensors file's header declares (see <see cref="Safetensors.ReadHeader"/>).</summary>
/// <param name="Tensors">The tensors, in the order the header lists them.</param>
/// <param name="Metadata">The free-form string pairs of <c>__metadata__</c> (empty if absent).</param>
public sealed record SafetensorsHeader(IReadOnlyList<SafetensorsTensorInfo> Tensors, IReadOnlyDictionary<string, string> Metadata);
