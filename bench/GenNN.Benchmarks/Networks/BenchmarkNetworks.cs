using GenNN;

namespace GenNN.Benchmarks.Networks;

/// <summary>N1: 2 → 16 tanh → 16 tanh → 1, mean squared error.</summary>
[Network(Seed = 1)]
[Input(2)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(1)]
[Loss(LossFunction.MeanSquaredError)]
public partial class N1TanhRegressor { }

/// <summary>N2: 8 → 64 relu → 64 relu → 8, mean squared error.</summary>
[Network(Seed = 2)]
[Input(8)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(8)]
[Loss(LossFunction.MeanSquaredError)]
public partial class N2ReluRegressor { }

/// <summary>N3: 784 → 128 relu → 10 softmax, cross-entropy (an MNIST classifier's shape).</summary>
[Network(Seed = 3)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class N3MnistClassifier { }

/// <summary>
/// C1: a LeNet-size CNN on 28×28 images: conv 1→8 3×3 relu, max pool 2, conv 8→16 3×3 relu, max pool 2, flatten,
/// dense 400 → 10 softmax, cross-entropy.
/// </summary>
[Network(Seed = 4)]
[Input(1, 28, 28)]
[Conv2D(8, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(10, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class C1LeNetClassifier { }

