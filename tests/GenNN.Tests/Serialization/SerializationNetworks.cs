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
