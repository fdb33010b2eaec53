using System;
using System.Numerics;

namespace GenNN.Training;

/// <summary>
/// <c>torch.optim.Adam</c> and <c>torch.optim.AdamW</c>. Adam adds the weight decay to the gradient (an L2 penalty);
/// AdamW first shrinks the parameters, <c>θ ← θ(1 − lr·λ)</c>, and leaves the gradient alone. Then
/// <c>m ← β₁m + (1 − β₁)g</c>, <c>v ← β₂v + (1 − β₂)g²</c> (with amsgrad <c>v̂ ← max(v̂, v)</c> takes v's place),
/// and <c>θ ← θ − (lr / (1 − β₁ᵗ))·m / (√v / √(1 − β₂ᵗ) + ε)</c>.
/// </summary>
internal sealed class AdamOptimizer<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public AdamOptimizer(OptimizerOptions options, int parameterCount)
        : base(options, parameterCount, options.Amsgrad ? ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"] : ["exp_avg", "exp_avg_sq"])
    {
    }

    private protected override void Update(Span<T> parameters, ReadOnlySpan<T> gradients, double learningRate, long step)
    {
        bool decoupled = Options.Kind == OptimizerKind.AdamW;
        double beta1 = Options.Beta1;
        double beta2 = Options.Beta2;
        var kernel = new Kernel
        {
            L1 = Scalar(Options.L1),
            L2 = decoupled ? T.Zero : Scalar(Options.WeightDecay),
            Decoupled = decoupled,
            DecayFactor = new Vector<T>(Scalar(1 - (learningRate * Options.WeightDecay))),
            Beta1 = new Vector<T>(Scalar(beta1)),
            Beta2 = new Vector<T>(Scalar(beta2)),
            OneMinusBeta1 = new Vector<T>(Scalar(1 - beta1)),
            OneMinusBeta2 = new Vector<T>(Scalar(1 - beta2)),
            Epsilon = new Vector<T>(Scalar(Options.Epsilon)),
            NegativeStepSize = new Vector<T>(Scalar(-(learningRate / (1 - Math.Pow(beta1, step))))),
            BiasCorrection2Sqrt = new Vector<T>(Scalar(Math.Sqrt(1 - Math.Pow(beta2, step)))),
            Amsgrad = Options.Amsgrad,
        };

        int count = ParameterCount;
        Span<T> maxSecondMoment = Options.Amsgrad ? State.Slice(2 * count, count) : Span<T>.Empty;
        ApplyKernel(kernel, parameters, gradients, State.Slice(0, count), State.Slice(count, count), maxSecondMoment);
    }

    private struct Kernel : IUpdateKernel<T>
    {
        public T L1;
        public T L2;
        public bool Decoupled;
        public Vector<T> DecayFactor;
        public Vector<T> Beta1;
        public Vector<T> Beta2;
        public Vector<T> OneMinusBeta1;
        public Vector<T> OneMinusBeta2;
        public Vector<T> Epsilon;
        public Vector<T> NegativeStepSize;
        public Vector<T> BiasCorrection2Sqrt;
        public bool Amsgrad;

        public readonly void Update(ref Vector<T> parameter, Vector<T> gradient, ref Vector<T> firstMoment, ref Vector<T> secondMoment, ref Vector<T> maxSecondMoment)
        {
            gradient = PenalizedGradient(gradient, parameter, L1, L2);
            if (Decoupled)
            {
                parameter *= DecayFactor;
            }

            firstMoment = (firstMoment * Beta1) + (gradient * OneMinusBeta1);
            secondMoment = (secondMoment * Beta2) + (OneMinusBeta2 * gradient * gradient);
            Vector<T> v = secondMoment;
            if (Amsgrad)
            {
                maxSecondMoment = Vector.Max(maxSecondMoment, secondMoment);
                v = maxSecondMoment;
            }

            Vector<T> denominator = (Vector.SquareRoot(v) / BiasCorrection2Sqrt) + Epsilon;
            parameter += NegativeStepSize * firstMoment / denominator;
        }
    }
}
