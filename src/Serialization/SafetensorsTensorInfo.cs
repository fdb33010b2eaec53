using System.Collections.Generic;

namespace GenNN.Serialization;

/// <summary>One tensor entry of a safetensors header.</summary>
/// <param name="Name">The tensor's name, e.g. <c>0.weight</c>.</param>
/// <param name="DataType">The element type as safetensors spells it: <c>F32</c>, <c>F64</c>, <c>F16</c>, <c>BF16</c>, <c>I64</c>, ...</param>
/// <param name="Shape">The dimensions, outermost first; the data is row-major.</param>
/// <param name="Begin">Where the data starts, relative to the byte buffer after the header.</param>
/// <param name="End">Where the data ends (exclusive), relative to the byte buffer.</param>
public sealed record SafetensorsTensorInfo(string Name, string DataType, IReadOnlyList<long> Shape, long Begin, long End);
