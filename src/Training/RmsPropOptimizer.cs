using System;
using System.Numerics;

namespace GenNN.Training;

/// <summary>
/// <c>torch.optim.RMSprop</c>: <c>g ← g + λθ</c>, <c>s ← αs + (1 − α)g²</c>; centered, <c>ḡ ← αḡ + (1 − α)g</c> and
/// <c>d = √(s − ḡ²) + ε</c>, else <c>d = √s + ε</c>; with momentum <c>b ← μb + g/d</c> and <c>θ ← θ − lr·b</c>,
/// else <c>θ ← θ − lr·g/d</c>. The momentum buffer starts at zero.
/// </summary>
internal sealed class RmsPropOptimizer<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public RmsPropOptimizer(OptimizerOptions options, int parameterCount)
        : base(options, parameterCount, StateNamesFor(options))
    {
    }

    /// <summary><c>square_avg</c>, then the momentum buffer when momentum is used, then <c>grad_avg</c> when centered.</summary>
    private static string[] StateNamesFor(OptimizerOptions options) =>
        [
            "square_avg",
            .. options.Momentum > 0 ? ["momentum_buffer"] : Array.Empty<string>(),
            .. options.Centered ? ["grad_avg"] : Array.Empty<string>(),
        ];

    private protected override void Update(Span<T> parameters, ReadOnlySpan<T> gradients, double learningRate, long step)
    {
        bool usesMomentum = Options.Momentum > 0;
        var kernel = new Kernel
        {
            L1 = Scalar(Options.L1),
            WeightDecay = Scalar(Options.WeightDecay),
            Alpha = new Vector<T>(Scalar(Options.Alpha)),
            OneMinusAlpha = new Vector<T>(Scalar(1 - Options.Alpha)),
            Epsilon = new Vector<T>(Scalar(Options.Epsilon)),
            UsesMomentum = usesMomentum,
            Momentum = new Vector<T>(Scalar(Options.Momentum)),
            Centered = Options.Centered,
            NegativeLearningRate = new Vector<T>(Scalar(-learningRate)),
        };

        int count = ParameterCount;
        Span<T> momentumBuffer = usesMomentum ? State.Slice(count, count) : Span<T>.Empty;
        Span<T> gradientAverage = Options.Centered ? State.Slice((usesMomentum ? 2 : 1) * count, count) : Span<T>.Empty;
        ApplyKernel(kernel, parameters, gradients, State.Slice(0, count), momentumBuffer, gradientAverage);
    }

    private struct Kernel : IUpdateKernel<T>
    {
        public T L1;
        public T WeightDecay;
        public Vector<T> Alpha;
        public Vector<T> OneMinusAlpha;
        public Vector<T> Epsilon;
        public bool UsesMomentum;
        public Vector<T> Momentum;
        public bool Centered;
        public Vector<T> NegativeLearningRate;

        public readonly void Update(ref Vector<T> parameter, Vector<T> gradient, ref Vector<T> squareAverage, ref Vector<T> momentumBuffer, ref Vector<T> gradientAverage)
        {
            gradient = PenalizedGradient(gradient, parameter, L1, WeightDecay);
            squareAverage = (squareAverage * Alpha) + (OneMinusAlpha * gradient * gradient);
            Vector<T> denominator;
            if (Centered)
            {
                gradientAverage = (gradientAverage * Alpha) + (gradient * OneMinusAlpha);
                denominator = Vector.SquareRoot(squareAverage - (gradientAverage * gradientAverage)) + Epsilon;
            }
            else
            {
                denominator = Vector.SquareRoot(squareAverage) + Epsilon;
            }

            if (UsesMomentum)
            {
                momentumBuffer = (momentumBuffer * Momentum) + (gradient / denominator);
                parameter += NegativeLearningRate * momentumBuffer;
            }
            else
            {
                parameter += NegativeLearningRate * gradient / denominator;
            }
        }
    }
}
