using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenNN.Benchmarks.Peers;

/// <summary>
/// C1 in TorchSharp as a .NET user would write it: an <c>nn.Sequential</c> of Conv2d, ReLU, MaxPool2d, Flatten and
/// Linear with GenNN's starting weights, inference under <c>no_grad</c>, training with <c>optim.SGD</c> on logits and
/// <c>CrossEntropyLoss</c> with class indices.
/// </summary>
public sealed class TorchSharpCnn : IDisposable
{
    private readonly Conv2d first;
    private readonly Conv2d second;
    private readonly Linear classifier;
    private readonly Sequential model;
    private readonly CrossEntropyLoss loss = nn.CrossEntropyLoss();
    private readonly optim.Optimizer optimizer;

    public TorchSharpCnn(INetwork<float> network, double learningRate)
    {
        NetworkDescription description = network.Description;
        float[] parameters = network.Parameters.ToArray();
        first = nn.Conv2d(1, 8, 3);
        second = nn.Conv2d(8, 16, 3);
        classifier = nn.Linear(400, 10);
        using (no_grad())
        {
            TorchSharpParameters.CopyInto(first.weight!, parameters, description.Layers[0].Tensors[0], transpose: false);
            TorchSharpParameters.CopyInto(first.bias!, parameters, description.Layers[0].Tensors[1], transpose: false);
            TorchSharpParameters.CopyInto(second.weight!, parameters, description.Layers[2].Tensors[0], transpose: false);
            TorchSharpParameters.CopyInto(second.bias!, parameters, description.Layers[2].Tensors[1], transpose: false);
            TorchSharpParameters.CopyInto(classifier.weight!, parameters, description.Layers[5].Tensors[0], transpose: true);
            TorchSharpParameters.CopyInto(classifier.bias!, parameters, description.Layers[5].Tensors[1], transpose: false);
        }

        model = nn.Sequential(first, nn.ReLU(), nn.MaxPool2d(2), second, nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), classifier);
        optimizer = optim.SGD(model.parameters(), learningRate);
    }

    /// <summary>Class probabilities of <paramref name="batchSize"/> images: array in, tensor, forward and softmax under no_grad, array out.</summary>
    public void Infer(float[] inputs, float[] outputs, int batchSize)
    {
        using DisposeScope scope = NewDisposeScope();
        using IDisposable noGrad = no_grad();
        Tensor output = nn.functional.softmax(model.forward(tensor(inputs, new long[] { batchSize, 1, 28, 28 })), 1);
        output.data<float>().CopyTo(outputs);
    }

    /// <summary>One SGD step: zero_grad, forward, loss, backward, step. Returns the mean loss before the update.</summary>
    public float TrainBatch(float[] inputs, long[] classIndices, int batchSize)
    {
        using DisposeScope scope = NewDisposeScope();
        optimizer.zero_grad();
        Tensor batchLoss = loss.forward(model.forward(tensor(inputs, new long[] { batchSize, 1, 28, 28 })), tensor(classIndices));
        batchLoss.backward();
        optimizer.step();
        return batchLoss.item<float>();
    }

    /// <summary>The current parameters in GenNN's layout (the dense weights transposed back to <c>[in, out]</c>).</summary>
    public float[] ReadParameters()
    {
        using DisposeScope scope = NewDisposeScope();
        return TorchSharpParameters.Flatten([first.weight!, first.bias!, second.weight!, second.bias!, classifier.weight!.t(), classifier.bias!]);
    }

    public void Dispose()
    {
        optimizer.Dispose();
        loss.Dispose();
        model.Dispose();
    }
}
