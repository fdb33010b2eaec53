using GenNN.Generator.Helpers;

namespace GenNN.Generator.Model;

/// <summary>
/// One trainable tensor of a layer (a weight matrix, a bias vector), derived from the layer spec.
/// </summary>
/// <param name="MemberSuffix">Appended to the layer name for public members: <c>Weights</c> gives <c>Hidden1Weights</c>.</param>
/// <param name="LocalPrefix">Prefix of the local span in generated methods: <c>w</c> gives <c>w1</c>, its gradient <c>gw1</c>.</param>
/// <param name="Length">The number of elements.</param>
/// <param name="Dimensions">The shape, row-major, e.g. <c>16, 2</c>.</param>
/// <param name="Initialization">How the tensor starts.</param>
/// <param name="FanIn">Inputs per output, for the initialization's scale.</param>
/// <param name="FanOut">Outputs per input, for the initialization's scale.</param>
/// <param name="ReadForInputGradient">Whether backward reads the tensor to compute the gradient of the layer's input (weights do, biases do not).</param>
internal sealed record ParameterTensor(
    string MemberSuffix,
    string LocalPrefix,
    int Length,
    EquatableArray<int> Dimensions,
    TensorInitialization Initialization,
    int FanIn,
    int FanOut,
    bool ReadForInputGradient)
{
    /// <summary>The shape as documented: <c>[16, 2]</c>.</summary>
    public string Shape => "[" + string.Join(", ", System.Linq.Enumerable.Select(Dimensions, Invariant.Text)) + "]";
}

/// <summary>How a parameter tensor is initialized.</summary>
internal enum TensorInitialization
{
    Zeros,
    HeUniform,
    GlorotUniform,
}
