using GenNN.Generator.Helpers;

namespace GenNN.Generator.Model;

/// <summary>
/// One tensor of a layer: trainable (a weight matrix, a bias vector) or state (BatchNorm's running mean), derived
/// from the layer spec.
/// </summary>
/// <param name="MemberSuffix">Appended to the layer name for public members: <c>Weights</c> gives <c>Hidden1Weights</c>.</param>
/// <param name="LocalPrefix">Prefix of the local span in generated methods: <c>w</c> gives <c>wHidden</c> for layer <c>Hidden</c>, its gradient <c>gwHidden</c>.</param>
/// <param name="Dimensions">The shape, row-major, e.g. <c>16, 2</c>.</param>
/// <param name="Initialization">How the tensor starts.</param>
/// <param name="FanIn">Inputs per output, for the initialization's scale.</param>
/// <param name="FanOut">Outputs per input, for the initialization's scale.</param>
internal sealed record ParameterTensor(
    string MemberSuffix,
    string LocalPrefix,
    TensorShape Dimensions,
    TensorInitialization Initialization,
    int FanIn,
    int FanOut)
{
    public int Length => Dimensions.Length;

    /// <summary>What the member's documentation adds after the shape, for a tensor laid out unlike PyTorch's (empty otherwise).</summary>
    public string LayoutNote { get; init; } = string.Empty;

    /// <summary>The shape as documented: <c>[16, 2]</c>.</summary>
    public string Shape => Dimensions.ToString();

    /// <summary>A tensor that starts at zero or one and has no fan (biases, normalization parameters, running statistics).</summary>
    public static ParameterTensor Constant(string memberSuffix, string localPrefix, int length, TensorInitialization initialization)
        => new(memberSuffix, localPrefix, TensorShape.Of(length), initialization, 0, 0);
}

/// <summary>How a tensor is initialized.</summary>
internal enum TensorInitialization
{
    Zeros,
    Ones,
    HeUniform,
    GlorotUniform,

    /// <summary>PyTorch's recurrent initialization, <c>U(−1/√H, 1/√H)</c>; <c>FanIn</c> holds H.</summary>
    RecurrentUniform,
}
