namespace GenNN.Generator.Model;

/// <summary>Mirrors <c>GenNN.Activation</c>; the values must match.</summary>
internal enum ActivationKind
{
    Identity = 0,
    ReLU = 1,
    LeakyReLU = 2,
    Sigmoid = 3,
    Tanh = 4,
    Softmax = 5,
    ELU = 6,
    GELU = 7,
    GELUTanh = 8,
    SiLU = 9,
    Softplus = 10,
}
