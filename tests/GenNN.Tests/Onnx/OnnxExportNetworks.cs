using GenNN;

namespace GenNN.Tests.Onnx;

/// <summary>The benchmark's N1: small tanh layers, an identity output (no activation node after the last Gemm).</summary>
[Network(Seed = 1)]
[Input(2)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(1)]
[Loss(LossFunction.MeanSquaredError)]
public partial class OnnxTanhRegressor { }

/// <summary>The benchmark's N2: a square 64×64 layer, whose shape alone cannot tell its layout.</summary>
[Network(Seed = 2)]
[Input(8)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(8)]
[Loss(LossFunction.MeanSquaredError)]
public partial class OnnxReluRegressor { }

/// <summary>A softmax classifier with named layers, one of them LeakyReLU (a float attribute in ONNX).</summary>
[Network(Seed = 3)]
[Input(20)]
[Dense(32, Activation.ReLU, Name = "hidden")]
[Dense(16, Activation.LeakyReLU, NegativeSlope = 0.1, Name = "leaky")]
[Dense(5, Activation.Softmax, Name = "classes")]
[Loss(LossFunction.CrossEntropy)]
public partial class OnnxSoftmaxClassifier { }

/// <summary>Double precision, LeakyReLU with a non-default slope (a double PRelu slope in ONNX), dropout (absent at inference), sigmoid output, no loss.</summary>
[Network(Precision.Double, Seed = 4)]
[Input(6)]
[Dense(12, Activation.LeakyReLU, NegativeSlope = 0.2, Dropout = 0.25)]
[Dense(4, Activation.Sigmoid)]
public partial class OnnxLeakySigmoidDoubleNet { }

/// <summary>Names beyond ASCII, whose UTF-8 byte counts the protobuf writer must use as the strings' lengths.</summary>
[Network(Seed = 4)]
[Input(3)]
[Dense(5, Activation.Tanh, Name = "größe")]
[Dense(2, Name = "ausgabeΩ")]
public partial class OnnxUnicodeNamedNet { }
