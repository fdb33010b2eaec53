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


/// <summary>N4: LSTM 1 → 16, then dense 16 → 1, streamed one step at a time (RTNeural's N4); trained on sequences of 50 steps.</summary>
[Network(Seed = 5)]
[Input(50, 1)]
[Lstm(16)]
[Dense(1)]
[Loss(LossFunction.MeanSquaredError)]
public partial class N4LstmStreamer { }

/// <summary>N5: N4 with a GRU.</summary>
[Network(Seed = 6)]
[Input(50, 1)]
[Gru(16)]
[Dense(1)]
[Loss(LossFunction.MeanSquaredError)]
public partial class N5GruStreamer { }

/// <summary>R1: an LSTM of 32 units over 50 steps of one feature, then dense 32 → 1: sequence-model training.</summary>
[Network(Seed = 7)]
[Input(50, 1)]
[Lstm(32)]
[Dense(1)]
[Loss(LossFunction.MeanSquaredError)]
public partial class R1SequenceRegressor { }

/// <summary>
/// G1: 64 → 128 GELU → 128 SiLU → 4, MSE: a transformer-style MLP whose activations need their input for the
/// gradient, so each runs as an activation layer of its own.
/// </summary>
[Network(Seed = 7)]
[Input(64)]
[Dense(128, Activation.GELU)]
[Dense(128, Activation.SiLU)]
[Dense(4)]
[Loss(LossFunction.MeanSquaredError)]
public partial class G1GeluRegressor { }
