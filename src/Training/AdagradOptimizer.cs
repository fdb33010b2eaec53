using System;
using System.Numerics;

namespace GenNN.Training;

/// <summary>
/// <c>torch.optim.Adagrad</c>: <c>g ← g + λθ</c>, <c>clr = lr / (1 + (t − 1)·lr_decay)</c>, <c>s ← s + g²</c> (s starts
/// at <c>initial_accumulator_value</c>), <c>θ ← θ − clr·g / (√s + ε)</c>.
/// </summary>
internal sealed class AdagradOptimizer<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public AdagradOptimizer(OptimizerOptions options, int parameterCount)
        : base(options, parameterCount, ["sum"])
    {
    }

    private protected override void InitializeState(Span<T> state) => state.Fill(Scalar(Options.InitialAccumulatorValue));

    private protected override void Update(Span<T> parameters, ReadOnlySpan<T> gradients, double learningRate, long step)
    {
        var kernel = new Kernel
        {
            L1 = Scalar(Options.L1),
            WeightDecay = Scalar(Options.WeightDecay),
            Epsilon = new Vector<T>(Scalar(Options.Epsilon)),
            NegativeLearningRate = new Vector<T>(Scalar(-(learningRate / (1 + ((step - 1) * Options.LearningRateDecay))))),
        };
        ApplyKernel(kernel, parameters, gradients, State, Span<T>.Empty, Span<T>.Empty);
    }

    private struct Kernel : IUpdateKernel<T>
    {
        public T L1;
        public T WeightDecay;
        public Vector<T> Epsilon;
        public Vector<T> NegativeLearningRate;

        public readonly void Update(ref Vector<T> parameter, Vector<T> gradient, ref Vector<T> sum, ref Vector<T> unused1, ref Vector<T> unused2)
        {
            gradient = PenalizedGradient(gradient, parameter, L1, WeightDecay);
            sum += gradient * gradient;
            parameter += NegativeLearningRate * gradient / (Vector.SquareRoot(sum) + Epsilon);
        }
    }
}
