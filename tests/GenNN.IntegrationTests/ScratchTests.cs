using System;
using System.Threading;
using GenNN.IntegrationTests.Scratch;
using Xunit;

namespace GenNN.IntegrationTests;

/// <summary>
/// Scratch above 64 KiB comes from a pooled workspace, not the stack: networks whose passes need megabytes run on a
/// thread with a 256 KiB stack, and after the first call no pass allocates.
/// </summary>
public sealed class ScratchTests
{
    private const int SmallStack = 256 * 1024;

    [Fact]
    public void Wide_dropout_network_trains_on_a_small_stack()
    {
        static double Train()
        {
            var network = new WideDropoutNet(1);
            double[] inputs = { 0.5, -0.25, 1 };
            double[] targets = { 1, 0, -1 };
            network.TrainBatch(inputs, targets, 0.001);
            return network.TrainBatch(inputs, targets, 0.001);
        }

        // The stack a thread has changes nothing but whether the call survives.
        Assert.Equal(Train(), OnSmallStack(Train));
    }

    [Fact]
    public void Cnn_with_a_65536_value_map_infers_and_trains_on_a_small_stack()
    {
        (double forwardSum, double trainingLoss, double evaluatedLoss) = OnSmallStack(() =>
        {
            var network = new Cifar64Net(2);
            var random = new SeededRandom(3);
            double[] inputs = new double[2 * Cifar64Net.InputSize];
            for (int i = 0; i < inputs.Length; i++)
            {
                inputs[i] = random.NextDouble(-1, 1);
            }

            double[] targets = new double[2 * Cifar64Net.OutputSize];
            targets[3] = 1;
            targets[Cifar64Net.OutputSize + 7] = 1;
            double[] output = new double[Cifar64Net.OutputSize];
            network.Forward(inputs.AsSpan(0, Cifar64Net.InputSize), output);
            double sum = 0;
            foreach (double value in output)
            {
                sum += value;
            }

            double loss = network.TrainBatch(inputs, targets, 0.01);
            double[] outputs = new double[2 * Cifar64Net.OutputSize];
            return (sum, loss, network.EvaluateBatch(inputs, targets, outputs));
        });

        // Softmax outputs sum to one; cross-entropy of ten classes starts near ln 10.
        Assert.Equal(1.0, forwardSum, 12);
        Assert.InRange(trainingLoss, 1.0, 4.0);
        Assert.InRange(evaluatedLoss, 2.0, 8.0);
    }

    [Fact]
    public void A_pooled_workspace_holding_another_calls_values_changes_no_result()
    {
        // Cifar64Net's passes rent their scratch from the pool: the first call gets zeroed arrays, later calls get
        // the arrays the previous call left full of its values. A pass that read scratch before writing it (a sum
        // into an uncleared gradient, say) would give the first call's results only by luck of the zeros.
        var network = new Cifar64Net(6);
        (double[] output, double[] outputs, double[] gradients, double loss) Run(long seed)
        {
            var random = new SeededRandom(seed);
            double[] inputs = new double[3 * Cifar64Net.InputSize];
            for (int i = 0; i < inputs.Length; i++)
            {
                inputs[i] = random.NextDouble(-1, 1);
            }

            double[] targets = new double[3 * Cifar64Net.OutputSize];
            for (int s = 0; s < 3; s++)
            {
                targets[(s * Cifar64Net.OutputSize) + random.NextInt32(Cifar64Net.OutputSize)] = 1;
            }

            double[] output = new double[Cifar64Net.OutputSize];
            network.Forward(inputs.AsSpan(0, Cifar64Net.InputSize), output);
            double[] outputs = new double[3 * Cifar64Net.OutputSize];
            network.ForwardBatch(inputs, outputs);
            double[] gradients = new double[Cifar64Net.ParameterCount];
            double loss = network.AccumulateGradients(inputs, targets, gradients, ref random);
            return (output, outputs, gradients, loss);
        }

        var first = Run(7);
        var other = Run(8);
        var again = Run(7);

        Assert.NotEqual(first.loss, other.loss);
        Assert.Equal(first.output, again.output);
        Assert.Equal(first.outputs, again.outputs);
        Assert.Equal(first.gradients, again.gradients);
        Assert.Equal(first.loss, again.loss);
    }

    [Fact]
    public void Every_pass_of_a_cnn_allocates_nothing_after_the_first_call()
    {
        var network = new AllKindsNet(4);
        var random = new SeededRandom(5);
        float[] inputs = new float[8 * AllKindsNet.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)random.NextDouble(-1, 1);
        }

        float[] targets = new float[8 * AllKindsNet.OutputSize];
        float[] outputs = new float[8 * AllKindsNet.OutputSize];
        float[] gradients = new float[AllKindsNet.ParameterCount];
        for (int s = 0; s < 8; s++)
        {
            targets[(s * AllKindsNet.OutputSize) + (s % AllKindsNet.OutputSize)] = 1;
        }

        void RunAll()
        {
            network.Forward(inputs.AsSpan(0, AllKindsNet.InputSize), outputs.AsSpan(0, AllKindsNet.OutputSize));
            network.ForwardBatch(inputs, outputs);
            network.EvaluateBatch(inputs, targets, outputs);
            network.ComputeLoss(inputs.AsSpan(0, AllKindsNet.InputSize), targets.AsSpan(0, AllKindsNet.OutputSize));
            network.TrainStep(inputs.AsSpan(0, AllKindsNet.InputSize), targets.AsSpan(0, AllKindsNet.OutputSize), 0.01f);
            network.TrainBatch(inputs, targets, 0.01f);
            network.AccumulateGradients(inputs, targets, gradients, ref random);
        }

        RunAll();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            RunAll();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static T OnSmallStack<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
            },
            SmallStack);
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException("The work failed on the small-stack thread.", failure);
        }

        return result;
    }
}
