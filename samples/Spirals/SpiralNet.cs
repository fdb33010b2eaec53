namespace GenNN.Samples.Spirals;

/// <summary>
/// The network this sample trains. These attributes are the whole declaration: at compile time the GenNN generator
/// reads them and writes the rest of this partial class (Forward, Backward, TrainBatch, the parameter storage and the
/// size constants used throughout the sample). The run prints where that generated file is.
/// </summary>
/// <remarks>
/// Two ReLU layers of 32 carve the plane into enough pieces to follow two turns of both spirals. ReLU rather than
/// tanh because the sample trains with plain SGD: a tanh network of this size sits on a long plateau near 60 %
/// accuracy before it starts to wind around the spirals, while the He-initialized ReLU network gets going at once.
/// </remarks>
[Network(Seed = 7)]
[Input(2)]
[Dense(32, Activation.ReLU, Name = "Hidden1")]
[Dense(32, Activation.ReLU, Name = "Hidden2")]
[Dense(2, Activation.Softmax, Name = "Classifier")]
[Loss(LossFunction.CrossEntropy)]
public partial class SpiralNet
{
}
