using System;
using System.Linq;
using System.Threading.Tasks;
using GenNN.IntegrationTests.GradientCheck;
using Xunit;

namespace GenNN.IntegrationTests;

/// <summary>
/// Streaming a recurrent network frame by frame (<c>Step</c> with a <c>State</c>) gives the sequence pass's output,
/// starts over after <c>Reset</c>, serves many streams at once from one instance, and allocates nothing.
/// </summary>
public sealed class StreamingTests
{
    [Fact]
    public void Stepping_through_a_sequence_ends_at_Forward_s_output()
    {
        var network = new StreamingLstm(3);
        float[] sequence = Sequence(StreamingLstm.InputSize, seed: 4);
        float[] expected = new float[StreamingLstm.OutputSize];
        network.Forward(sequence, expected);

        var state = default(StreamingLstm.State);
        float[] output = new float[StreamingLstm.OutputSize];
        for (int frame = 0; frame < 12; frame++)
        {
            network.Step(ref state, sequence.AsSpan(frame * StreamingLstm.FrameSize, StreamingLstm.FrameSize), output);
        }

        Assert.Equal(expected, output);
    }

    /// <summary>
    /// Layers of one 512-bit vector of units step their state in place (Step passes the state as both input and
    /// output), where Forward writes each step to a new row: the same bits only if every product reads h_(t−1) before
    /// a unit is written.
    /// </summary>
    [Fact]
    public void Stepping_layers_of_one_wide_vector_ends_at_Forward_s_output()
    {
        var single = new OneVectorStreamingSingle(8);
        float[] sequence = Sequence(OneVectorStreamingSingle.InputSize, seed: 9);
        float[] expected = new float[OneVectorStreamingSingle.OutputSize];
        single.Forward(sequence, expected);
        var state = default(OneVectorStreamingSingle.State);
        float[] output = new float[OneVectorStreamingSingle.OutputSize];
        for (int frame = 0; frame < 9; frame++)
        {
            single.Step(ref state, sequence.AsSpan(frame * OneVectorStreamingSingle.FrameSize, OneVectorStreamingSingle.FrameSize), output);
        }

        Assert.Equal(expected, output);

        var wide = new OneVectorStreamingDouble(8);
        double[] doubles = sequence.Select(value => (double)value).ToArray();
        double[] expectedDouble = new double[OneVectorStreamingDouble.OutputSize];
        wide.Forward(doubles, expectedDouble);
        var doubleState = default(OneVectorStreamingDouble.State);
        double[] doubleOutput = new double[OneVectorStreamingDouble.OutputSize];
        for (int frame = 0; frame < 9; frame++)
        {
            wide.Step(ref doubleState, doubles.AsSpan(frame * OneVectorStreamingDouble.FrameSize, OneVectorStreamingDouble.FrameSize), doubleOutput);
        }

        Assert.Equal(expectedDouble, doubleOutput);
    }

    [Fact]
    public void Reset_starts_a_new_stream_with_a_normalized_head_in_double()
    {
        // Stepping through a sequence, resetting, and stepping through it again gives Forward's output both times.
        var network = new StreamingGru(5);
        double[] sequence = Sequence(StreamingGru.InputSize, seed: 6).Select(value => (double)value).ToArray();
        double[] expected = new double[StreamingGru.OutputSize];
        network.Forward(sequence, expected);

        var state = default(StreamingGru.State);
        double[] first = Stream(network, ref state, sequence);
        state.Reset();
        double[] second = Stream(network, ref state, sequence);
        Assert.Equal(expected, first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Many_streams_through_one_instance_on_many_threads_give_the_single_threaded_results()
    {
        var network = new StreamingLstm(7);
        const int streams = 16;
        float[][] sequences = Enumerable.Range(0, streams).Select(stream => Sequence(StreamingLstm.InputSize, seed: 100 + stream)).ToArray();
        float[][] expected = sequences.Select(sequence =>
        {
            var output = new float[StreamingLstm.OutputSize];
            network.Forward(sequence, output);
            return output;
        }).ToArray();

        float[][] actual = new float[streams][];
        Parallel.For(0, streams, new ParallelOptions { MaxDegreeOfParallelism = 4 }, stream =>
        {
            var state = default(StreamingLstm.State);
            var output = new float[StreamingLstm.OutputSize];
            for (int frame = 0; frame < 12; frame++)
            {
                network.Step(ref state, sequences[stream].AsSpan(frame * StreamingLstm.FrameSize, StreamingLstm.FrameSize), output);
            }

            actual[stream] = output;
        });

        for (int stream = 0; stream < streams; stream++)
        {
            Assert.Equal(expected[stream], actual[stream]);
        }
    }

    [Fact]
    public void Stepping_through_per_step_layers_between_recurrent_ones_ends_at_Forward_s_output()
    {
        // Random parameters, so that LayerNorm's scale and shift are not the identity's ones and zeros.
        var network = new StreamingThroughStepLayers(11);
        Sequence(StreamingThroughStepLayers.ParameterCount, seed: 12).CopyTo(network.Parameters);
        var state = default(StreamingThroughStepLayers.State);
        float[] output = new float[StreamingThroughStepLayers.OutputSize];
        float[] expected = new float[StreamingThroughStepLayers.OutputSize];
        for (int sequence = 0; sequence < 4; sequence++)
        {
            float[] input = Sequence(StreamingThroughStepLayers.InputSize, seed: 20 + sequence);
            network.Forward(input, expected);
            state.Reset();
            for (int frame = 0; frame < 10; frame++)
            {
                network.Step(ref state, input.AsSpan(frame * StreamingThroughStepLayers.FrameSize, StreamingThroughStepLayers.FrameSize), output);
            }

            Assert.Equal(expected, output);
        }

        float[] frameValues = { 0.5f, -0.25f, 0.125f };
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            network.Step(ref state, frameValues, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Step_allocates_nothing()
    {
        var network = new StreamingLstm(9);
        var state = default(StreamingLstm.State);
        float[] frame = { 0.5f, -0.25f };
        float[] output = new float[StreamingLstm.OutputSize];
        network.Step(ref state, frame, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            network.Step(ref state, frame, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Step_checks_its_spans()
    {
        var network = new StreamingLstm(9);
        var state = default(StreamingLstm.State);
        ArgumentException error = Assert.Throws<ArgumentException>(() => network.Step(ref state, new float[3], new float[StreamingLstm.OutputSize]));
        Assert.Contains("2", error.Message, StringComparison.Ordinal);
    }

    private static double[] Stream(StreamingGru network, ref StreamingGru.State state, double[] sequence)
    {
        double[] output = new double[StreamingGru.OutputSize];
        for (int frame = 0; frame < 9; frame++)
        {
            network.Step(ref state, sequence.AsSpan(frame * StreamingGru.FrameSize, StreamingGru.FrameSize), output);
        }

        return output;
    }

    private static float[] Sequence(int length, int seed)
    {
        var random = new SeededRandom(seed);
        return Enumerable.Range(0, length).Select(_ => (float)random.NextDouble(-1, 1)).ToArray();
    }
}
