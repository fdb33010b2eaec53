using GenNN;

// Every activation × every loss it fits, three layers deep, in double precision, for the gradient checks.
// Hidden layers use the activation under test; the output layer uses it too where the loss allows (MSE),
// otherwise the activation the loss requires (Sigmoid for BCE, Softmax for cross-entropy).
// The "Wide" networks have layers above the unrolling threshold (256 weights), so the loop form is checked too.
namespace GenNN.IntegrationTests.GradientCheck;

[Network(Precision.Double)][Input(3)][Dense(5, Activation.Identity)][Dense(4, Activation.Identity)][Dense(2, Activation.Identity)][Loss(LossFunction.MeanSquaredError)]
public partial class MseIdentity { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.ReLU)][Dense(4, Activation.ReLU)][Dense(2, Activation.ReLU)][Loss(LossFunction.MeanSquaredError)]
public partial class MseReLU { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.LeakyReLU, NegativeSlope = 0.1)][Dense(4, Activation.LeakyReLU, NegativeSlope = 0.1)][Dense(2, Activation.LeakyReLU, NegativeSlope = 0.1)][Loss(LossFunction.MeanSquaredError)]
public partial class MseLeakyReLU { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.Sigmoid)][Dense(4, Activation.Sigmoid)][Dense(2, Activation.Sigmoid)][Loss(LossFunction.MeanSquaredError)]
public partial class MseSigmoid { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.Tanh)][Dense(4, Activation.Tanh)][Dense(2, Activation.Tanh)][Loss(LossFunction.MeanSquaredError)]
public partial class MseTanh { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.Tanh)][Dense(4, Activation.Tanh)][Dense(3, Activation.Softmax)][Loss(LossFunction.MeanSquaredError)]
public partial class MseSoftmax { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.Identity)][Dense(4, Activation.Identity)][Dense(2, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]
public partial class BceIdentity { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.ReLU)][Dense(4, Activation.ReLU)][Dense(2, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]
public partial class BceReLU { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.LeakyReLU)][Dense(4, Activation.LeakyReLU)][Dense(2, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]
public partial class BceLeakyReLU { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.Sigmoid)][Dense(4, Activation.Sigmoid)][Dense(2, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]
public partial class BceSigmoid { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.Tanh)][Dense(4, Activation.Tanh)][Dense(2, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]
public partial class BceTanh { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.Identity)][Dense(4, Activation.Identity)][Dense(3, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class CrossEntropyIdentity { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.ReLU)][Dense(4, Activation.ReLU)][Dense(3, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class CrossEntropyReLU { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.LeakyReLU)][Dense(4, Activation.LeakyReLU)][Dense(3, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class CrossEntropyLeakyReLU { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.Sigmoid)][Dense(4, Activation.Sigmoid)][Dense(3, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class CrossEntropySigmoid { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.Tanh)][Dense(4, Activation.Tanh)][Dense(3, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class CrossEntropyTanh { }

[Network(Precision.Double)][Input(20)][Dense(24, Activation.Tanh)][Dense(20, Activation.ReLU)][Dense(18, Activation.Tanh)][Loss(LossFunction.MeanSquaredError)]
public partial class WideMse { }

[Network(Precision.Double)][Input(20)][Dense(24, Activation.LeakyReLU)][Dense(20, Activation.Sigmoid)][Dense(18, Activation.Softmax)][Loss(LossFunction.MeanSquaredError)]
public partial class WideMseSoftmax { }

[Network(Precision.Double)][Input(20)][Dense(24, Activation.ReLU)][Dense(20, Activation.Tanh)][Dense(16, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]
public partial class WideBce { }

[Network(Precision.Double)][Input(20)][Dense(24, Activation.Sigmoid)][Dense(20, Activation.Identity)][Dense(16, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class WideCrossEntropy { }

// Activations whose derivative needs the pre-activation: as a dense layer's activation (the generator splits it into a
// dense layer and an activation layer), as a layer of their own, and as the output head's activation.
[Network(Precision.Double)][Input(3)][Dense(5, Activation.ELU, Alpha = 0.7)][Dense(4)][Activation(Activation.ELU)][Dense(2, Activation.ELU)][Loss(LossFunction.MeanSquaredError)]
public partial class MseElu { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.GELU)][Dense(4)][Activation(Activation.GELU)][Dense(2, Activation.GELU)][Loss(LossFunction.MeanSquaredError)]
public partial class MseGelu { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.GELUTanh)][Dense(4)][Activation(Activation.GELUTanh)][Dense(2, Activation.GELUTanh)][Loss(LossFunction.MeanSquaredError)]
public partial class MseGeluTanh { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.SiLU)][Dense(4)][Activation(Activation.SiLU)][Dense(2, Activation.SiLU)][Loss(LossFunction.MeanSquaredError)]
public partial class MseSilu { }

[Network(Precision.Double)][Input(3)][Dense(5, Activation.Softplus)][Dense(4)][Activation(Activation.Softplus)][Dense(2, Activation.Softplus)][Loss(LossFunction.MeanSquaredError)]
public partial class MseSoftplus { }

// A sample shape that is not a vector, flattened for the dense layers, and a standalone softmax head.
[Network(Precision.Double)][Input(2, 3)][Flatten][Dense(4, Activation.Tanh)][Dense(3)][Activation(Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class FlattenCrossEntropy { }
