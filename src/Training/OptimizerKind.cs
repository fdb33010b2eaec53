namespace GenNN.Training;

/// <summary>The optimizers GenNN implements, each with PyTorch's update rule, hyperparameter names and defaults.</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent, optionally with momentum, dampening and Nesterov (<c>torch.optim.SGD</c>).</summary>
    Sgd = 0,

    /// <summary>Adam (<c>torch.optim.Adam</c>); <c>WeightDecay</c> is an L2 penalty added to the gradient.</summary>
    Adam = 1,

    /// <summary>Adam with decoupled weight decay (<c>torch.optim.AdamW</c>).</summary>
    AdamW = 2,

    /// <summary>RMSprop, optionally with momentum and centered (<c>torch.optim.RMSprop</c>).</summary>
    RMSprop = 3,

    /// <summary>Adagrad (<c>torch.optim.Adagrad</c>).</summary>
    Adagrad = 4,
}
