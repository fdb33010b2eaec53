namespace GenNN.Generator;

/// <summary>Metadata names of the runtime library's types the generator reads. The generator never references the runtime assembly.</summary>
internal static class KnownNames
{
    public const string NetworkAttribute = "GenNN.NetworkAttribute";
    public const string InputAttribute = "GenNN.InputAttribute";
    public const string LossAttribute = "GenNN.LossAttribute";
    public const string OptimizerAttribute = "GenNN.OptimizerAttribute";
    public const string DenseAttribute = "GenNN.DenseAttribute";
    public const string Conv1DAttribute = "GenNN.Conv1DAttribute";
    public const string Conv2DAttribute = "GenNN.Conv2DAttribute";
    public const string MaxPool1DAttribute = "GenNN.MaxPool1DAttribute";
    public const string MaxPool2DAttribute = "GenNN.MaxPool2DAttribute";
    public const string AvgPool1DAttribute = "GenNN.AvgPool1DAttribute";
    public const string AvgPool2DAttribute = "GenNN.AvgPool2DAttribute";
    public const string GlobalAveragePoolAttribute = "GenNN.GlobalAveragePoolAttribute";
    public const string FlattenAttribute = "GenNN.FlattenAttribute";
    public const string TransposeAttribute = "GenNN.TransposeAttribute";
    public const string DropoutAttribute = "GenNN.DropoutAttribute";
    public const string ActivationAttribute = "GenNN.ActivationAttribute";
    public const string BatchNormAttribute = "GenNN.BatchNormAttribute";
    public const string LayerNormAttribute = "GenNN.LayerNormAttribute";
    public const string LstmAttribute = "GenNN.LstmAttribute";
    public const string GruAttribute = "GenNN.GruAttribute";
    public const string SimpleRnnAttribute = "GenNN.SimpleRnnAttribute";
}
