namespace GenNN.VectorWidthProbe;

// Layer widths are chosen for the tails they leave. With L lanes per Vector<T> (2 to 16 here), the dense kernels
// take groups of 16·L, 8·L, 2·L and L columns, then the columns left: in the forward pass a vector flush with the
// end (single columns when the layer is narrower than L), in the backward passes single columns. 271, 215, 90, 33
// and 5 leave a different mixture of groups and tails at every width. Recurrent layers of 37, 21 and 13 units are several vectors
// plus a tail; the convolutions' channel counts and image sizes are odd so no product is a whole number of vectors.

// Dense layers with every fused activation, in both precisions.
[Network(Precision.Double)][Input(13)][Dense(271, Activation.ReLU)][Dense(215, Activation.Tanh)][Dense(90, Activation.Sigmoid)][Dense(33, Activation.LeakyReLU)][Dense(5)][Loss(LossFunction.MeanSquaredError)]
public partial class DenseDouble { }

[Network][Input(13)][Dense(271, Activation.ReLU)][Dense(215, Activation.Tanh)][Dense(90, Activation.Sigmoid)][Dense(33, Activation.LeakyReLU)][Dense(5, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class DenseSingle { }

// Convolutions (padding, stride, groups), batch normalization, pools and activation layers.
[Network(Precision.Double)][Input(3, 11, 13)][Conv2D(19, 3, Activation.ReLU, Padding = Padding.Same)][BatchNorm][MaxPool2D(2)][Conv2D(10, 3, Stride = 2, Groups = 1)][Activation(Activation.GELU)][AvgPool2D(2, Stride = 1)][Flatten][Dense(7, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]
public partial class ConvolutionDouble { }

[Network][Input(3, 11, 13)][Conv2D(19, 3, Activation.ReLU, Padding = Padding.Same)][BatchNorm][MaxPool2D(2)][Conv2D(10, 3, Stride = 2, Groups = 1)][Activation(Activation.GELU)][AvgPool2D(2, Stride = 1)][Flatten][Dense(7, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]
public partial class ConvolutionSingle { }

// One-dimensional convolution, layer normalization, SiLU, global average pooling.
[Network(Precision.Double)][Input(5, 41)][Conv1D(23, 5, Activation.Tanh, PaddingSize = 2)][LayerNorm][Activation(Activation.SiLU)][Conv1D(17, 3, Dilation = 2)][GlobalAveragePool][Dense(3, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class SequenceConvolutionDouble { }

[Network][Input(5, 41)][Conv1D(23, 5, Activation.Tanh, PaddingSize = 2)][LayerNorm][Activation(Activation.SiLU)][Conv1D(17, 3, Dilation = 2)][GlobalAveragePool][Dense(3, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class SequenceConvolutionSingle { }

// Convolutions sized for the full-width 512-bit path (GENNN_FULL_WIDTH_VECTOR512=1): output rows 19 wide (the row
// layout at 16 floats, two vectors a row), and products of two 512-bit vectors (17 and 26 positions), which take the
// single-vector tiles.
[Network(Precision.Double)][Input(2, 5, 21)][Conv2D(5, 3, Activation.ReLU)][Conv2D(3, 3, Activation.Tanh)][Flatten][Dense(3)][Loss(LossFunction.MeanSquaredError)]
public partial class WideRowConvolutionDouble { }

[Network][Input(2, 5, 21)][Conv2D(5, 3, Activation.ReLU)][Conv2D(3, 3, Activation.Tanh)][Flatten][Dense(3)][Loss(LossFunction.MeanSquaredError)]
public partial class WideRowConvolutionSingle { }

[Network(Precision.Double)][Input(3, 30)][Conv1D(4, 5, Activation.ReLU)][Flatten][Dense(2)][Loss(LossFunction.MeanSquaredError)]
public partial class ShortSequenceConvolutionDouble { }

[Network][Input(3, 30)][Conv1D(4, 5, Activation.ReLU)][Flatten][Dense(2)][Loss(LossFunction.MeanSquaredError)]
public partial class ShortSequenceConvolutionSingle { }

// Max pooling of rows 18 windows wide: whole vectors of pair windows at every width up to 16 floats.
[Network(Precision.Double)][Input(2, 4, 36)][MaxPool2D(2)][Flatten][Dense(3)][Loss(LossFunction.MeanSquaredError)]
public partial class WidePoolDouble { }

[Network][Input(2, 4, 36)][MaxPool2D(2)][Flatten][Dense(3)][Loss(LossFunction.MeanSquaredError)]
public partial class WidePoolSingle { }

// A convolution and the 2×2 max pool after it, which inference runs as one pass on cores with full-width 512-bit
// units (GENNN_FULL_WIDTH_VECTOR512=1): 16 filters (a vector of floats, two of doubles), then 8 (half a vector of
// floats: the lane-pair path), odd sizes so that some pooled runs are short and the last row and column go unread.
[Network(Precision.Double)][Input(3, 15, 13)][Conv2D(16, 3, Activation.ReLU)][MaxPool2D(2)][Flatten][Dense(3)][Loss(LossFunction.MeanSquaredError)]
public partial class PooledConvolutionDouble { }

[Network][Input(3, 15, 13)][Conv2D(16, 3, Activation.ReLU)][MaxPool2D(2)][Flatten][Dense(3)][Loss(LossFunction.MeanSquaredError)]
public partial class PooledConvolutionSingle { }

[Network(Precision.Double)][Input(1, 21, 23)][Conv2D(8, 3, Activation.LeakyReLU)][MaxPool2D(2)][Flatten][Dense(3)][Loss(LossFunction.MeanSquaredError)]
public partial class PairPooledConvolutionDouble { }

[Network][Input(1, 21, 23)][Conv2D(8, 3, Activation.LeakyReLU)][MaxPool2D(2)][Flatten][Dense(3)][Loss(LossFunction.MeanSquaredError)]
public partial class PairPooledConvolutionSingle { }

// Every recurrent cell, stacked, bidirectional, returning sequences.
[Network(Precision.Double)][Input(9, 6)][Lstm(37, ReturnSequences = true)][Gru(21, ReturnSequences = true, Bidirectional = true)][SimpleRnn(13)][Dense(4)][Loss(LossFunction.MeanSquaredError)]
public partial class RecurrentDouble { }

[Network][Input(9, 6)][Lstm(37, ReturnSequences = true)][Gru(21, ReturnSequences = true, Bidirectional = true)][SimpleRnn(13)][Dense(4)][Loss(LossFunction.MeanSquaredError)]
public partial class RecurrentSingle { }

// LSTM and GRU layers of one 512-bit vector (16 floats, 8 doubles): the register-only step that cores with full-width
// 512-bit units take (GENNN_FULL_WIDTH_VECTOR512=1), and with AVX2 vectors the two-vector one (H = 2·Vector<T>.Count
// in both precisions).
[Network(Precision.Double)][Input(7, 3)][Lstm(8, ReturnSequences = true)][Gru(8)][Dense(2)][Loss(LossFunction.MeanSquaredError)]
public partial class OneVectorRecurrentDouble { }

[Network][Input(7, 3)][Lstm(16, ReturnSequences = true)][Gru(16)][Dense(2)][Loss(LossFunction.MeanSquaredError)]
public partial class OneVectorRecurrentSingle { }
