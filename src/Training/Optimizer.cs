using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Numerics;
using System.Runtime.InteropServices;

namespace GenNN.Training;

/// <summary>
/// Updates a network's parameters from their gradients with one of PyTorch's optimizers, step for step the same
/// arithmetic as <c>torch.optim</c>. All state (moments, momentum buffers, accumulators) lives in one array sized by
/// the parameter count, allocated once: a step allocates nothing.
/// </summary>
/// <typeparam name="T"><see langword="float"/> or <see langword="double"/>, as the network.</typeparam>
/// <remarks>
/// Scalar coefficients (bias corrections, step sizes) are computed in <see langword="double"/>, as Python computes
/// them; element-wise arithmetic runs in <typeparamref name="T"/>, as PyTorch's kernels do for a tensor of that type.
/// On top of PyTorch, <see cref="OptimizerOptions.L1"/> adds <c>l1·sign(θ)</c> to every gradient before the update.
/// </remarks>
public abstract class Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _state;
    private readonly ReadOnlyCollection<string> _stateNames;
    private long _stepCount;

    /// <summary>Creates an optimizer whose state is a block of <paramref name="parameterCount"/> values per name in <paramref name="stateNames"/>.</summary>
    private protected Optimizer(OptimizerOptions options, int parameterCount, string[] stateNames)
    {
        Options = options;
        ParameterCount = parameterCount;
        _stateNames = Array.AsReadOnly(stateNames);
        _state = new T[stateNames.Length * parameterCount];
        InitializeState(_state);
    }

    /// <summary>The optimizer and its hyperparameters. <see cref="OptimizerOptions.LearningRate"/> is the base rate.</summary>
    public OptimizerOptions Options { get; }

    /// <summary>The number of parameters this optimizer updates.</summary>
    public int ParameterCount { get; }

    /// <summary>
    /// Every state value in one contiguous span, in blocks of <see cref="ParameterCount"/> laid out like the
    /// parameters: SGD holds its momentum buffer (when momentum ≠ 0); Adam and AdamW <c>exp_avg</c>, <c>exp_avg_sq</c>
    /// and, with amsgrad, <c>max_exp_avg_sq</c>; RMSprop <c>square_avg</c>, then the momentum buffer (momentum &gt; 0),
    /// then <c>grad_avg</c> (centered); Adagrad <c>sum</c>. Together with <see cref="StepCount"/> and
    /// <see cref="Options"/> it is everything needed to save an optimizer and resume it exactly.
    /// </summary>
    public Span<T> State => _state;

    /// <summary>
    /// The names of <see cref="State"/>'s blocks, in order: PyTorch's keys in <c>optimizer.state[p]</c> (the
    /// <c>step</c> count aside, which is <see cref="StepCount"/>), e.g. <c>exp_avg</c>, <c>exp_avg_sq</c> for Adam.
    /// Block <c>i</c> is <c>State.Slice(i · ParameterCount, ParameterCount)</c>. Model files record them, so that a
    /// checkpoint resumes only into an optimizer that keeps the same state.
    /// </summary>
    public IReadOnlyList<string> StateNames => _stateNames;

    /// <summary>The number of steps taken (PyTorch's <c>state['step']</c>); bias corrections and decays depend on it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    public long StepCount
    {
        get => _stepCount;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _stepCount = value;
        }
    }

    /// <summary>
    /// Creates the optimizer <paramref name="options"/> describes for <paramref name="parameterCount"/> parameters,
    /// after checking its hyperparameters as PyTorch does.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A hyperparameter is out of range or is one the kind never reads (the message names it), or Nesterov momentum is
    /// asked for without momentum or with dampening.
    /// </exception>
    public static Optimizer<T> Create(OptimizerOptions options, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parameterCount);
        OptimizerOptionsValidator.Validate(options);
        return options.Kind switch
        {
            OptimizerKind.Sgd => new SgdOptimizer<T>(options, parameterCount),
            OptimizerKind.Adam or OptimizerKind.AdamW => new AdamOptimizer<T>(options, parameterCount),
            OptimizerKind.RMSprop => new RmsPropOptimizer<T>(options, parameterCount),
            OptimizerKind.Adagrad => new AdagradOptimizer<T>(options, parameterCount),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "Unknown optimizer."),
        };
    }

    /// <summary>One update with the base learning rate, <see cref="OptimizerOptions.LearningRate"/>.</summary>
    /// <inheritdoc cref="Step(Span{T}, ReadOnlySpan{T}, double)"/>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradients) => Step(parameters, gradients, Options.LearningRate);

    /// <summary>
    /// One update of <paramref name="parameters"/> from <paramref name="gradients"/> (PyTorch's <c>optimizer.step()</c>
    /// with the group's <c>lr</c> set to <paramref name="learningRate"/>, as a scheduler would).
    /// </summary>
    /// <param name="parameters">The parameters, updated in place.</param>
    /// <param name="gradients">Their gradients (already averaged over the batch and clipped); left unchanged.</param>
    /// <param name="learningRate">This step's learning rate, usually a schedule's value for the epoch.</param>
    /// <exception cref="ArgumentException">A span's length is not <see cref="ParameterCount"/>, or the learning rate is negative or not finite.</exception>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradients, double learningRate)
    {
        SpanGuard.RequireLength(parameters.Length, ParameterCount, nameof(parameters));
        SpanGuard.RequireLength(gradients.Length, ParameterCount, nameof(gradients));
        if (!double.IsFinite(learningRate) || learningRate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be finite and non-negative.");
        }

        _stepCount++;
        Update(parameters, gradients, learningRate, _stepCount);
    }

    /// <summary>Forgets everything learned: the state returns to its initial values and <see cref="StepCount"/> to 0.</summary>
    public void Reset()
    {
        InitializeState(_state);
        _stepCount = 0;
    }

    /// <summary>Sets the state's initial values: zero, except Adagrad's accumulator.</summary>
    private protected virtual void InitializeState(Span<T> state) => state.Clear();

    /// <summary>The update rule; <paramref name="step"/> counts this step (1 for the first).</summary>
    private protected abstract void Update(Span<T> parameters, ReadOnlySpan<T> gradients, double learningRate, long step);

    /// <summary>
    /// Runs <paramref name="kernel"/> over every parameter, a vector at a time; the last partial vector goes through
    /// the same kernel via zero-padded stack copies, so every element follows one code path. State spans the rule does
    /// not use are empty.
    /// </summary>
    private protected static void ApplyKernel<TKernel>(TKernel kernel, Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state0, Span<T> state1, Span<T> state2)
        where TKernel : struct, IUpdateKernel<T>
    {
        // Every span is as long as the parameters (checked by Step, or a state block of ParameterCount), so the loop
        // loads and stores through references without per-element bounds checks.
        int width = Vector<T>.Count;
        int whole = parameters.Length - (parameters.Length % width);
        bool hasState0 = !state0.IsEmpty;
        bool hasState1 = !state1.IsEmpty;
        bool hasState2 = !state2.IsEmpty;
        ref T parameter0 = ref MemoryMarshal.GetReference(parameters);
        ref T gradient0 = ref MemoryMarshal.GetReference(gradients);
        ref T state00 = ref MemoryMarshal.GetReference(state0);
        ref T state10 = ref MemoryMarshal.GetReference(state1);
        ref T state20 = ref MemoryMarshal.GetReference(state2);
        for (int i = 0; i < whole; i += width)
        {
            nuint offset = (nuint)i;
            Vector<T> parameter = Vector.LoadUnsafe(ref parameter0, offset);
            Vector<T> s0 = hasState0 ? Vector.LoadUnsafe(ref state00, offset) : default;
            Vector<T> s1 = hasState1 ? Vector.LoadUnsafe(ref state10, offset) : default;
            Vector<T> s2 = hasState2 ? Vector.LoadUnsafe(ref state20, offset) : default;
            kernel.Update(ref parameter, Vector.LoadUnsafe(ref gradient0, offset), ref s0, ref s1, ref s2);
            parameter.StoreUnsafe(ref parameter0, offset);
            if (hasState0)
            {
                s0.StoreUnsafe(ref state00, offset);
            }

            if (hasState1)
            {
                s1.StoreUnsafe(ref state10, offset);
            }

            if (hasState2)
            {
                s2.StoreUnsafe(ref state20, offset);
            }
        }

        int rest = parameters.Length - whole;
        if (rest > 0)
        {
            Span<T> padded = stackalloc T[5 * width];
            Span<T> parameterTail = padded.Slice(0, width);
            Span<T> gradientTail = padded.Slice(width, width);
            parameters.Slice(whole).CopyTo(parameterTail);
            gradients.Slice(whole).CopyTo(gradientTail);
            Span<T> state0Tail = Tail(state0, padded.Slice(2 * width, width), whole);
            Span<T> state1Tail = Tail(state1, padded.Slice(3 * width, width), whole);
            Span<T> state2Tail = Tail(state2, padded.Slice(4 * width, width), whole);
            ApplyKernel(kernel, parameterTail, gradientTail, state0Tail, state1Tail, state2Tail);
            parameterTail.Slice(0, rest).CopyTo(parameters.Slice(whole));
            CopyBack(state0Tail, state0, whole, rest);
            CopyBack(state1Tail, state1, whole, rest);
            CopyBack(state2Tail, state2, whole, rest);
        }
    }

    /// <summary>
    /// The gradient the update rule sees: the network's gradient plus the L1 penalty's subgradient <c>l1·sign(θ)</c>
    /// (0 at θ = 0) and, when <paramref name="weightDecay"/> ≠ 0, the L2 penalty's <c>weight_decay·θ</c> (PyTorch's
    /// <c>grad.add(param, alpha=weight_decay)</c>; skipped at 0, as PyTorch does).
    /// </summary>
    private protected static Vector<T> PenalizedGradient(Vector<T> gradient, Vector<T> parameter, T l1, T weightDecay)
    {
        if (l1 != T.Zero)
        {
            Vector<T> positive = Vector.ConditionalSelect(Vector.GreaterThan(parameter, Vector<T>.Zero), new Vector<T>(l1), Vector<T>.Zero);
            Vector<T> negative = Vector.ConditionalSelect(Vector.LessThan(parameter, Vector<T>.Zero), new Vector<T>(-l1), Vector<T>.Zero);
            gradient += positive + negative;
        }

        if (weightDecay != T.Zero)
        {
            gradient += parameter * new Vector<T>(weightDecay);
        }

        return gradient;
    }

    /// <summary><paramref name="value"/> in <typeparamref name="T"/>, for hyperparameters and scalar coefficients.</summary>
    private protected static T Scalar(double value) => T.CreateTruncating(value);

    /// <summary>The padded copy of a state span's tail, or an empty span for a state the rule does not use.</summary>
    private static Span<T> Tail(Span<T> state, Span<T> padded, int start)
    {
        if (state.IsEmpty)
        {
            return Span<T>.Empty;
        }

        state.Slice(start).CopyTo(padded);
        return padded;
    }

    private static void CopyBack(Span<T> tail, Span<T> state, int start, int count)
    {
        if (!state.IsEmpty)
        {
            tail.Slice(0, count).CopyTo(state.Slice(start));
        }
    }
}
