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
