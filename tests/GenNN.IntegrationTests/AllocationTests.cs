using System;
using GenNN.IntegrationTests.GradientCheck;
using GenNN.IntegrationTests.Training;
using Xunit;

namespace GenNN.IntegrationTests;

/// <summary>
/// The hot paths allocate nothing: measured with the current thread's allocation counter after a warm-up. Isolated:
/// the gradient checks train some of the same network types, whose pooled workspaces they would hold meanwhile.
/// </summary>
[Collection(IsolatedCollection.Name)]
public sealed class AllocationTests
{
    private const int Calls = 10_000;

    [Fact]
    public void Forward_allocates_nothing()
    {
        var xor = new XorNet();
        var wide = new WideClassifier();
        float[] xorInput = { 1, 0 };
        float[] xorOutput = new float[XorNet.OutputSize];
        float[] wideInput = new float[WideClassifier.InputSize];
        float[] wideOutput = new float[WideClassifier.OutputSize];
        xor.Forward(xorInput, xorOutput);
        wide.Forward(wideInput, wideOutput);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            xor.Forward(xorInput, xorOutput);
            wide.Forward(wideInput, wideOutput);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Training_steps_allocate_nothing()
    {
        var xor = new XorNet();
        var wide = new WideClassifier();
        float[] xorInputs = { 0, 0, 0, 1, 1, 0, 1, 1 };
        float[] xorTargets = { 0, 1, 1, 0 };
        float[] wideInput = new float[WideClassifier.InputSize];
        float[] wideTarget = new float[WideClassifier.OutputSize];
        wideTarget[3] = 1;
        xor.TrainStep(xorInputs.AsSpan(0, 2), xorTargets.AsSpan(0, 1), 0.1f);
        xor.TrainBatch(xorInputs, xorTargets, 0.1f);
        wide.TrainStep(wideInput, wideTarget, 0.01f);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            xor.TrainStep(xorInputs.AsSpan(0, 2), xorTargets.AsSpan(0, 1), 0.1f);
            xor.TrainBatch(xorInputs, xorTargets, 0.1f);
            wide.TrainStep(wideInput, wideTarget, 0.01f);
            wide.ComputeLoss(wideInput, wideTarget);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Recurrent_training_allocates_nothing()
    {
        var regressor = new SequenceRegressor();
        var stack = new BidirectionalStack();
        float[] sequences = new float[32 * SequenceRegressor.InputSize];
        float[] targets = new float[32];
        double[] stackInputs = new double[5 * BidirectionalStack.InputSize];
        double[] stackTargets = new double[5 * BidirectionalStack.OutputSize];
        regressor.TrainBatch(sequences, targets, 0.01f);
        stack.TrainBatch(stackInputs, stackTargets, 0.01);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            regressor.TrainBatch(sequences, targets, 0.01f);
            stack.TrainBatch(stackInputs, stackTargets, 0.01);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
