namespace GenNN.Serialization;

/// <summary>
/// The safetensors element types this reader knows the size of. Compiled into the runtime library and, as a linked
/// source file, into the generator, which checks compiled-in weights files by the same rules.
/// </summary>
internal static class SafetensorsDataTypes
{
    /// <summary>The bytes of one element of <paramref name="dataType"/>, or 0 for a type this reader does not know.</summary>
    public static int ElementSize(string dataType) => dataType switch
    {
        "F64" or "I64" or "U64" => 8,
        "F32" or "I32" or "U32" => 4,
        "F16" or "BF16" or "I16" or "U16" => 2,
        "I8" or "U8" or "BOOL" or "F8_E4M3" or "F8_E5M2" => 1,
        _ => 0,
    };
}
