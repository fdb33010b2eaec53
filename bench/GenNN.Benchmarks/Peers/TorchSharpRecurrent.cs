using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenNN.Benchmarks.Peers;

/// <summary>
/// A recurrent layer and a dense head in TorchSharp, as a .NET user would run them: streaming one step at a time with
/// the state carried between calls (<c>nn.LSTM</c>/<c>nn.GRU</c> on a one-step sequence), and training on whole
/// sequences with <c>optim.SGD</c> and <c>MSELoss</c> on the last step's output. Weights are GenNN's starting ones.
/// </summary>
public sealed class TorchSharpRecurrent : IDisposable
{
    private readonly nn.Module recurrent;
    private readonly Linear head;
    private readonly bool isLstm;
    private readonly int steps;
    private readonly int features;
    private readonly MSELoss loss = nn.MSELoss();
    private readonly optim.Optimizer optimizer;
    private Tensor hidden;
    private Tensor cell;

    public TorchSharpRecurrent(INetwork<float> network, double learningRate)
    {
        NetworkDescription description = network.Description;
        LayerDescription layer = description.Layers[0];
        steps = layer.InputShape[0];
        features = layer.InputShape[1];
        int units = (int)layer.Setting("Units");
        isLstm = layer.Kind == "Lstm";
        recurrent = isLstm ? nn.LSTM(features, units, batchFirst: true) : nn.GRU(features, units, batchFirst: true);
        head = nn.Linear(units, 1);
        float[] parameters = network.Parameters.ToArray();
        using (no_grad())
        {
            var named = recurrent.named_parameters().ToDictionary(pair => pair.name, pair => (Tensor)pair.parameter);
            string[] names = ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"];
            for (int t = 0; t < names.Length; t++)
            {
                TensorDescription stored = layer.Tensors[t];
                using Tensor value = tensor(parameters.AsSpan(stored.Offset, stored.Length).ToArray(), stored.Shape.Select(d => (long)d).ToArray());
                named[names[t]].copy_(t < 2 ? value.t() : value);
            }

            LayerDescription dense = description.Layers[1];
            using Tensor weight = tensor(parameters.AsSpan(dense.Tensors[0].Offset, dense.Tensors[0].Length).ToArray(), new long[] { units, 1 });
            head.weight!.copy_(weight.t());
            using Tensor bias = tensor(parameters.AsSpan(dense.Tensors[1].Offset, 1).ToArray());
            head.bias!.copy_(bias);
        }

        optimizer = optim.SGD(recurrent.parameters().Concat(head.parameters()), learningRate);
        hidden = zeros(1, 1, units);
        cell = zeros(1, 1, units);
    }

    /// <summary>One streaming step: the frame in, the state carried over, the head's output out.</summary>
    public void Step(float[] frame, float[] output)
    {
        using IDisposable noGrad = no_grad();
        using Tensor input = tensor(frame, new long[] { 1, 1, features });
        Tensor next;
        if (isLstm)
        {
            (Tensor stepOutput, Tensor h, Tensor c) = ((LSTM)recurrent).forward(input, (hidden, cell));
            stepOutput.Dispose();
            hidden.Dispose();
            cell.Dispose();
            (hidden, cell) = (h, c);
            next = h;
        }
        else
        {
            (Tensor stepOutput, Tensor h) = ((GRU)recurrent).forward(input, hidden);
            stepOutput.Dispose();
            hidden.Dispose();
            hidden = h;
            next = h;
        }

        using Tensor result = head.forward(next.reshape(1, -1));
        result.data<float>().CopyTo(output);
    }

    /// <summary>One SGD step on a minibatch of sequences; returns the mean loss before the update.</summary>
    public float TrainBatch(float[] inputs, float[] targets, int batchSize)
    {
        using DisposeScope scope = NewDisposeScope();
        optimizer.zero_grad();
        Tensor x = tensor(inputs, new long[] { batchSize, steps, features });
        Tensor sequence = isLstm ? ((LSTM)recurrent).forward(x).Item1 : ((GRU)recurrent).forward(x).Item1;
        Tensor prediction = head.forward(sequence[.., -1, ..]);
        Tensor batchLoss = loss.forward(prediction, tensor(targets, new long[] { batchSize, 1 }));
        batchLoss.backward();
        optimizer.step();
        return batchLoss.item<float>();
    }

    public void Dispose()
    {
        optimizer.Dispose();
        loss.Dispose();
        recurrent.Dispose();
        head.Dispose();
        hidden.Dispose();
        cell.Dispose();
    }
}
