using GenNN;

namespace GenNN.IntegrationTests.GradientCheck;

// Recurrent layers in double, each behind or before a trainable layer so its input gradient is checked too.

[Network(Precision.Double)][Input(5, 3)][Lstm(4)][Dense(2)][Loss(LossFunction.MeanSquaredError)]
public partial class LstmLast { }

[Network(Precision.Double)][Input(4, 2)][SimpleRnn(3, ReturnSequences = true)][Gru(3, ReturnSequences = true)][Lstm(2)][Dense(2, Activation.Tanh)][Loss(LossFunction.MeanSquaredError)]
public partial class GruThenRnn { }

[Network(Precision.Double)][Input(4, 3)][Lstm(3, ReturnSequences = true, Bidirectional = true)][Gru(2, Bidirectional = true)][Dense(2, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]
public partial class BidirectionalStack { }

[Network(Precision.Double)][Input(3, 2)][SimpleRnn(3, ReturnSequences = true, Bidirectional = true)][Flatten][Dense(3, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class RnnSequenceFlattened { }

// Streaming: two stacked LSTMs and a dense head, and a GRU with a normalized head.
[Network][Input(12, 2)][Lstm(8, ReturnSequences = true)][Lstm(6)][Dense(3, Activation.Tanh)][Loss(LossFunction.MeanSquaredError)]
public partial class StreamingLstm { }

[Network(Precision.Double)][Input(9, 3)][Gru(5)][LayerNorm][Dense(2)]
public partial class StreamingGru { }

// Streaming through the layers that compute each step from that step alone, before and between recurrent layers:
// LayerNorm over each step's features (with and without its affine parameters), dropout and an activation.
[Network][Input(10, 3)][LayerNorm(NormalizedDimensions = 1)][Lstm(6, ReturnSequences = true)][Dropout(0.3)][Activation(Activation.GELU)]
[Gru(5, ReturnSequences = true)][LayerNorm(NormalizedDimensions = 1, ElementwiseAffine = false)][SimpleRnn(4)][Dense(2)][Loss(LossFunction.MeanSquaredError)]
public partial class StreamingThroughStepLayers { }

// The R1 benchmark's network: a full block of 32 sequences takes the training scratch from the workspace pool.
[Network][Input(50, 1)][Lstm(32)][Dense(1)][Loss(LossFunction.MeanSquaredError)]
public partial class SequenceRegressor { }

// [Transpose] between the two axis conventions: a convolution's channels become each step's features, and a sequence's
// steps become a convolution's positions.
[Network(Precision.Double)][Input(3, 7)][Conv1D(4, 3, Activation.Tanh)][Transpose][Lstm(3)][Dense(2)][Loss(LossFunction.MeanSquaredError)]
public partial class ConvTransposeLstm { }

[Network(Precision.Double)][Input(5, 2)][Gru(3, ReturnSequences = true)][Transpose][Conv1D(2, 2)][GlobalAveragePool][Dense(2, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class GruTransposeConv { }

// Streaming with recurrent layers of one 512-bit vector (16 floats, 8 doubles), whose step updates the state in place
// with every gate sum in registers on cores with full-width 512-bit units.
[Network][Input(9, 2)][Lstm(16, ReturnSequences = true)][Gru(16)][Dense(2)][Loss(LossFunction.MeanSquaredError)]
public partial class OneVectorStreamingSingle { }

[Network(Precision.Double)][Input(9, 2)][Lstm(8, ReturnSequences = true)][Gru(8)][Dense(2)][Loss(LossFunction.MeanSquaredError)]
public partial class OneVectorStreamingDouble { }
