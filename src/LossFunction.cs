namespace GenNN;

/// <summary>The loss a network is trained against; each matches the PyTorch loss of the same name.</summary>
public enum LossFunction
{
    /// <summary>
    /// Mean squared error over the outputs, <c>L = (1/n) Σ_k (a_k − y_k)²</c> (PyTorch <c>MSELoss</c>). Fits any
    /// output activation.
    /// </summary>
    MeanSquaredError = 0,

    /// <summary>
    /// Binary cross-entropy averaged over the outputs, <c>L = −(1/n) Σ_k [y_k log a_k + (1 − y_k) log(1 − a_k)]</c>.
    /// Requires a <see cref="Activation.Sigmoid"/> output layer and is computed from the logits
    /// (PyTorch <c>BCEWithLogitsLoss</c>), so it never takes the log of 0.
    /// </summary>
    BinaryCrossEntropy = 1,

    /// <summary>
    /// Cross-entropy of a target distribution, <c>L = −Σ_k y_k log softmax(z)_k</c> (PyTorch <c>CrossEntropyLoss</c>
    /// with probability targets). Requires a <see cref="Activation.Softmax"/> output layer; fused with it through a
    /// log-sum-exp, so its gradient is simply <c>softmax(z) − y</c> for one-hot targets.
    /// </summary>
    CrossEntropy = 2,
}
