using System;
using System.Numerics;

namespace GenNN.Training;

/// <summary>
/// <c>torch.optim.SGD</c>: <c>g ← g + λθ</c>; with momentum <c>b ← g</c> on the first step, then
/// <c>b ← μb + (1 − dampening)g</c>, and <c>g ← g + μb</c> (Nesterov) or <c>g ← b</c>; finally <c>θ ← θ − lr·g</c>.
/// </summary>
internal sealed class SgdOptimizer<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public SgdOptimizer(OptimizerOptions options, int parameterCount)
        : base(options, parameterCount, options.Momentum != 0 ? ["momentum_buffer"] : [])
    {
    }

    private protected override void Update(Span<T> parameters, ReadOnlySpan<T> gradients, double learningRate, long step)
    {
        var kernel = new Kernel
        {
            L1 = Scalar(Options.L1),
            WeightDecay = Scalar(Options.WeightDecay),
            NegativeLearningRate = new Vector<T>(Scalar(-learningRate)),
            UsesMomentum = Options.Momentum != 0,

            // PyTorch creates the buffer as a copy of the first gradient: the first step has no dampening.
            FirstStep = step == 1,
            Nesterov = Options.Nesterov,
            Momentum = new Vector<T>(Scalar(Options.Momentum)),
            Undamped = new Vector<T>(Scalar(1 - Options.Dampening)),
        };
        ApplyKernel(kernel, parameters, gradients, State, Span<T>.Empty, Span<T>.Empty);
    }

    private struct Kernel : IUpdateKernel<T>
    {
        public T L1;
        public T WeightDecay;
        public Vector<T> NegativeLearningRate;
        public bool UsesMomentum;
        public bool FirstStep;
        public bool Nesterov;
        public Vector<T> Momentum;
        public Vector<T> Undamped;

        public readonly void Update(ref Vector<T> parameter, Vector<T> gradient, ref Vector<T> buffer, ref Vector<T> unused1, ref Vector<T> unused2)
        {
            Vector<T> direction = PenalizedGradient(gradient, parameter, L1, WeightDecay);
            if (UsesMomentum)
            {
                Vector<T> velocity = FirstStep ? direction : (buffer * Momentum) + (direction * Undamped);
                buffer = velocity;
                direction = Nesterov ? direction + (velocity * Momentum) : velocity;
            }

            parameter += NegativeLearningRate * direction;
        }
    }
}
