namespace GenNN.Samples.Spirals;

/// <summary>
/// The network samples/Spirals trains, declared again with its trained weights compiled in: <c>new SpiralNet()</c>
/// starts from them. Inference only (no <c>[Loss]</c>), so no training code is generated or shipped.
/// </summary>
/// <remarks>
/// The class keeps the training sample's name and namespace so that sample's test-set generator, linked into this
/// project, compiles against it unchanged. The generator checks the file against this topology at compile time: a
/// missing tensor or a wrong shape is a build error naming both shapes.
/// </remarks>
[Network(Weights = "spirals.safetensors")]
[Input(2)]
[Dense(32, Activation.ReLU, Name = "Hidden1")]
[Dense(32, Activation.ReLU, Name = "Hidden2")]
[Dense(2, Activation.Softmax, Name = "Classifier")]
public partial class SpiralNet
{
}
