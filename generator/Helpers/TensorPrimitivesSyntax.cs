using GenNN.Generator.Model;

namespace GenNN.Generator.Helpers;

/// <summary>
/// Spells calls to <c>System.Numerics.Tensors.TensorPrimitives</c> with explicit type arguments: before C# 14,
/// type inference does not see a <c>Span&lt;T&gt;</c> argument as the <c>ReadOnlySpan&lt;T&gt;</c> parameter.
/// </summary>
internal static class TensorPrimitivesSyntax
{
    public static string Call(NumericType numeric, string method)
        => $"global::System.Numerics.Tensors.TensorPrimitives.{method}<{numeric.Keyword()}>";
}
