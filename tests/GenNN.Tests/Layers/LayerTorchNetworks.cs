namespace GenNN.Tests.Layers;

// Every spatial and normalization layer kind and option, in networks compared whole with PyTorch.

[Network(Precision.Double)][Input(2, 9, 9)][Conv2D(4, 3, Activation.ReLU, PaddingSize = 1)][MaxPool2D(2)][Conv2D(4, 2, Activation.Tanh, Dilation = 2, Groups = 2)][AvgPool2D(2, Stride = 1, PaddingSize = 1)][Conv2D(3, 1, Activation.GELU)][GlobalAveragePool][Dense(3, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class TorchImageNet { }

[Network(Precision.Double)][Input(3, 16)][Conv1D(4, 3, Activation.SiLU, Padding = Padding.Same)][MaxPool1D(3, Stride = 2, PaddingSize = 1)][Conv1D(4, 2, Activation.ELU, Groups = 4, Dilation = 2, Stride = 2, PaddingSize = 1)][AvgPool1D(2)][Flatten][Dense(2, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]
public partial class TorchSignalNet { }

[Network(Precision.Double)][Input(3, 6, 6)][Conv2D(4, 3)][BatchNorm][Activation(Activation.ReLU)][Conv2D(4, 2, Padding = Padding.Same)][BatchNorm(Momentum = 0.3, Epsilon = 1e-3)][Activation(Activation.LeakyReLU, NegativeSlope = 0.2)][Flatten][Dense(5)][BatchNorm][Activation(Activation.Tanh)][Dense(2)][LayerNorm][Loss(LossFunction.MeanSquaredError)]
public partial class TorchNormNet { }

[Network(Precision.Double)][Input(4, 5)][LayerNorm(NormalizedDimensions = 1)][Conv1D(3, 2, Activation.GELUTanh)][LayerNorm(ElementwiseAffine = false)][Flatten][Dense(3, Activation.Softplus)][Loss(LossFunction.MeanSquaredError)]
public partial class TorchLayerNormNet { }

[Network(Precision.Double)][Input(6, 3)][Lstm(5, ReturnSequences = true, Bidirectional = true)][Gru(4, ReturnSequences = true)][SimpleRnn(3, Activation.ReLU)][Dense(2, Activation.Tanh)][Loss(LossFunction.MeanSquaredError)]
public partial class TorchRecurrentNet { }

[Network(Precision.Double)][Input(5, 2)][SimpleRnn(4, Bidirectional = true)][Dense(3, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class TorchBidirectionalRnnNet { }

// [Transpose] both ways: convolution channels into recurrent features, and recurrent steps into convolution positions.
[Network(Precision.Double)][Input(3, 8)][Conv1D(4, 3, Activation.ReLU)][Transpose][Gru(3, ReturnSequences = true)][Transpose][Conv1D(2, 2)][GlobalAveragePool][Dense(2, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class TorchTransposeNet { }
