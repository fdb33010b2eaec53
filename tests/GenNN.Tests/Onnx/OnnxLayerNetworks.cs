using GenNN;

namespace GenNN.Tests.Onnx;

// Every layer kind and option, exported and run in ONNX Runtime; each topology in float and in double, since ONNX
// Runtime picks another kernel for each.

/// <summary>
/// 2-D convolutions with stride and padding, 'same' with an even kernel (no zero before and one after; one before and
/// two after with dilation 3), dilation with groups, a depthwise convolution with an identity activation (negative
/// values reach the max pool, whose padding must never win), max and average pools with padding, a global average pool
/// and a softmax head.
/// </summary>
[Network(Seed = 11)]
[Input(2, 9, 9)]
[Conv2D(4, 3, Activation.ReLU, Stride = 2, PaddingSize = 1)]
[Conv2D(4, 2, Activation.Tanh, Padding = Padding.Same)]
[Conv2D(6, 3, Activation.LeakyReLU, NegativeSlope = 0.2, Dilation = 2, Groups = 2, PaddingSize = 2)]
[Conv2D(6, 3, Groups = 6, Padding = Padding.Same)]
[MaxPool2D(3, Stride = 2, PaddingSize = 1)]
[Conv2D(4, 2, Activation.GELUTanh, Dilation = 3, Padding = Padding.Same)]
[AvgPool2D(2, Stride = 1, PaddingSize = 1)]
[GlobalAveragePool]
[Dense(3, Activation.Softmax)]
public partial class OnnxConvImageNet { }

/// <summary><see cref="OnnxConvImageNet"/> in double precision.</summary>
[Network(Precision.Double, Seed = 11)]
[Input(2, 9, 9)]
[Conv2D(4, 3, Activation.ReLU, Stride = 2, PaddingSize = 1)]
[Conv2D(4, 2, Activation.Tanh, Padding = Padding.Same)]
[Conv2D(6, 3, Activation.LeakyReLU, NegativeSlope = 0.2, Dilation = 2, Groups = 2, PaddingSize = 2)]
[Conv2D(6, 3, Groups = 6, Padding = Padding.Same)]
[MaxPool2D(3, Stride = 2, PaddingSize = 1)]
[Conv2D(4, 2, Activation.GELUTanh, Dilation = 3, Padding = Padding.Same)]
[AvgPool2D(2, Stride = 1, PaddingSize = 1)]
[GlobalAveragePool]
[Dense(3, Activation.Softmax)]
public partial class OnnxConvImageDoubleNet { }

/// <summary>
/// 1-D convolutions ('same' with an odd and with an even kernel, depthwise with stride, dilation and padding), 1-D max
/// and average pools with padding, and a SiLU activation layer as the last layer on a signal: flattened, then activated.
/// </summary>
[Network(Seed = 12)]
[Input(3, 16)]
[Conv1D(4, 3, Activation.ELU, Alpha = 0.5, Padding = Padding.Same)]
[MaxPool1D(3, Stride = 2, PaddingSize = 1)]
[Conv1D(4, 2, Groups = 4, Dilation = 2, Stride = 2, PaddingSize = 1)]
[AvgPool1D(2, PaddingSize = 1)]
[Conv1D(2, 4, Activation.SiLU, Padding = Padding.Same)]
public partial class OnnxConvSignalNet { }

/// <summary><see cref="OnnxConvSignalNet"/> in double precision.</summary>
[Network(Precision.Double, Seed = 12)]
[Input(3, 16)]
[Conv1D(4, 3, Activation.ELU, Alpha = 0.5, Padding = Padding.Same)]
[MaxPool1D(3, Stride = 2, PaddingSize = 1)]
[Conv1D(4, 2, Groups = 4, Dilation = 2, Stride = 2, PaddingSize = 1)]
[AvgPool1D(2, PaddingSize = 1)]
[Conv1D(2, 4, Activation.SiLU, Padding = Padding.Same)]
public partial class OnnxConvSignalDoubleNet { }

/// <summary>A convolution as the last layer with a softmax head: the softmax runs across the whole flat output, not the last axis.</summary>
[Network(Seed = 13)]
[Input(2, 6)]
[Conv1D(2, 3, Activation.Softmax)]
public partial class OnnxConvSoftmaxNet { }

/// <summary>BatchNorm2d after a convolution and BatchNorm1d over features, with a non-default momentum and epsilon.</summary>
[Network(Seed = 14)]
[Input(3, 6, 6)]
[Conv2D(4, 3)]
[BatchNorm]
[Activation(Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(5)]
[BatchNorm(Momentum = 0.3, Epsilon = 1e-3)]
[Activation(Activation.Tanh)]
[Dense(2)]
[Loss(LossFunction.MeanSquaredError)]
public partial class OnnxBatchNormImageNet { }

/// <summary><see cref="OnnxBatchNormImageNet"/> in double precision.</summary>
[Network(Precision.Double, Seed = 14)]
[Input(3, 6, 6)]
[Conv2D(4, 3)]
[BatchNorm]
[Activation(Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(5)]
[BatchNorm(Momentum = 0.3, Epsilon = 1e-3)]
[Activation(Activation.Tanh)]
[Dense(2)]
[Loss(LossFunction.MeanSquaredError)]
public partial class OnnxBatchNormImageDoubleNet { }

/// <summary>BatchNorm on a signal, first on the input and then as the last layer (its output flattened).</summary>
[Network(Seed = 15)]
[Input(2, 7)]
[BatchNorm]
[Conv1D(3, 2)]
[BatchNorm(Epsilon = 1e-2)]
[Loss(LossFunction.MeanSquaredError)]
public partial class OnnxBatchNormSignalNet { }

/// <summary><see cref="OnnxBatchNormSignalNet"/> in double precision.</summary>
[Network(Precision.Double, Seed = 15)]
[Input(2, 7)]
[BatchNorm]
[Conv1D(3, 2)]
[BatchNorm(Epsilon = 1e-2)]
[Loss(LossFunction.MeanSquaredError)]
public partial class OnnxBatchNormSignalDoubleNet { }

/// <summary>LayerNorm over the last dimension of a signal, over a whole signal without affine, then GELUTanh and Softplus layers.</summary>
[Network(Seed = 16)]
[Input(4, 5)]
[LayerNorm(NormalizedDimensions = 1)]
[Conv1D(3, 2, Activation.GELUTanh)]
[LayerNorm(ElementwiseAffine = false)]
[Flatten]
[Dense(3, Activation.Softplus)]
public partial class OnnxLayerNormSignalNet { }

/// <summary><see cref="OnnxLayerNormSignalNet"/> in double precision.</summary>
[Network(Precision.Double, Seed = 16)]
[Input(4, 5)]
[LayerNorm(NormalizedDimensions = 1)]
[Conv1D(3, 2, Activation.GELUTanh)]
[LayerNorm(ElementwiseAffine = false)]
[Flatten]
[Dense(3, Activation.Softplus)]
public partial class OnnxLayerNormSignalDoubleNet { }

/// <summary>LayerNorm over a whole image, over its last two dimensions without affine, and over a vector as the last layer.</summary>
[Network(Seed = 17)]
[Input(2, 3, 4)]
[LayerNorm]
[LayerNorm(NormalizedDimensions = 2, ElementwiseAffine = false)]
[Flatten]
[Dense(4)]
[LayerNorm(Epsilon = 1e-3)]
public partial class OnnxLayerNormImageNet { }

/// <summary><see cref="OnnxLayerNormImageNet"/> in double precision.</summary>
[Network(Precision.Double, Seed = 17)]
[Input(2, 3, 4)]
[LayerNorm]
[LayerNorm(NormalizedDimensions = 2, ElementwiseAffine = false)]
[Flatten]
[Dense(4)]
[LayerNorm(Epsilon = 1e-3)]
public partial class OnnxLayerNormImageDoubleNet { }

/// <summary>Every activation inside the network (those dense layers cannot fuse become activation layers), and a tanh head.</summary>
[Network(Seed = 18)]
[Input(6)]
[Dense(8, Activation.ELU, Alpha = 0.7)]
[Dense(8, Activation.GELU)]
[Dense(8, Activation.GELUTanh)]
[Dense(8, Activation.SiLU)]
[Dense(8, Activation.Softplus)]
[Dense(8, Activation.LeakyReLU, NegativeSlope = 0.3)]
[Dense(8, Activation.Sigmoid)]
[Dense(8, Activation.ReLU)]
[Dense(4, Activation.Tanh)]
public partial class OnnxActivationChainNet { }

/// <summary>
/// <see cref="OnnxActivationChainNet"/> in double precision without GELU, whose erf a double export computes in float
/// (checked alone), and with a LeakyReLU head.
/// </summary>
[Network(Precision.Double, Seed = 18)]
[Input(6)]
[Dense(8, Activation.ELU, Alpha = 0.7)]
[Dense(8, Activation.GELUTanh)]
[Dense(8, Activation.SiLU)]
[Dense(8, Activation.Softplus)]
[Dense(8, Activation.LeakyReLU, NegativeSlope = 0.3)]
[Dense(8, Activation.Sigmoid)]
[Dense(8, Activation.ReLU)]
[Dense(4, Activation.LeakyReLU, NegativeSlope = 0.1)]
public partial class OnnxActivationChainDoubleNet { }

// Each activation alone, as an activation layer on a signal and the last layer (the output head): run on inputs far
// into each function's tails (Softplus's threshold at 20, ELU's exponential overflowing). The BatchNorm before it,
// left at its initial statistics, scales by 1/√(1 + 1e-5), close enough to the identity; it is there because a network
// without parameters does not compile (a zero-length inline array, CS9167).

[Network][Input(2, 5)][BatchNorm][Activation(Activation.Identity)] public partial class OnnxIdentityLayer { }
[Network][Input(2, 5)][BatchNorm][Activation(Activation.ReLU)] public partial class OnnxReLULayer { }
[Network][Input(2, 5)][BatchNorm][Activation(Activation.LeakyReLU, NegativeSlope = 0.15)] public partial class OnnxLeakyReLULayer { }
[Network][Input(2, 5)][BatchNorm][Activation(Activation.Sigmoid)] public partial class OnnxSigmoidLayer { }
[Network][Input(2, 5)][BatchNorm][Activation(Activation.Tanh)] public partial class OnnxTanhLayer { }
[Network][Input(2, 5)][BatchNorm][Activation(Activation.Softmax)] public partial class OnnxSoftmaxLayer { }
[Network][Input(2, 5)][BatchNorm][Activation(Activation.ELU, Alpha = 0.3)] public partial class OnnxELULayer { }
[Network][Input(2, 5)][BatchNorm][Activation(Activation.GELU)] public partial class OnnxGELULayer { }
[Network][Input(2, 5)][BatchNorm][Activation(Activation.GELUTanh)] public partial class OnnxGELUTanhLayer { }
[Network][Input(2, 5)][BatchNorm][Activation(Activation.SiLU)] public partial class OnnxSiLULayer { }
[Network][Input(2, 5)][BatchNorm][Activation(Activation.Softplus)] public partial class OnnxSoftplusLayer { }
[Network(Precision.Double)][Input(2, 5)][BatchNorm][Activation(Activation.Identity)] public partial class OnnxIdentityDoubleLayer { }
[Network(Precision.Double)][Input(2, 5)][BatchNorm][Activation(Activation.ReLU)] public partial class OnnxReLUDoubleLayer { }
[Network(Precision.Double)][Input(2, 5)][BatchNorm][Activation(Activation.LeakyReLU, NegativeSlope = 0.15)] public partial class OnnxLeakyReLUDoubleLayer { }
[Network(Precision.Double)][Input(2, 5)][BatchNorm][Activation(Activation.Sigmoid)] public partial class OnnxSigmoidDoubleLayer { }
[Network(Precision.Double)][Input(2, 5)][BatchNorm][Activation(Activation.Tanh)] public partial class OnnxTanhDoubleLayer { }
[Network(Precision.Double)][Input(2, 5)][BatchNorm][Activation(Activation.Softmax)] public partial class OnnxSoftmaxDoubleLayer { }
[Network(Precision.Double)][Input(2, 5)][BatchNorm][Activation(Activation.ELU, Alpha = 0.3)] public partial class OnnxELUDoubleLayer { }
[Network(Precision.Double)][Input(2, 5)][BatchNorm][Activation(Activation.GELU)] public partial class OnnxGELUDoubleLayer { }
[Network(Precision.Double)][Input(2, 5)][BatchNorm][Activation(Activation.GELUTanh)] public partial class OnnxGELUTanhDoubleLayer { }
[Network(Precision.Double)][Input(2, 5)][BatchNorm][Activation(Activation.SiLU)] public partial class OnnxSiLUDoubleLayer { }
[Network(Precision.Double)][Input(2, 5)][BatchNorm][Activation(Activation.Softplus)] public partial class OnnxSoftplusDoubleLayer { }

// Recurrent layers: every cell, stacked, bidirectional, returning sequences or the last step.
[Network][Input(6, 3)][Lstm(5, ReturnSequences = true, Bidirectional = true)][Gru(4, ReturnSequences = true)][SimpleRnn(3, Activation.ReLU)][Dense(2, Activation.Tanh)]
public partial class OnnxRecurrentNet { }

[Network][Input(5, 2)][Gru(4, Bidirectional = true)][Dense(3, Activation.Softmax)]
public partial class OnnxBidirectionalGruNet { }

[Network][Input(5, 2)][SimpleRnn(4, ReturnSequences = true, Bidirectional = true)][Lstm(3)][Dense(1)]
public partial class OnnxRnnThenLstmNet { }

// OnnxRecurrentNet and OnnxBidirectionalGruNet in double: ONNX Runtime runs the recurrent operators in float only.
[Network(Precision.Double)][Input(6, 3)][Lstm(5, ReturnSequences = true, Bidirectional = true)][Gru(4, ReturnSequences = true)][SimpleRnn(3, Activation.ReLU)][Dense(2, Activation.Tanh)]
public partial class OnnxRecurrentDoubleNet { }

[Network(Precision.Double)][Input(5, 2)][Gru(4, Bidirectional = true)][Dense(3, Activation.Softmax)]
public partial class OnnxBidirectionalGruDoubleNet { }

// [Transpose] between a convolution and a recurrent layer, and back.
[Network][Input(3, 8)][Conv1D(4, 3, Activation.ReLU)][Transpose][Lstm(3, ReturnSequences = true)][Transpose][MaxPool1D(2)][Flatten][Dense(2)]
public partial class OnnxTransposeNet { }
