namespace GenNN.IntegrationTests;

// Float networks for UninitializedScratchTests, beside the double gradient-check networks: strided padded and Same convolutions,
// BatchNorm in training, padded max pool, dropout, stacked and bidirectional recurrent layers, a sigmoid head.

[Network(Seed = 1)][Input(2, 9, 9)][Conv2D(4, 3, Activation.ReLU, PaddingSize = 1, Stride = 2)][Conv2D(4, 3, Activation.Tanh, Padding = Padding.Same)][BatchNorm][MaxPool2D(2, PaddingSize = 1)][Flatten][Dense(6, Activation.Tanh, Dropout = 0.3)][Dense(3, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class PoisonedStackCnn { }

[Network(Seed = 2)][Input(6, 3)][Lstm(5, ReturnSequences = true)][Gru(4, Bidirectional = true)][Dense(2)][Loss(LossFunction.MeanSquaredError)]
public partial class PoisonedStackRecurrent { }

[Network(Seed = 3)][Input(5)][Dense(16, Activation.GELU)][BatchNorm][Dense(3, Activation.Sigmoid)][Loss(LossFunction.BinaryCrossEntropy)]
public partial class PoisonedStackDense { }
