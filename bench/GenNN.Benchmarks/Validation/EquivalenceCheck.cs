using System;
using System.Collections.Generic;
using System.Linq;
using GenNN.Benchmarks.Naive;
using GenNN.Benchmarks.Networks;
using GenNN.Benchmarks.Peers;

namespace GenNN.Benchmarks.Validation;

/// <summary>
/// Proves, before anything is timed, that every implementation computes the same thing as GenNN on the same
/// weights: outputs for one sample and for a batch of 256 (GenNN's reference being <c>Forward</c> sample by
/// sample, which its <c>ForwardBatch</c> must match too), and after one SGD step on a minibatch of 32 the loss and
/// every parameter's update. The naive network computes in double and ONNX Runtime and LibTorch sum in other
/// orders than GenNN, so values agree to float32 rounding, not bit for bit; the tolerances below allow that and
/// nothing more (a wrong sign, factor, transpose or missing term is orders of magnitude larger).
/// </summary>
public static class EquivalenceCheck
{
    /// <summary>Outputs: <c>|Δ| ≤ 1e-5 + 1e-4·|reference|</c>.</summary>
    public const double OutputAbsolute = 1e-5;

    /// <summary>See <see cref="OutputAbsolute"/>.</summary>
    public const double OutputRelative = 1e-4;

    /// <summary>
    /// Parameter updates <c>θ_after − θ_before</c>: <c>|Δ| ≤ 1e-3·max|update| of that tensor + 1e-3·|update|</c>,
    /// the scale taken per weight or bias tensor because updates are tiny where gradients are.
    /// </summary>
    public const double UpdateRelative = 1e-3;

    /// <summary>The minibatch's mean loss before the step: <c>|Δ| ≤ 1e-4·|loss|</c>.</summary>
    public const double LossRelative = 1e-4;

    /// <summary>
    /// Runs every comparison for <paramref name="peers"/>' network; throws <see cref="InvalidOperationException"/>
    /// listing them if any fails.
    /// </summary>
    /// <param name="peers">The implementations under test, built from <paramref name="createNetwork"/>'s weights.</param>
    /// <param name="createNetwork">Creates the GenNN network with the weights the peers were built from.</param>
    public static IReadOnlyList<Comparison> Verify(NetworkPeers peers, Func<ITrainableNetwork<float>> createNetwork)
    {
        var comparisons = new List<Comparison>();
        CompareInference(peers, createNetwork(), comparisons);
        CompareTraining(peers, createNetwork, comparisons);
        if (comparisons.Any(comparison => !comparison.Passed))
        {
            throw new InvalidOperationException(
                $"The implementations of {peers.Description.Name} disagree; nothing was timed.{Environment.NewLine}{string.Join(Environment.NewLine, comparisons)}");
        }

        return comparisons;
    }

    private static void CompareInference(NetworkPeers peers, ITrainableNetwork<float> network, List<Comparison> comparisons)
    {
        string name = peers.Description.Name;
        int inputSize = network.InputSize;
        int outputSize = network.OutputSize;
        BenchmarkData data = peers.Data;

        var genNN = new float[outputSize];
        network.Forward(data.Sample, genNN);
        var handWritten = new float[outputSize];
        peers.HandWritten.Forward(data.Sample, handWritten);
        var torchSharp = new float[outputSize];
        peers.TorchSharp.Infer(data.Sample, torchSharp, batchSize: 1);
        var onnxRuntime = new float[outputSize];
        peers.OnnxRuntime.Infer(data.Sample, onnxRuntime);
        double[] reference = Widen(genNN);
        comparisons.Add(Outputs($"{name} inference: naive C#", peers.Naive.Forward(data.SampleAsDouble), reference));
        comparisons.Add(Outputs($"{name} inference: hand-written C#", Widen(handWritten), reference));
        comparisons.Add(Outputs($"{name} inference: TorchSharp", Widen(torchSharp), reference));
        comparisons.Add(Outputs($"{name} inference: ONNX Runtime", Widen(onnxRuntime), reference));

        int batch = BenchmarkData.InferenceBatchSize;
        var genNNBatch = new float[batch * outputSize];
        var naiveBatch = new double[batch * outputSize];
        for (int sample = 0; sample < batch; sample++)
        {
            ReadOnlySpan<float> input = data.InferenceBatch.AsSpan(sample * inputSize, inputSize);
            network.Forward(input, genNNBatch.AsSpan(sample * outputSize, outputSize));
            peers.Naive.Forward(Widen(input)).CopyTo(naiveBatch, sample * outputSize);
        }

        var genNNForwardBatch = new float[batch * outputSize];
        network.ForwardBatch(data.InferenceBatch, genNNForwardBatch);
        var torchSharpBatch = new float[batch * outputSize];
        peers.TorchSharp.Infer(data.InferenceBatch, torchSharpBatch, batch);
        var onnxRuntimeBatch = new float[batch * outputSize];
        peers.OnnxRuntimeBatch.Infer(data.InferenceBatch, onnxRuntimeBatch);
        double[] batchReference = Widen(genNNBatch);
        comparisons.Add(Outputs($"{name} inference ×{batch}: GenNN ForwardBatch vs Forward", Widen(genNNForwardBatch), batchReference));
        comparisons.Add(Outputs($"{name} inference ×{batch}: naive C#", naiveBatch, batchReference));
        comparisons.Add(Outputs($"{name} inference ×{batch}: TorchSharp", Widen(torchSharpBatch), batchReference));
        comparisons.Add(Outputs($"{name} inference ×{batch}: ONNX Runtime", Widen(onnxRuntimeBatch), batchReference));
    }

    private static void CompareTraining(NetworkPeers peers, Func<ITrainableNetwork<float>> createNetwork, List<Comparison> comparisons)
    {
        NetworkDescription description = peers.Description;
        string name = description.Name;
        BenchmarkData.Minibatch minibatch = peers.Data.Minibatches[0];
        float learningRate = BenchmarkData.LearningRate;

        // Fresh copies: the peers' own instances are the ones the benchmarks time.
        ITrainableNetwork<float> network = createNetwork();
        double[] before = Widen(network.Parameters);
        double[] peersBefore = Widen(DenseLayerWeights.ToParameters(description, peers.Weights));
        comparisons.Add(Comparison.Of($"{name} starting weights: GenNN vs peers", peersBefore, before, absolute: 0, relative: 0));

        double genNNLoss = network.TrainBatch(minibatch.Inputs, minibatch.Targets, learningRate);
        double[] genNNUpdate = Subtract(Widen(network.Parameters), before);

        var naive = new NaiveNetwork(peers.Weights, description.Loss!.Value);
        double naiveLoss = naive.TrainBatch(minibatch.NaiveInputs, minibatch.NaiveTargets, learningRate);
        double[] naiveUpdate = Subtract(Widen(DenseLayerWeights.ToParameters(description, naive.ReadWeights(description))), before);

        using var torchSharp = new TorchSharpNetwork(peers.Weights, description.Loss!.Value, learningRate);
        double torchSharpLoss = torchSharp.TrainBatch(minibatch.Inputs, minibatch.Targets, minibatch.ClassIndices, BenchmarkData.MinibatchSize);
        double[] torchSharpUpdate = Subtract(Widen(DenseLayerWeights.ToParameters(description, torchSharp.ReadWeights(description))), before);

        comparisons.AddRange(CompareStep(description, "naive C#", genNNLoss, genNNUpdate, naiveLoss, naiveUpdate));
        comparisons.AddRange(CompareStep(description, "TorchSharp", genNNLoss, genNNUpdate, torchSharpLoss, torchSharpUpdate));
    }

    /// <summary>
    /// One SGD step of <paramref name="peer"/> against GenNN's from the same parameters: the losses, and each weight
    /// and bias tensor's update (<see cref="UpdateRelative"/>; <see cref="Verify"/> uses it, and so do the benchmarks
    /// whose peer is built for one network). Updates, not parameters after the step: at a learning rate of 0.01 a
    /// whole parameter's tolerance would hide a wrong gradient.
    /// </summary>
    public static IEnumerable<Comparison> CompareStep(
        NetworkDescription description, string peer, double genNNLoss, double[] genNNUpdate, double peerLoss, double[] peerUpdate)
    {
        yield return Comparison.Of($"{description.Name} training loss: {peer}", new[] { peerLoss }, new[] { genNNLoss }, absolute: 0, relative: LossRelative);
        foreach (LayerDescription layer in description.Layers)
        {
            foreach (TensorDescription tensor in layer.Tensors)
            {
                Range range = tensor.Offset..(tensor.Offset + tensor.Length);
                double scale = genNNUpdate[range].Max(Math.Abs);
                yield return Comparison.Of(
                    $"{description.Name} update of {layer.Name}.{tensor.Name}: {peer}", peerUpdate[range], genNNUpdate[range], UpdateRelative * scale, UpdateRelative);
            }
        }
    }

    /// <summary><paramref name="after"/> − <paramref name="before"/>, widened to double.</summary>
    public static double[] Update(ReadOnlySpan<float> after, ReadOnlySpan<float> before) => Subtract(Widen(after), Widen(before));

    private static Comparison Outputs(string what, ReadOnlySpan<double> values, ReadOnlySpan<double> reference)
        => Comparison.Of(what, values, reference, OutputAbsolute, OutputRelative);

    private static double[] Widen(ReadOnlySpan<float> values)
    {
        var widened = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            widened[i] = values[i];
        }

        return widened;
    }

    private static double[] Subtract(double[] after, double[] before) => after.Select((value, i) => value - before[i]).ToArray();
}
