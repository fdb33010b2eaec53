namespace GenNN.Samples.Adding;

/// <summary>
/// The recurrent model: an LSTM reads the sequence one step at a time, each step a value and a marker, and a dense
/// layer reads its last hidden state. 2,713 parameters.
/// </summary>
[Network(Seed = 1)]
[Input(AddingProblem.Steps, 2)]
[Lstm(24, Name = "Memory")]
[Dense(1, Name = "Sum")]
[Loss(LossFunction.MeanSquaredError)]
public partial class AddingLstm
{
}

/// <summary>
/// The baseline: a dense network of about the same size (2,481 parameters) sees the whole flattened sequence at once.
/// It has every value and marker in front of it, but must learn "multiply each value by its marker and add" with
/// ReLU units, which it can only approximate.
/// </summary>
[Network(Seed = 1)]
[Input(AddingProblem.Steps * 2)]
[Dense(40, Activation.ReLU, Name = "Hidden")]
[Dense(1, Name = "Sum")]
[Loss(LossFunction.MeanSquaredError)]
public partial class AddingDense
{
}
