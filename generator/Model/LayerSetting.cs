namespace GenNN.Generator.Model;

/// <summary>One hyperparameter of a layer as <c>NetworkDescription</c> and the model-file signature carry it.</summary>
internal sealed record LayerSetting(string Name, double Value);
