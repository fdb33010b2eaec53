using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenNN.Benchmarks.Peers;

/// <summary>
/// G1 in TorchSharp as a .NET user would write it: an <c>nn.Sequential</c> of Linear, GELU, Linear, SiLU and Linear
/// with GenNN's starting weights, inference under <c>no_grad</c>, training with <c>optim.SGD</c> on <c>MSELoss</c>.
/// </summary>
public sealed class TorchSharpGeluMlp : IDisposable
{
    private readonly Linear[] linears;
    private readonly Sequential model;
    private readonly MSELoss loss = nn.MSELoss();
    private readonly optim.Optimizer optimizer;
    private readonly int inputSize;
    private readonly int outputSize;

    public TorchSharpGeluMlp(INetwork<float> network, double learningRate)
    {
        NetworkDescription description = network.Description;
        float[] parameters = network.Parameters.ToArray();
        LayerDescription[] dense = description.Layers.Where(layer => layer.Tensors.Count > 0).ToArray();
        inputSize = dense[0].InputSize;
        outputSize = dense[^1].OutputSize;
        linears = dense.Select(layer => nn.Linear(layer.InputSize, layer.OutputSize)).ToArray();
        using (no_grad())
        {
            for (int i = 0; i < dense.Length; i++)
            {
                TorchSharpParameters.CopyInto(linears[i].weight!, parameters, dense[i].Tensors[0], transpose: true);
                TorchSharpParameters.CopyInto(linears[i].bias!, parameters, dense[i].Tensors[1], transpose: false);
            }
        }

        model = nn.Sequential(linears[0], nn.GELU(), linears[1], nn.SiLU(), linears[2]);
        optimizer = optim.SGD(model.parameters(), learningRate);
    }

    /// <summary>Outputs of <paramref name="batchSize"/> samples: array in, tensor, forward under no_grad, array out.</summary>
    public void Infer(float[] inputs, float[] outputs, int batchSize)
    {
        using DisposeScope scope = NewDisposeScope();
        using IDisposable noGrad = no_grad();
        model.forward(tensor(inputs, new long[] { batchSize, inputSize })).data<float>().CopyTo(outputs);
    }

    /// <summary>One SGD step: zero_grad, forward, loss, backward, step. Returns the mean loss before the update.</summary>
    public float TrainBatch(float[] inputs, float[] targets, int batchSize)
    {
        using DisposeScope scope = NewDisposeScope();
        optimizer.zero_grad();
        Tensor batchLoss = loss.forward(model.forward(tensor(inputs, new long[] { batchSize, inputSize })), tensor(targets, new long[] { batchSize, outputSize }));
        batchLoss.backward();
        optimizer.step();
        return batchLoss.item<float>();
    }

    /// <summary>The current parameters in GenNN's layout (the weights transposed back to <c>[in, out]</c>).</summary>
    public float[] ReadParameters()
    {
        using DisposeScope scope = NewDisposeScope();
        return TorchSharpParameters.Flatten(linears.SelectMany(linear => new[] { linear.weight!.t(), linear.bias! }));
    }

    public void Dispose()
    {
        optimizer.Dispose();
        loss.Dispose();
        model.Dispose();
    }
}
