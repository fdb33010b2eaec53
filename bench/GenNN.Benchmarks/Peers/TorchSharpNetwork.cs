using System;
using System.Collections.Generic;
using System.Linq;
using GenNN.Benchmarks.Networks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenNN.Benchmarks.Peers;

/// <summary>
/// The same network in TorchSharp (LibTorch, CPU), used the way a .NET user would: an <c>nn.Sequential</c>, tensors
/// made from and copied back to .NET arrays on every call, inference under <c>no_grad</c>, training with
/// <c>optim.SGD</c>. A softmax output trained on cross-entropy is left out of the trained model, whose logits go to
/// <c>CrossEntropyLoss</c> with class indices (PyTorch's idiom; equal to GenNN's loss for one-hot targets).
/// </summary>
public sealed class TorchSharpNetwork : IDisposable
{
    private readonly Sequential model;
    private readonly Linear[] linears;
    private readonly nn.Module<Tensor, Tensor>? logitsToProbabilities;
    private readonly nn.Module<Tensor, Tensor, Tensor> loss;
    private readonly optim.Optimizer optimizer;
    private readonly bool lossTakesClassIndices;
    private readonly int inputSize;
    private readonly int outputSize;

    public TorchSharpNetwork(IReadOnlyList<DenseLayerWeights> weights, LossFunction lossFunction, double learningRate)
    {
        inputSize = weights[0].Layer.InputSize;
        outputSize = weights[^1].Layer.OutputSize;
        lossTakesClassIndices = lossFunction == LossFunction.CrossEntropy;
        linears = weights.Select(CreateLinear).ToArray();

        var modules = new List<nn.Module<Tensor, Tensor>>();
        for (int index = 0; index < weights.Count; index++)
        {
            modules.Add(linears[index]);
            LayerDescription layer = weights[index].Layer;
            bool isOutput = index == weights.Count - 1;
            if (isOutput && layer.Activation == Activation.Softmax)
            {
                // Trained on logits (CrossEntropyLoss applies log-softmax itself); inference adds the softmax.
                if (lossTakesClassIndices)
                {
                    logitsToProbabilities = nn.Softmax(dim: 1);
                }
                else
                {
                    modules.Add(nn.Softmax(dim: 1));
                }
            }
            else if (CreateActivation(layer) is nn.Module<Tensor, Tensor> activation)
            {
                modules.Add(activation);
            }
        }

        model = nn.Sequential(modules);
        loss = lossFunction switch
        {
            LossFunction.MeanSquaredError => nn.MSELoss(),
            LossFunction.CrossEntropy => nn.CrossEntropyLoss(),
            _ => throw new NotSupportedException($"The TorchSharp peer does not train on {lossFunction}."),
        };
        optimizer = optim.SGD(model.parameters(), learningRate);
    }

    /// <summary>Computes <paramref name="batchSize"/> samples' outputs: array in, tensor, forward under no_grad, array out.</summary>
    public void Infer(float[] inputs, float[] outputs, int batchSize)
    {
        using DisposeScope scope = NewDisposeScope();
        using IDisposable noGrad = no_grad();
        Tensor input = tensor(inputs, new long[] { batchSize, inputSize });
        Tensor output = model.forward(input);
        if (logitsToProbabilities is not null)
        {
            output = logitsToProbabilities.forward(output);
        }

        output.data<float>().CopyTo(outputs);
    }

    /// <summary>
    /// One SGD step on a minibatch: zero_grad, forward, loss, backward, step. <paramref name="targets"/> holds the
    /// targets sample after sample, <paramref name="classIndices"/> the same targets as class indices (read
    /// instead for cross-entropy). Returns the mean loss before the update.
    /// </summary>
    public float TrainBatch(float[] inputs, float[] targets, long[] classIndices, int batchSize)
    {
        using DisposeScope scope = NewDisposeScope();
        optimizer.zero_grad();
        Tensor input = tensor(inputs, new long[] { batchSize, inputSize });
        Tensor target = lossTakesClassIndices ? tensor(classIndices) : tensor(targets, new long[] { batchSize, outputSize });
        Tensor batchLoss = loss.forward(model.forward(input), target);
        batchLoss.backward();
        optimizer.step();
        return batchLoss.item<float>();
    }

    /// <summary>The current parameters, per layer, <c>[out, in]</c>.</summary>
    public IReadOnlyList<DenseLayerWeights> ReadWeights(NetworkDescription description)
        => linears.Select((linear, index) => new DenseLayerWeights(
            description.Layers[index],
            linear.weight!.data<float>().ToArray(),
            linear.bias!.data<float>().ToArray())).ToList();

    public void Dispose()
    {
        optimizer.Dispose();
        loss.Dispose();
        model.Dispose();
        logitsToProbabilities?.Dispose();
    }

    private static Linear CreateLinear(DenseLayerWeights weights)
    {
        LayerDescription layer = weights.Layer;
        Linear linear = nn.Linear(layer.InputSize, layer.OutputSize);
        using IDisposable noGrad = no_grad();
        using Tensor weight = tensor(weights.OutputMajor, new long[] { layer.OutputSize, layer.InputSize });
        using Tensor bias = tensor(weights.Bias);
        linear.weight!.copy_(weight);
        linear.bias!.copy_(bias);
        return linear;
    }

    private static nn.Module<Tensor, Tensor>? CreateActivation(LayerDescription layer) => layer.Activation switch
    {
        Activation.Identity => null,
        Activation.ReLU => nn.ReLU(),
        Activation.LeakyReLU => nn.LeakyReLU(layer.NegativeSlope),
        Activation.Sigmoid => nn.Sigmoid(),
        Activation.Tanh => nn.Tanh(),
        _ => throw new NotSupportedException($"The TorchSharp peer has no {layer.Activation} layer."),
    };
}
