using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using GenNN.IntegrationTests.GradientCheck;
using GenNN.Tests;
using Xunit;

namespace GenNN.IntegrationTests;

/// <summary>
/// This project allows unsafe code, so the generator marks the passes that declare stack scratch
/// <c>[SkipLocalsInit]</c>, which leaves it as the stack was: with the stack first filled with NaN, every pass must
/// give the bits it gives on a clean stack, so no pass reads scratch it has not written. (GenNN.Tests, which does not
/// allow unsafe code, runs the same kinds of networks with their scratch zeroed.)
/// </summary>
public sealed class UninitializedScratchTests
{
    private const int PoisonedBytes = 256 * 1024;

    /// <summary>A full block of 32 samples and a partial one.</summary>
    private const int Samples = 37;

    [Theory]
    [MemberData(nameof(GradientCheckTests.Networks), MemberType = typeof(GradientCheckTests))]
    public void Every_pass_writes_its_stack_scratch_before_reading_it(string name, ITrainableNetwork<double> network, LossFunction loss)
        => AssertSameOnPoisonedStack(name, network, loss);

    [Fact]
    public void Every_pass_of_float_networks_writes_its_stack_scratch_before_reading_it()
    {
        AssertSameOnPoisonedStack(nameof(PoisonedStackCnn), new PoisonedStackCnn(), LossFunction.CrossEntropy);
        AssertSameOnPoisonedStack(nameof(PoisonedStackRecurrent), new PoisonedStackRecurrent(), LossFunction.MeanSquaredError);
        AssertSameOnPoisonedStack(nameof(PoisonedStackDense), new PoisonedStackDense(), LossFunction.BinaryCrossEntropy);
    }

    [Fact]
    public void The_passes_with_stack_scratch_skip_zeroing_it()
    {
        // What makes the test above bite: without the attribute, the runtime would zero the scratch the poison filled.
        Assert.False(typeof(LstmLast).GetMethod(nameof(LstmLast.Forward))!.GetMethodBody()!.InitLocals);
        Assert.False(typeof(LstmLast).GetMethod(nameof(LstmLast.ComputeLoss))!.GetMethodBody()!.InitLocals);
    }

    [Fact]
    public void The_poison_reaches_a_frame_that_reads_before_writing()
    {
        // The check itself: a method reading its stackalloc before writing it sees the poison (16 KiB down, below where
        // a signal the runtime sends the thread, to suspend it for a collection, may have written since).
        Poison();
        Assert.Equal(double.NaN, ReadUnwritten());
    }

    /// <summary>
    /// Every pass of a copy of <paramref name="network"/> on a clean stack and of another on a poisoned one: the same
    /// bits, all finite.
    /// </summary>
    private static void AssertSameOnPoisonedStack<T>(string name, ITrainableNetwork<T> network, LossFunction loss)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new SeededRandom(name.Length + 300);
        var inputs = new T[Samples * network.InputSize];
        var targets = new T[Samples * network.OutputSize];
        for (int s = 0; s < Samples; s++)
        {
            (double[] input, double[] target) = GradientChecker.Sample(ref random, network.InputSize, network.OutputSize, loss);
            Array.ConvertAll(input, T.CreateChecked).CopyTo(inputs, s * network.InputSize);
            Array.ConvertAll(target, T.CreateChecked).CopyTo(targets, s * network.OutputSize);
        }

        T[] clean = Passes(Copy(network), inputs, targets, poison: false);
        T[] poisoned = Passes(Copy(network), inputs, targets, poison: true);

        Assert.All(poisoned, value => Assert.True(T.IsFinite(value), $"{name}: a pass read NaN from the stack"));
        Assert.Equal(clean, poisoned);
    }

    /// <summary>A network of the same class with the same parameters and buffers, its dropout stream from the start.</summary>
    private static ITrainableNetwork<T> Copy<T>(ITrainableNetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var copy = (ITrainableNetwork<T>)Activator.CreateInstance(network.GetType())!;
        network.Parameters.CopyTo(copy.Parameters);
        network.Buffers.CopyTo(copy.Buffers);
        return copy;
    }

    /// <summary>
    /// Forward, ComputeLoss, ForwardBatch, EvaluateBatch, Backward, AccumulateGradients and TrainBatch (stepping from the
    /// block's sums), each after poisoning the stack if asked: all their outputs, then the trained parameters and buffers.
    /// </summary>
    private static T[] Passes<T>(ITrainableNetwork<T> network, T[] inputs, T[] targets, bool poison)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var forward = new T[network.OutputSize];
        var batch = new T[Samples * network.OutputSize];
        var evaluated = new T[Samples * network.OutputSize];
        var gradients = new T[network.ParameterCount];
        var unused = default(SeededRandom);
        ReadOnlySpan<T> input = inputs.AsSpan(0, network.InputSize);
        ReadOnlySpan<T> target = targets.AsSpan(0, network.OutputSize);

        PoisonIf(poison);
        network.Forward(input, forward);
        PoisonIf(poison);
        T sampleLoss = network.ComputeLoss(input, target);
        PoisonIf(poison);
        network.ForwardBatch(inputs, batch);
        PoisonIf(poison);
        T evaluatedLoss = network.EvaluateBatch(inputs, targets, evaluated);
        PoisonIf(poison);
        T backwardLoss = network.Backward(input, target);
        T[] backwardGradients = network.Gradients.ToArray();
        network.ZeroGradients();
        PoisonIf(poison);
        T accumulatedLoss = network.AccumulateGradients(inputs, targets, gradients, ref unused);
        PoisonIf(poison);
        T trainedLoss = network.TrainBatch(inputs.AsSpan(0, 32 * network.InputSize), targets.AsSpan(0, 32 * network.OutputSize), T.CreateChecked(0.01));

        return [.. forward, sampleLoss, .. batch, evaluatedLoss, .. evaluated, backwardLoss, .. backwardGradients, accumulatedLoss, .. gradients, trainedLoss, .. network.Parameters, .. network.Buffers];
    }

    private static void PoisonIf(bool poison)
    {
        if (poison)
        {
            Poison();
        }
    }

    /// <summary>Fills the stack below the caller's frame with NaN, where the next call's frames and stackallocs will be.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Poison()
    {
        Span<double> stack = stackalloc double[PoisonedBytes / sizeof(double)];
        stack.Fill(double.NaN);
        KeepWritten(stack);
    }

    /// <summary>A use of the poisoned span the JIT cannot see through, so that the fill is not dropped as a dead store.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void KeepWritten(Span<double> stack)
    {
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    [SkipLocalsInit]
    private static double ReadUnwritten()
    {
        Span<double> scratch = stackalloc double[2048];
        return scratch[0];
    }
}
