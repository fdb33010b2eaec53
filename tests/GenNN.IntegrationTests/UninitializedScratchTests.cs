using System;
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

    [Theory]
    [MemberData(nameof(GradientCheckTests.Networks), MemberType = typeof(GradientCheckTests))]
    public void Every_pass_writes_its_stack_scratch_before_reading_it(string name, ITrainableNetwork<double> network, LossFunction loss)
    {
        var random = new SeededRandom(name.Length + 300);
        const int samples = 5;
        var inputs = new double[samples * network.InputSize];
        var targets = new double[samples * network.OutputSize];
        for (int s = 0; s < samples; s++)
        {
            (double[] input, double[] target) = GradientChecker.Sample(ref random, network.InputSize, network.OutputSize, loss);
            input.CopyTo(inputs, s * network.InputSize);
            target.CopyTo(targets, s * network.OutputSize);
        }

        double[] clean = Passes(network, inputs, targets, poison: false);
        double[] poisoned = Passes(network, inputs, targets, poison: true);

        Assert.All(poisoned, value => Assert.True(double.IsFinite(value), $"{name}: a pass read NaN from the stack"));
        Assert.Equal(clean, poisoned);
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

    /// <summary>Forward, ForwardBatch, Backward and AccumulateGradients, each after poisoning the stack if asked: all their outputs in one array.</summary>
    private static double[] Passes(ITrainableNetwork<double> network, double[] inputs, double[] targets, bool poison)
    {
        int samples = inputs.Length / network.InputSize;
        var forward = new double[network.OutputSize];
        var batch = new double[samples * network.OutputSize];
        var gradients = new double[network.ParameterCount];
        var unused = default(SeededRandom);
        network.ZeroGradients();

        PoisonIf(poison);
        network.Forward(inputs.AsSpan(0, network.InputSize), forward);
        PoisonIf(poison);
        network.ForwardBatch(inputs, batch);
        PoisonIf(poison);
        double loss = network.Backward(inputs.AsSpan(0, network.InputSize), targets.AsSpan(0, network.OutputSize));
        PoisonIf(poison);
        double batchLoss = network.AccumulateGradients(inputs, targets, gradients, ref unused);

        return [.. forward, .. batch, loss, .. network.Gradients, batchLoss, .. gradients];
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
