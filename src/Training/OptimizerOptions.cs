using System;

namespace GenNN.Training;

/// <summary>
/// An optimizer and its hyperparameters, named as in PyTorch, each defaulting to PyTorch's value for
/// <see cref="Kind"/>: <c>new OptimizerOptions(OptimizerKind.Adam) { LearningRate = 0.01 }</c> keeps Adam's
/// <c>eps</c> and betas. Change any with an initializer or <c>with { ... }</c>, but the kind, which has no setter: the
/// other defaults follow from it (an Adam copied from SGD's options would keep SGD's <c>eps</c> of 0), so start from
/// <see cref="For"/> of the kind you want.
/// </summary>
/// <param name="Kind">The optimizer.</param>
public sealed record OptimizerOptions(OptimizerKind Kind)
{
    /// <summary>The optimizer, fixed at construction (the other settings' defaults follow from it).</summary>
    public OptimizerKind Kind { get; } = Kind;

    /// <summary><c>lr</c>.</summary>
    public double LearningRate { get; init; } = Kind is OptimizerKind.RMSprop or OptimizerKind.Adagrad ? 1e-2 : 1e-3;

    /// <summary><c>momentum</c> (SGD, RMSprop).</summary>
    public double Momentum { get; init; }

    /// <summary><c>dampening</c> (SGD), in [0, 1).</summary>
    public double Dampening { get; init; }

    /// <summary><c>nesterov</c> (SGD; needs momentum &gt; 0 and dampening 0, as in PyTorch).</summary>
    public bool Nesterov { get; init; }

    /// <summary><c>betas[0]</c> (Adam, AdamW).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary><c>betas[1]</c> (Adam, AdamW).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary><c>eps</c> (0 for SGD, which has none).</summary>
    public double Epsilon { get; init; } = Kind switch
    {
        OptimizerKind.Sgd => 0,
        OptimizerKind.Adagrad => 1e-10,
        _ => 1e-8,
    };

    /// <summary><c>weight_decay</c>: an L2 penalty added to the gradient, except for AdamW, whose decay is decoupled (default 0.01).</summary>
    public double WeightDecay { get; init; } = Kind == OptimizerKind.AdamW ? 1e-2 : 0;

    /// <summary><c>amsgrad</c> (Adam, AdamW).</summary>
    public bool Amsgrad { get; init; }

    /// <summary><c>alpha</c> (RMSprop), the squared average's decay, in [0, 1).</summary>
    public double Alpha { get; init; } = 0.99;

    /// <summary><c>centered</c> (RMSprop).</summary>
    public bool Centered { get; init; }

    /// <summary><c>lr_decay</c> (Adagrad).</summary>
    public double LearningRateDecay { get; init; }

    /// <summary><c>initial_accumulator_value</c> (Adagrad).</summary>
    public double InitialAccumulatorValue { get; init; }

    /// <summary>An L1 penalty <c>l1·sign(θ)</c> added to the gradient before the update (0 = off).</summary>
    public double L1 { get; init; }

    /// <summary>PyTorch's defaults for <paramref name="kind"/> (the learning rate of <c>torch.optim</c>'s signature).</summary>
    public static OptimizerOptions For(OptimizerKind kind)
        => Enum.IsDefined(kind) ? new(kind) : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer.");
}
