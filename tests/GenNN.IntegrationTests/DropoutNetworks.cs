using GenNN;

namespace GenNN.IntegrationTests.Dropout;

/// <summary>Dropout after two hidden layers, one unrolled and one in loop form (20·24 weights &gt; 256).</summary>
[Network(Precision.Double)]
[Input(20)]
[Dense(24, Activation.Tanh, Dropout = 0.3)]
[Dense(6, Activation.ReLU, Dropout = 0.5)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class DropoutNet { }

/// <summary>The same topology without dropout: inference must match it exactly.</summary>
[Network(Precision.Double)]
[Input(20)]
[Dense(24, Activation.Tanh)]
[Dense(6, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
[Loss(LossFunction.CrossEntropy)]
public partial class NoDropoutNet { }
