using GenNN.Training;

namespace GenNN.Tests.Training;

/// <summary>The two-spiral classifier every optimizer must train to 99 %.</summary>
[Network(Seed = 7)]
[Input(2)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class SpiralClassifier { }

/// <summary>The spiral classifier with dropout, so a fit's seed decides its dropout masks as well as its shuffles.</summary>
[Network(Seed = 7)]
[Input(2)]
[Dense(32, Activation.ReLU, Dropout = 0.2)]
[Dense(32, Activation.ReLU)]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class DropoutSpiralClassifier { }

/// <summary>
/// A double network with dropout in two layers, large enough (3,300 parameters) that batches of 40 samples or more
/// pass the fit loop's threshold for running on the worker threads: for the data-parallel determinism check.
/// </summary>
[Network(Precision.Double, Seed = 11)]
[Input(16)]
[Dense(64, Activation.Tanh, Dropout = 0.2)]
[Dense(32, Activation.ReLU, Dropout = 0.1)]
[Dense(4, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class ParallelDropoutClassifier { }

/// <summary>
/// A probe for dropout statistics: with unit first-layer weights, zero biases, zero output weights and input 1,
/// every hidden unit's output is 1 and the gradient of output weight j is 2·(kept_j / keep rate), so the gradient
/// shows each mask bit directly.
/// </summary>
[Network(Precision.Double)]
[Input(1)]
[Dense(1000, Activation.Identity, Name = "Probe", Dropout = 0.3)]
[Dense(1, Activation.Identity, Name = "Readout")]
[Loss(LossFunction.MeanSquaredError)]
public partial class DropoutProbe { }

/// <summary><see cref="DropoutProbe"/> without dropout: same initialization, so inference must match it exactly.</summary>
[Network(Precision.Double)]
[Input(1)]
[Dense(1000, Activation.Identity, Name = "Probe")]
[Dense(1, Activation.Identity, Name = "Readout")]
[Loss(LossFunction.MeanSquaredError)]
public partial class DropoutProbeTwin { }

/// <summary>
/// A larger network whose layers take the loop form, for the data-parallel speed and allocation checks; its 21,060
/// parameters are more than one of the trainer's 16,384-parameter reduction ranges, the second one partial.
/// </summary>
[Network(Seed = 5)]
[Input(16)]
[Dense(256, Activation.ReLU, Dropout = 0.1)]
[Dense(64, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class WideClassifier { }

/// <summary>A network declaring its optimizer, to check the declaration is used and can be overridden.</summary>
[Network(Precision.Double, Seed = 3)]
[Input(1)]
[Dense(8, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
[Optimizer(OptimizerKind.Sgd, LearningRate = 0.5, Momentum = 0.9)]
public partial class DeclaredSgdNet { }

/// <summary>Recurrent layers of every cell, both directions and both outputs, for the data-parallel determinism check.</summary>
[Network(Seed = 6)]
[Input(6, 3)]
[Lstm(8, ReturnSequences = true, Bidirectional = true)]
[SimpleRnn(5, ReturnSequences = true)]
[Gru(6)]
[Dense(4, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class RecurrentClassifier { }

/// <summary>A spiral classifier with BatchNorm, whose running statistics the fit loop must keep with the weights.</summary>
[Network(Seed = 7)]
[Input(2)]
[Dense(16, Activation.ReLU)]
[BatchNorm]
[Dense(2, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class NormalizedSpiralClassifier { }

/// <summary>Two independent sigmoid outputs (multi-label), each scored as its own yes/no by <c>Metric.Accuracy</c>.</summary>
[Network(Seed = 5)]
[Input(2)]
[Dense(2, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class MultiLabelNet { }
