namespace GenNN.Benchmarks.Naive;

/// <summary>
/// A neuron as tutorials draw it: its own weights and bias, what it computed last, and the error signal and
/// gradients backpropagation gives it.
/// </summary>
public sealed class NaiveNeuron
{
    public NaiveNeuron(double[] weights, double bias)
    {
        Weights = weights;
        Bias = bias;
        WeightGradients = new double[weights.Length];
    }

    /// <summary>One weight per input.</summary>
    public double[] Weights { get; }

    public double Bias { get; set; }

    /// <summary>The weighted sum <c>z = b + Σ wᵢxᵢ</c> of the last forward pass.</summary>
    public double WeightedSum { get; set; }

    /// <summary>The activation <c>a = f(z)</c> of the last forward pass.</summary>
    public double Output { get; set; }

    /// <summary>∂L/∂z for the current sample.</summary>
    public double Delta { get; set; }

    /// <summary>∂L/∂w summed over the minibatch so far.</summary>
    public double[] WeightGradients { get; }

    /// <summary>∂L/∂b summed over the minibatch so far.</summary>
    public double BiasGradient { get; set; }

    public double ComputeWeightedSum(double[] inputs)
    {
        double sum = Bias;
        for (int i = 0; i < Weights.Length; i++)
        {
            sum += Weights[i] * inputs[i];
        }

        return sum;
    }

    /// <summary>Adds this sample's gradients, given the layer's inputs and this neuron's <see cref="Delta"/>.</summary>
    public void AccumulateGradients(double[] inputs)
    {
        for (int i = 0; i < Weights.Length; i++)
        {
            WeightGradients[i] += Delta * inputs[i];
        }

        BiasGradient += Delta;
    }

    /// <summary>Gradient descent on the averaged gradients, then clears them for the next minibatch.</summary>
    public void ApplyGradients(double learningRate, int batchSize)
    {
        for (int i = 0; i < Weights.Length; i++)
        {
            Weights[i] -= learningRate * WeightGradients[i] / batchSize;
            WeightGradients[i] = 0;
        }

        Bias -= learningRate * BiasGradient / batchSize;
        BiasGradient = 0;
    }
}
