using System;
using GenNN.Training;

namespace GenNN;

/// <summary>
/// Declares the optimizer a network trains with by default; the generator turns it into the network's
/// <see cref="ITrainableNetwork{T}.DefaultOptimizer"/> options. Properties left unset take PyTorch's defaults for the optimizer; the
/// fit loop's options override the whole declaration at run time. Setting a property the optimizer does not read
/// (each one's summary names the optimizers that do) is a compile-time error (GNN0035).
/// </summary>
/// <example><c>[Optimizer(OptimizerKind.Adam, LearningRate = 0.001, WeightDecay = 1e-4)]</c></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class OptimizerAttribute : Attribute
{
    /// <summary>Declares the optimizer.</summary>
    public OptimizerAttribute(OptimizerKind kind) => Kind = kind;

    /// <summary>The optimizer.</summary>
    public OptimizerKind Kind { get; }

    /// <summary><c>lr</c> (every optimizer).</summary>
    public double LearningRate { get; set; }

    /// <summary><c>momentum</c> (SGD, RMSprop).</summary>
    public double Momentum { get; set; }

    /// <summary><c>dampening</c> (SGD, with a <see cref="Momentum"/> above 0: it damps the momentum buffer).</summary>
    public double Dampening { get; set; }

    /// <summary><c>nesterov</c> (SGD).</summary>
    public bool Nesterov { get; set; }

    /// <summary><c>betas[0]</c> (Adam, AdamW).</summary>
    public double Beta1 { get; set; }

    /// <summary><c>betas[1]</c> (Adam, AdamW).</summary>
    public double Beta2 { get; set; }

    /// <summary><c>eps</c> (Adam, AdamW, RMSprop, Adagrad; SGD has none).</summary>
    public double Epsilon { get; set; }

    /// <summary><c>weight_decay</c>: an L2 penalty for SGD, Adam, RMSprop and Adagrad; decoupled decay for AdamW.</summary>
    public double WeightDecay { get; set; }

    /// <summary><c>amsgrad</c> (Adam, AdamW).</summary>
    public bool Amsgrad { get; set; }

    /// <summary><c>alpha</c>, the smoothing constant (RMSprop).</summary>
    public double Alpha { get; set; }

    /// <summary><c>centered</c> (RMSprop).</summary>
    public bool Centered { get; set; }

    /// <summary><c>lr_decay</c> (Adagrad).</summary>
    public double LearningRateDecay { get; set; }

    /// <summary><c>initial_accumulator_value</c> (Adagrad).</summary>
    public double InitialAccumulatorValue { get; set; }

    /// <summary>An L1 penalty <c>l1·sign(θ)</c> added to every gradient (every optimizer; not a PyTorch optimizer option; 0 = off).</summary>
    public double L1 { get; set; }
}
