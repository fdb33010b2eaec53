using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using GenNN.Onnx;
using Microsoft.ML.OnnxRuntime;
using Xunit;
using Xunit.Abstractions;

namespace GenNN.Tests.Onnx;

/// <summary>
/// Exports a network of every layer kind and option (<c>OnnxLayerNetworks.cs</c>) in float and in double, runs it in
/// ONNX Runtime, and compares with the network's <c>ForwardBatch</c> (<see cref="OnnxRuntimeComparison"/>). Each test
/// writes the agreement it measured to the test output.
/// </summary>
public sealed class OnnxLayerExportTests(ITestOutputHelper output)
{
    private const int BatchSize = 7;

    /// <summary>Points in each activation's tails and around Softplus's threshold (20), ahead of wide random inputs.</summary>
    private static readonly double[] TailInputs =
    {
        0, 1e-3, -1e-3, 0.5, -0.5, 5, -5, 19.5, 20, 20.25, 20.5, 21, 25, -20.5, 30, -30, 88.5, -88.5, 100, -100,
    };

    /// <summary>The activation-layer networks by name, for <see cref="Activation_layer_as_the_output_matches_ForwardBatch_in_its_tails"/>.</summary>
    private static readonly Dictionary<string, Func<object>> ActivationLayers = new()
    {
        [nameof(OnnxIdentityLayer)] = () => new OnnxIdentityLayer(),
        [nameof(OnnxReLULayer)] = () => new OnnxReLULayer(),
        [nameof(OnnxLeakyReLULayer)] = () => new OnnxLeakyReLULayer(),
        [nameof(OnnxSigmoidLayer)] = () => new OnnxSigmoidLayer(),
        [nameof(OnnxTanhLayer)] = () => new OnnxTanhLayer(),
        [nameof(OnnxSoftmaxLayer)] = () => new OnnxSoftmaxLayer(),
        [nameof(OnnxELULayer)] = () => new OnnxELULayer(),
        [nameof(OnnxGELULayer)] = () => new OnnxGELULayer(),
        [nameof(OnnxGELUTanhLayer)] = () => new OnnxGELUTanhLayer(),
        [nameof(OnnxSiLULayer)] = () => new OnnxSiLULayer(),
        [nameof(OnnxSoftplusLayer)] = () => new OnnxSoftplusLayer(),
        [nameof(OnnxIdentityDoubleLayer)] = () => new OnnxIdentityDoubleLayer(),
        [nameof(OnnxReLUDoubleLayer)] = () => new OnnxReLUDoubleLayer(),
        [nameof(OnnxLeakyReLUDoubleLayer)] = () => new OnnxLeakyReLUDoubleLayer(),
        [nameof(OnnxSigmoidDoubleLayer)] = () => new OnnxSigmoidDoubleLayer(),
        [nameof(OnnxTanhDoubleLayer)] = () => new OnnxTanhDoubleLayer(),
        [nameof(OnnxSoftmaxDoubleLayer)] = () => new OnnxSoftmaxDoubleLayer(),
        [nameof(OnnxELUDoubleLayer)] = () => new OnnxELUDoubleLayer(),
        [nameof(OnnxGELUTanhDoubleLayer)] = () => new OnnxGELUTanhDoubleLayer(),
        [nameof(OnnxSiLUDoubleLayer)] = () => new OnnxSiLUDoubleLayer(),
        [nameof(OnnxSoftplusDoubleLayer)] = () => new OnnxSoftplusDoubleLayer(),
    };

    public static IEnumerable<object[]> ActivationLayerNames => ActivationLayers.Keys.Select(name => new object[] { name });

    [Fact]
    public void Conv2D_with_stride_same_padding_dilation_groups_and_depthwise_then_pools_matches_ForwardBatch()
        => Check(Randomized<OnnxConvImageNet, float>(new OnnxConvImageNet()));

    [Fact]
    public void Conv2D_with_stride_same_padding_dilation_groups_and_depthwise_then_pools_matches_ForwardBatch_in_double()
        => Check(Randomized<OnnxConvImageDoubleNet, double>(new OnnxConvImageDoubleNet()));

    [Fact]
    public void Conv1D_with_same_padding_even_kernel_and_depthwise_then_pools_matches_ForwardBatch()
        => Check(Randomized<OnnxConvSignalNet, float>(new OnnxConvSignalNet()));

    [Fact]
    public void Conv1D_with_same_padding_even_kernel_and_depthwise_then_pools_matches_ForwardBatch_in_double()
        => Check(Randomized<OnnxConvSignalDoubleNet, double>(new OnnxConvSignalDoubleNet()));

    [Fact]
    public void Softmax_head_on_a_convolution_spans_the_whole_output()
        => Check(Randomized<OnnxConvSoftmaxNet, float>(new OnnxConvSoftmaxNet()));

    [Fact]
    public void BatchNorm_on_images_and_features_uses_the_trained_running_statistics()
        => Check(Trained<OnnxBatchNormImageNet, float>(new OnnxBatchNormImageNet()));

    [Fact]
    public void BatchNorm_on_images_and_features_uses_the_trained_running_statistics_in_double()
        => Check(Trained<OnnxBatchNormImageDoubleNet, double>(new OnnxBatchNormImageDoubleNet()));

    [Fact]
    public void BatchNorm_on_signals_and_as_the_last_layer_matches_ForwardBatch()
        => Check(Trained<OnnxBatchNormSignalNet, float>(new OnnxBatchNormSignalNet()));

    [Fact]
    public void BatchNorm_on_signals_and_as_the_last_layer_matches_ForwardBatch_in_double()
        => Check(Trained<OnnxBatchNormSignalDoubleNet, double>(new OnnxBatchNormSignalDoubleNet()));

    [Fact]
    public void LayerNorm_over_one_and_all_dimensions_with_and_without_affine_matches_ForwardBatch()
        => Check(Randomized<OnnxLayerNormSignalNet, float>(new OnnxLayerNormSignalNet()));

    [Fact]
    public void LayerNorm_over_one_and_all_dimensions_with_and_without_affine_matches_ForwardBatch_in_double()
        => Check(Randomized<OnnxLayerNormSignalDoubleNet, double>(new OnnxLayerNormSignalDoubleNet()));

    [Fact]
    public void LayerNorm_over_images_and_as_the_last_layer_matches_ForwardBatch()
        => Check(Randomized<OnnxLayerNormImageNet, float>(new OnnxLayerNormImageNet()));

    [Fact]
    public void LayerNorm_without_affine_gets_a_scale_and_bias_of_the_normalized_shape()
    {
        // LayerNormalization's Scale and B have the normalized shape; a shorter suffix would broadcast to the same
        // outputs in ONNX Runtime, so the shapes are read from the model itself. Layer 2 normalizes [3, 4] of [2, 3, 4].
        IReadOnlyDictionary<string, long[]> shapes = OnnxInitializerShapes.Of(OnnxRuntimeComparison.Export(new OnnxLayerNormImageNet()));

        Assert.Equal([3L, 4L], shapes["Layer2.Ones"]);
        Assert.Equal([3L, 4L], shapes["Layer2.Zeros"]);
    }

    [Fact]
    public void LayerNorm_over_images_and_as_the_last_layer_matches_ForwardBatch_in_double()
        => Check(Randomized<OnnxLayerNormImageDoubleNet, double>(new OnnxLayerNormImageDoubleNet()));

    [Fact]
    public void Every_activation_inside_a_network_matches_ForwardBatch()
        => Check(Randomized<OnnxActivationChainNet, float>(new OnnxActivationChainNet()));

    [Fact]
    public void Every_activation_inside_a_network_matches_ForwardBatch_in_double()
        => Check(Randomized<OnnxActivationChainDoubleNet, double>(new OnnxActivationChainDoubleNet()));

    [Theory]
    [MemberData(nameof(ActivationLayerNames))]
    public void Activation_layer_as_the_output_matches_ForwardBatch_in_its_tails(string name)
    {
        switch (ActivationLayers[name]())
        {
            case INetwork<float> network:
                output.WriteLine(OnnxRuntimeComparison.AssertMatchesForwardBatch(network, TailAndWideInputs<float>(network.InputSize)).ToString());
                break;
            case INetwork<double> network:
                output.WriteLine(OnnxRuntimeComparison.AssertMatchesForwardBatch(network, TailAndWideInputs<double>(network.InputSize)).ToString());
                break;
        }
    }

    [Fact]
    public void GELU_in_double_matches_ForwardBatch_to_the_precision_of_a_float_erf()
    {
        // ONNX Runtime has no double Erf, so the export computes erf alone in float: GELU's error is 0.5·|x|·Δerf,
        // Δerf up to about a float's step at 1 (6e-8), largest where erf saturates in float but not in double.
        var network = new OnnxGELUDoubleLayer();
        double[] inputs = TailAndWideInputs<double>(OnnxGELUDoubleLayer.InputSize);
        output.WriteLine(OnnxRuntimeComparison.AssertMatchesForwardBatch(network, inputs, relativeTolerance: 1e-7, absoluteTolerance: 5e-7).ToString());
    }

    [Fact]
    public void Empty_batch_runs_through_reshapes_and_im2col()
    {
        // Reshapes and transposes move the batch dimension through the graph; none may assume a sample.
        AssertEmptyBatchRuns(new OnnxConvImageNet());
        AssertEmptyBatchRuns(new OnnxConvImageDoubleNet());
    }

    private static void AssertEmptyBatchRuns<T>(INetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var session = new InferenceSession(OnnxRuntimeComparison.Export(network));
        using var input = OrtValue.CreateTensorValueFromMemory(Array.Empty<T>(), new long[] { 0, network.InputSize });
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results = session.Run(
            runOptions, new[] { OnnxExporter.InputName }, new[] { input }, new[] { OnnxExporter.OutputName });
        Assert.Equal(new long[] { 0, network.OutputSize }, results[0].GetTensorTypeAndShape().Shape);
    }

    private static TNetwork Randomized<TNetwork, T>(TNetwork network)
        where TNetwork : INetwork<T>
        where T : unmanaged, IFloatingPointIeee754<T>
        => OnnxRuntimeComparison.Randomized<TNetwork, T>(network);

    /// <summary>
    /// Random parameters, then a few training steps on inputs of mean 1 and spread 3, so that every BatchNorm's running
    /// mean and variance are far from their initial zeros and ones.
    /// </summary>
    private static TNetwork Trained<TNetwork, T>(TNetwork network)
        where TNetwork : ITrainableNetwork<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Randomized<TNetwork, T>(network);
        const int TrainingBatch = 16;
        for (int step = 0; step < 5; step++)
        {
            T[] inputs = OnnxRuntimeComparison.Inputs<T>(TrainingBatch * network.InputSize, range: 3, seed: step);
            for (int i = 0; i < inputs.Length; i++)
            {
                inputs[i] += T.One;
            }

            T[] targets = OnnxRuntimeComparison.Inputs<T>(TrainingBatch * network.OutputSize, range: 1, seed: 100 + step);
            network.TrainBatch(inputs, targets, T.CreateTruncating(0.01));
        }

        NetworkDescription description = network.Description;
        Span<T> buffers = network.Buffers;
        IEnumerable<TensorDescription> runningStatistics = description.Layers
            .SelectMany(layer => layer.Buffers)
            .Where(tensor => tensor.Name is "RunningMean" or "RunningVariance");
        foreach (TensorDescription statistics in runningStatistics)
        {
            T initial = statistics.Name == "RunningMean" ? T.Zero : T.One;
            foreach (T value in buffers.Slice(statistics.Offset, statistics.Length))
            {
                Assert.True(T.Abs(value - initial) > T.CreateTruncating(1e-3), $"{statistics.Name} still holds its initial {initial}");
            }
        }

        return network;
    }

    /// <summary><see cref="TailInputs"/>, then uniform inputs in [−40, 40], for <see cref="BatchSize"/> samples.</summary>
    private static T[] TailAndWideInputs<T>(int inputSize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] inputs = OnnxRuntimeComparison.Inputs<T>(BatchSize * inputSize, range: 40);
        for (int i = 0; i < TailInputs.Length; i++)
        {
            inputs[i] = T.CreateTruncating(TailInputs[i]);
        }

        return inputs;
    }

    [Fact]
    public void Recurrent_layers_stacked_and_bidirectional_match_ForwardBatch()
        => Check(Randomized<OnnxRecurrentNet, float>(new OnnxRecurrentNet()));

    [Fact]
    public void A_bidirectional_gru_returning_its_last_states_matches_ForwardBatch()
        => Check(Randomized<OnnxBidirectionalGruNet, float>(new OnnxBidirectionalGruNet()));

    [Fact]
    public void A_bidirectional_rnn_feeding_an_lstm_matches_ForwardBatch()
        => Check(Randomized<OnnxRnnThenLstmNet, float>(new OnnxRnnThenLstmNet()));

    [Fact]
    public void Transposes_between_convolutions_and_recurrent_layers_match_ForwardBatch()
        => Check(Randomized<OnnxTransposeNet, float>(new OnnxTransposeNet()));

    [Fact]
    public void Recurrent_layers_in_double_run_in_ONNX_Runtime_to_float_precision()
    {
        // ONNX Runtime 1.31 has no double RNN, LSTM or GRU kernel (a double graph failed to load): the export casts
        // around each recurrent node and rounds its weights, so the agreement is float's, as for GELU's erf.
        foreach (INetwork<double> network in new INetwork<double>[] { Randomized<OnnxRecurrentDoubleNet, double>(new()), Randomized<OnnxBidirectionalGruDoubleNet, double>(new()) })
        {
            double[] inputs = OnnxRuntimeComparison.Inputs<double>(BatchSize * network.InputSize, range: 2);
            output.WriteLine(OnnxRuntimeComparison.AssertMatchesForwardBatch(network, inputs, relativeTolerance: 1e-5, absoluteTolerance: 1e-6).ToString());
        }
    }

    private void Check<T>(INetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] inputs = OnnxRuntimeComparison.Inputs<T>(BatchSize * network.InputSize, range: 2);
        output.WriteLine(OnnxRuntimeComparison.AssertMatchesForwardBatch(network, inputs).ToString());
    }
}
