using GenNN;

namespace GenNN.IntegrationTests.Scratch;

// The network whose TrainBatch overflowed a 1 MiB stack when every pass took its scratch from the stack: two 16,000-wide
// dropout layers in double keep values, masks and deltas of 64,000 doubles per sample.
[Network(Precision.Double)][Input(1)][Dense(16000, Dropout = 0.5)][Dense(1)][Dense(16000, Dropout = 0.5)][Dense(1)][Loss(LossFunction.MeanSquaredError)]
public partial class WideDropoutNet { }

// A real CNN: a 32×32×64 activation map (65,536 values), in double.
[Network(Precision.Double)][Input(3, 32, 32)][Conv2D(64, 3, Activation.ReLU, Padding = Padding.Same)][BatchNorm][MaxPool2D(2)][Conv2D(16, 3, Activation.ReLU, Padding = Padding.Same)][GlobalAveragePool][Dense(10, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class Cifar64Net { }

// A small CNN for allocation counts: every spatial and normalization kind.
[Network][Input(2, 10, 10)][Conv2D(4, 3, Activation.ReLU)][BatchNorm][AvgPool2D(2)][Conv2D(4, 2, Activation.GELU, Groups = 2)][LayerNorm][Dropout(0.2)][MaxPool2D(2, Stride = 1)][GlobalAveragePool][Dense(3, Activation.Softmax)][Loss(LossFunction.CrossEntropy)]
public partial class AllKindsNet { }
