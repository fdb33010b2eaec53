namespace GenNN.Generator.Model;

/// <summary>Mirrors <c>GenNN.LossFunction</c>; the values must match.</summary>
internal enum LossKind
{
    MeanSquaredError = 0,
    BinaryCrossEntropy = 1,
    CrossEntropy = 2,
}
