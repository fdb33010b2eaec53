using GenNN;

// One network per loss × output activation the loss accepts, in double and in float, for the TorchSharp
// cross-checks (LossTorchTests). The hidden layers cycle through every other activation; widths mix layers of four or
// more outputs (SIMD kernels) with narrower ones (unrolled statements) and layers wider than a vector.
namespace GenNN.Tests.Losses;

[Network(Precision.Double, Seed = 1)][Input(5)][Dense(7, Activation.Tanh)][Dense(6, Activation.ReLU)][Dense(3, Activation.Identity)][Loss(LossFunction.MeanSquaredError)]
public partial class MseIdentityDouble { }

[Network(Seed = 1)][Input(5)][Dense(7, Activation.Tanh)][Dense(6, Activation.ReLU)][Dense(3, Activation.Identity)][Loss(LossFunction.MeanSquaredError)]
public partial class MseIdentityFloat { }

[Network(Precision.Double, Seed = 2)][Input(5)][Dense(20, Activation.LeakyReLU, NegativeSlope = 0.1)][Dense(6, Activation.Sigmoid)][Dense(5, Activation.ReLU)][Loss(LossFunction.MeanSquaredError)]
public partial class MseReLUDouble { }

[Network(Seed = 2)][Input(5)][Dense(20, Activation.LeakyReLU, NegativeSlope = 0.1)][Dense(6, Activation.Sigmoid)][Dense(5, Activation.ReLU)][Loss(LossFunction.MeanSquaredError)]
public partial class MseReLUFloat { }

[Network(Precision.Double, Seed = 3)][Input(5)][Dense(7, Activation.Sigmoid)][Dense(6, Activation.Identity)][Dense(3, Activation.LeakyReLU, NegativeSlope = 0.2)][Loss(LossFunction.MeanSquaredError)]
public partial class MseLeakyReLUDouble { }

[Network(Seed = 3)][Input(5)][Dense(7, Activation.Sigmoid)][Dense(6, Activation.Identity)][Dense(3, Activation.LeakyReLU, NegativeSlope = 0.2)][Loss(LossFunction.MeanSquaredError)]
public partial class MseLeakyReLUFloat { }

[Network(Precision.Double, Seed = 4)][Input(5)][Dense(7, Activation.Identity)][Dense(20, Activation.Tanh)][Dense(5, Activation.Sigmoid)][Loss(LossFunction.MeanSquaredError)]
public partial class MseSigmoidDouble { }

[Network(Seed = 4)][Input(5)][Dense(7, Activation.Identity)][Dense(20, Activation.Tanh)][Dense(5, Activation.Sigmoid)][Loss(LossFunction.MeanSquaredError)]
public partial class MseSigmoidFloat { }

[Network(Precision.Double, Seed = 5)][Input(5)][Dense(20, Activation.ReLU)][Dense(6, Activation.LeakyReLU, NegativeSlope = 0.05)][Dense(3, Activation.Tanh)][Loss(LossFunction.MeanSquaredError)]
public partial class MseTanhDouble { }

[Network(Seed = 5)][Input(5)][Dense(20, Activation.ReLU)][Dense(6, Activation.LeakyReLU, NegativeSlope = 0.05)][Dense(3, Activation.Tanh)][Loss(LossFunction.MeanSquaredError)]
public partial class MseTanhFloat { }

[Network(Precision.Double, Seed = 6)][Input(5)][Dense(7, Activation.Tanh)][Dense(6, Activation.Sigmoid)][Dense(4, Activation.Softmax)][Loss(LossFunction.MeanSquaredError)]
public partial class MseSoftmaxDouble { }

[Network(Seed = 6)][Input(5)][Dense(7, Activation.Tanh)][Dense(6, Activation.Sigmoid)][Dense(4, Activation.Softmax)][Loss(LossFunction.MeanSquaredError)]
public partial class MseSoftmaxFloat { }

[Network(Precision.Double, Seed = 7)][Input(5)][Dense(7, Activation.ReLU)][Dense(6, Activation.Tanh)][Dense(5, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]
public partial class BceSigmoidDouble { }

[Network(Seed = 7)][Input(5)][Dense(7, Activation.ReLU)][Dense(6, Activation.Tanh)][Dense(5, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]
public partial class BceSigmoidFloat { }

[Network(Precision.Double, Seed = 8)][Input(5)][Dense(20, Activation.Sigmoid)][Dense(6, Activation.LeakyReLU, NegativeSlope = 0.3)][Dense(2, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]
public partial class BceSigmoidNarrowDouble { }

[Network(Seed = 8)][Input(5)][Dense(20, Activation.Sigmoid)][Dense(6, Activation.LeakyReLU, NegativeSlope = 0.3)][Dense(2, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]
public partial class BceSigmoidNarrowFloat { }

[Network(Precision.Double, Seed = 9)][Input(5)][Dense(7, Activation.LeakyReLU, NegativeSlope = 0.1)][Dense(20, Activation.Identity)][Dense(4, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class CrossEntropySoftmaxDouble { }

[Network(Seed = 9)][Input(5)][Dense(7, Activation.LeakyReLU, NegativeSlope = 0.1)][Dense(20, Activation.Identity)][Dense(4, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class CrossEntropySoftmaxFloat { }

[Network(Precision.Double, Seed = 10)][Input(5)][Dense(6, Activation.Tanh)][Dense(7, Activation.ReLU)][Dense(10, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class CrossEntropySoftmaxWideDouble { }

[Network(Seed = 10)][Input(5)][Dense(6, Activation.Tanh)][Dense(7, Activation.ReLU)][Dense(10, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class CrossEntropySoftmaxWideFloat { }

// ELU as the output activation (its own layer after the dense layer: its derivative needs the pre-activation).
[Network(Precision.Double, Seed = 11)][Input(5)][Dense(7, Activation.ELU)][Dense(3, Activation.ELU)][Loss(LossFunction.MeanSquaredError)]
public partial class MseEluDouble { }

[Network(Seed = 11)][Input(5)][Dense(7, Activation.ELU)][Dense(3, Activation.ELU)][Loss(LossFunction.MeanSquaredError)]
public partial class MseEluFloat { }

// GELU as the output activation (its own layer after the dense layer: its derivative needs the pre-activation).
[Network(Precision.Double, Seed = 12)][Input(5)][Dense(7, Activation.GELU)][Dense(3, Activation.GELU)][Loss(LossFunction.MeanSquaredError)]
public partial class MseGeluDouble { }

[Network(Seed = 12)][Input(5)][Dense(7, Activation.GELU)][Dense(3, Activation.GELU)][Loss(LossFunction.MeanSquaredError)]
public partial class MseGeluFloat { }

// GELUTanh as the output activation (its own layer after the dense layer: its derivative needs the pre-activation).
[Network(Precision.Double, Seed = 13)][Input(5)][Dense(7, Activation.GELUTanh)][Dense(3, Activation.GELUTanh)][Loss(LossFunction.MeanSquaredError)]
public partial class MseGeluTanhDouble { }

[Network(Seed = 13)][Input(5)][Dense(7, Activation.GELUTanh)][Dense(3, Activation.GELUTanh)][Loss(LossFunction.MeanSquaredError)]
public partial class MseGeluTanhFloat { }

// SiLU as the output activation (its own layer after the dense layer: its derivative needs the pre-activation).
[Network(Precision.Double, Seed = 14)][Input(5)][Dense(7, Activation.SiLU)][Dense(3, Activation.SiLU)][Loss(LossFunction.MeanSquaredError)]
public partial class MseSiluDouble { }

[Network(Seed = 14)][Input(5)][Dense(7, Activation.SiLU)][Dense(3, Activation.SiLU)][Loss(LossFunction.MeanSquaredError)]
public partial class MseSiluFloat { }

// Softplus as the output activation (its own layer after the dense layer: its derivative needs the pre-activation).
[Network(Precision.Double, Seed = 15)][Input(5)][Dense(7, Activation.Softplus)][Dense(3, Activation.Softplus)][Loss(LossFunction.MeanSquaredError)]
public partial class MseSoftplusDouble { }

[Network(Seed = 15)][Input(5)][Dense(7, Activation.Softplus)][Dense(3, Activation.Softplus)][Loss(LossFunction.MeanSquaredError)]
public partial class MseSoftplusFloat { }

// One dense layer with identity weights, so that a test sets the logits through the input (confident predictions).
[Network][Input(3)][Dense(3, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]
public partial class BceLogitsFloat { }

[Network(Precision.Double)][Input(3)][Dense(3, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]
public partial class BceLogitsDouble { }

[Network][Input(3)][Dense(3, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class CrossEntropyLogitsFloat { }

[Network(Precision.Double)][Input(3)][Dense(3, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class CrossEntropyLogitsDouble { }
