using GenNN;

namespace GenNN.IntegrationTests.Training;

/// <summary>The example: XOR with two tanh hidden layers and a sigmoid output, trained on binary cross-entropy.</summary>
[Network(Seed = 42)]
[Input(2)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
[Loss(LossFunction.BinaryCrossEntropy)]
public partial class XorNet { }

/// <summary>1-D regression of sin(x) on [−π, π].</summary>
[Network(Seed = 3)]
[Input(1)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(1)]
[Loss(LossFunction.MeanSquaredError)]
public partial class SineNet { }

/// <summary>A network large enough that every layer takes the loop form, for the allocation checks.</summary>
[Network]
[Input(64)]
[Dense(64, Activation.ReLU, Name = "hidden")]
[Dense(10, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class WideClassifier { }

/// <summary>No loss: inference only.</summary>
[Network]
[Input(4)]
[Dense(3, Activation.ReLU)]
[Dense(2)]
public partial class InferenceOnlyNet { }
