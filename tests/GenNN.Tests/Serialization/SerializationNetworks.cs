using GenNN;

namespace GenNN.Tests.Serialization;

/// <summary>PyTorch: Sequential(Linear(3, 5), Tanh, Linear(5, 4), Tanh, Linear(4, 2), Sigmoid).</summary>
[Network(Seed = 11)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class TanhNet { }

/// <summary><see cref="TanhNet"/>'s topology in double precision: same signature, other precision.</summary>
[Network(Precision.Double, Seed = 11)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class TanhNetDouble { }

/// <summary>A different topology: Input(3)|Dense(3->6)|Dense(6->2).</summary>
[Network(Seed = 5)]
[Input(3)]
[Dense(6, Activation.Tanh)]
[Dense(2, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class WiderNet { }

/// <summary>
/// Identity layers and dropout change the nn.Sequential numbering: Linear(0), ReLU(1), Dropout(2), Linear(3),
/// Linear(4), LeakyReLU(5), Linear(6).
/// </summary>
[Network(Seed = 3)]
[Input(4)]
[Dense(6, Activation.ReLU, Dropout = 0.25)]
[Dense(5)]
[Dense(4, Activation.LeakyReLU, NegativeSlope = 0.1)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class MixedNet { }

/// <summary>A double network with dense layers large enough for the loop form, for round trips through PyTorch.</summary>
[Network(Precision.Double, Seed = 8)]
[Input(20)]
[Dense(32, Activation.ReLU)]
[Dense(3)]
public partial class WideDoubleNet { }

/// <summary>
/// A small CNN with every state-holding kind, in float. PyTorch: Sequential(Conv2d(2, 4, 3, padding=1), ReLU,
/// BatchNorm2d(4), MaxPool2d(2), Flatten, Linear(64, 8), Tanh, LayerNorm(8), Linear(8, 3), Softmax(dim=1)).
/// </summary>
[Network(Seed = 21)]
[Input(2, 8, 8)]
[Conv2D(4, 3, Activation.ReLU, PaddingSize = 1)]
[BatchNorm]
[MaxPool2D(2)]
[Flatten]
[Dense(8, Activation.Tanh)]
[LayerNorm]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class SerialCnn { }

/// <summary><see cref="SerialCnn"/> in double precision.</summary>
[Network(Precision.Double, Seed = 21)]
[Input(2, 8, 8)]
[Conv2D(4, 3, Activation.ReLU, PaddingSize = 1)]
[BatchNorm]
[MaxPool2D(2)]
[Flatten]
[Dense(8, Activation.Tanh)]
[LayerNorm]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class SerialCnnDouble { }

/// <summary>
/// The 1-D kinds and the parameterless ones. PyTorch: Sequential(Conv1d(3, 4, 3, padding=1), LeakyReLU(0.2),
/// BatchNorm1d(4, momentum=0.3), MaxPool1d(2), Dropout(0.25), Conv1d(4, 4, 2, dilation=2, groups=2), GELU,
/// LayerNorm([4, 4], elementwise_affine=False), AvgPool1d(2, stride=1), AdaptiveAvgPool1d(1), Flatten, Linear(4, 6),
/// ELU, BatchNorm1d(6, eps=1e-3), Linear(6, 2)).
/// </summary>
[Network(Precision.Double, Seed = 22)]
[Input(3, 12)]
[Conv1D(4, 3, Activation.LeakyReLU, NegativeSlope = 0.2, Padding = Padding.Same)]
[BatchNorm(Momentum = 0.3)]
[MaxPool1D(2)]
[Dropout(0.25)]
[Conv1D(4, 2, Dilation = 2, Groups = 2)]
[Activation(Activation.GELU)]
[LayerNorm(ElementwiseAffine = false)]
[AvgPool1D(2, Stride = 1)]
[GlobalAveragePool]
[Dense(6, Activation.ELU)]
[BatchNorm(Epsilon = 1e-3)]
[Dense(2)]
[Loss(LossFunction.MeanSquaredError)]
public partial class SerialSignalNet { }

/// <summary>
/// 2-D pooling by average, an even kernel with 'same' padding (one more row and column after than before), a stride,
/// and a global average pool. PyTorch: Sequential(Conv2d(2, 4, 2, padding='same'), AvgPool2d(3, stride=2, padding=1),
/// Conv2d(4, 6, 3, stride=2, padding=1), SiLU, AdaptiveAvgPool2d(1), Flatten, Linear(6, 3), Sigmoid).
/// </summary>
[Network(Seed = 23)]
[Input(2, 6, 6)]
[Conv2D(4, 2, Padding = Padding.Same)]
[AvgPool2D(3, Stride = 2, PaddingSize = 1)]
[Conv2D(6, 3, Activation.SiLU, Stride = 2, PaddingSize = 1)]
[GlobalAveragePool]
[Dense(3, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class SerialImageNet { }

/// <summary>A vector BatchNorm between dense layers: the smallest network with buffers.</summary>
[Network(Seed = 24)]
[Input(3)]
[Dense(4)]
[BatchNorm]
[Dense(2)]
[Loss(LossFunction.MeanSquaredError)]
public partial class BatchNormVectorNet { }

/// <summary>A 3×3 convolution over a 3×3 image: one output position whatever the stride.</summary>
[Network(Seed = 25)]
[Input(1, 3, 3)]
[Conv2D(2, 3)]
public partial class StrideOneNet { }

/// <summary><see cref="StrideOneNet"/> with stride 2: the same shapes and parameter count, another signature.</summary>
[Network(Seed = 25)]
[Input(1, 3, 3)]
[Conv2D(2, 3, Stride = 2)]
public partial class StrideTwoNet { }

/// <summary>Recurrent layers of every cell, bidirectional and stacked, for safetensors round trips with TorchSharp.</summary>
[Network(Precision.Double)]
[Input(6, 2)]
[Lstm(5, ReturnSequences = true, Bidirectional = true)]
[Gru(4, ReturnSequences = true)]
[SimpleRnn(3, Activation.ReLU)]
[Dense(2)]
[Loss(LossFunction.MeanSquaredError)]
public partial class SerialRecurrentNet { }

/// <summary>
/// TorchSharp's <c>nn.Sequential(nn.Linear(3, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 2))</c>, with the weights it
/// trained compiled in (see <c>TorchSafetensorsInteropTests</c>).
/// </summary>
[Network(Weights = "Serialization/CompiledWeights/torch-trained.safetensors")]
[Input(3)]
[Dense(8)]
[BatchNorm]
[Activation(Activation.ReLU)]
[Dense(2)]
public partial class TorchTrainedNet { }

/// <summary>
/// <see cref="TanhNet"/> but for two activations: GELU, which the generator makes a layer of its own, and the output's
/// softmax as an [Activation] layer. Activations are not part of the signature, so the two exchange model files.
/// </summary>
[Network(Seed = 12)]
[Input(3)]
[Dense(5, Activation.GELU)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
[Activation(Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class GeluNet { }
