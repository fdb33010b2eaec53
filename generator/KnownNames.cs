namespace GenNN.Generator;

/// <summary>Metadata names of the runtime library's types the generator reads. The generator never references the runtime assembly.</summary>
internal static class KnownNames
{
    public const string NetworkAttribute = "GenNN.NetworkAttribute";
    public const string InputAttribute = "GenNN.InputAttribute";
    public const string LossAttribute = "GenNN.LossAttribute";
    public const string OptimizerAttribute = "GenNN.OptimizerAttribute";
    public const string DenseAttribute = "GenNN.DenseAttribute";
}
