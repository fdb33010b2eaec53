using GenNN;

namespace GenNN.IntegrationTests.GradientCheck;

// Spatial layers in double, each followed by a trainable layer so its input gradient is checked too.

// Padding, stride, two convolutions, flatten into a dense head.
[Network(Precision.Double)][Input(2, 7, 6)][Conv2D(3, 3, Activation.Tanh, PaddingSize = 1)][Conv2D(4, 2, Activation.ReLU, Stride = 2)][Flatten][Dense(3)][Loss(LossFunction.MeanSquaredError)]
public partial class ConvStridePadding { }

// Dilation, grouped and depthwise convolutions, 'same' padding with an even kernel (one more zero after than before).
[Network(Precision.Double)][Input(4, 8, 8)][Conv2D(4, 3, Activation.Tanh, Dilation = 2, Groups = 2)][Conv2D(4, 2, Activation.Sigmoid, Padding = Padding.Same, Groups = 4)][MaxPool2D(2)][Flatten][Dense(2, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]
public partial class ConvDilationGroups { }

// Average and max pools with stride and padding, a pointwise convolution, global average pooling.
[Network(Precision.Double)][Input(2, 9, 9)][Conv2D(3, 2, Activation.Tanh)][AvgPool2D(3, Stride = 2, PaddingSize = 1)][Conv2D(2, 1, Activation.GELU)][MaxPool2D(2, Stride = 1, PaddingSize = 1)][GlobalAveragePool][Dense(3, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class ConvPools { }

// 1-D: stride, padding and dilation, pools, 'same' padding.
[Network(Precision.Double)][Input(3, 20)][Conv1D(4, 3, Activation.ELU, Stride = 2, PaddingSize = 2, Dilation = 2)][MaxPool1D(2)][Conv1D(2, 2, Padding = Padding.Same)][AvgPool1D(2, PaddingSize = 1)][Flatten][Dense(2)][Loss(LossFunction.MeanSquaredError)]
public partial class Conv1DNet { }

// Layer normalization over a whole image, over the last dimension only, and without affine parameters.
[Network(Precision.Double)][Input(3, 4, 4)][Conv2D(4, 3, Activation.Tanh)][LayerNorm][Flatten][Dense(6, Activation.Tanh)][LayerNorm(ElementwiseAffine = false)][Dense(4)][LayerNorm(NormalizedDimensions = 1, Epsilon = 1e-3)][Dense(3, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class LayerNormNet { }

// Batch normalization of an image (per channel) and of features, in training mode (batch statistics).
[Network(Precision.Double)][Input(3, 5, 5)][Conv2D(4, 3)][BatchNorm][Activation(Activation.SiLU)][Flatten][Dense(6)][BatchNorm(Momentum = 0.2)][Activation(Activation.Tanh)][Dense(2)][Loss(LossFunction.MeanSquaredError)]
public partial class BatchNormNet { }

// A grouped convolution alone, for its initialization: each input meets (6/3)·3·3 weights, each output as many.
[Network(Seed = 3)][Input(6, 8, 8)][Conv2D(6, 3, Activation.Tanh, Groups = 3)]
public partial class GroupedConvolution { }
