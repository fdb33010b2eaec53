using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace GenNN.Tests.Layers;

/// <summary>
/// An independent implementation of a generated double-precision network in PyTorch (TorchSharp's functional ops and
/// autograd), built from its <see cref="NetworkDescription"/>, parameters and buffers: each layer kind as the
/// <c>torch.nn</c> module it mirrors, the loss summed over the batch as <c>AccumulateGradients</c> returns it.
/// </summary>
internal sealed class TorchNetwork : IDisposable
{
    private readonly NetworkDescription _description;
    private readonly List<Tensor[]> _tensors = new();
    private readonly List<Tensor[]> _buffers = new();

    // Recurrent layers run as PyTorch's own modules, whose parameters (in GenNN's order) are _tensors' entries.
    private readonly Dictionary<int, nn.Module> _recurrent = new();

    public TorchNetwork(INetwork<double> network)
    {
        _description = network.Description;
        double[] parameters = network.Parameters.ToArray();
        double[] buffers = network.Buffers.ToArray();
        foreach (LayerDescription layer in _description.Layers)
        {
            if (RecurrentModule(layer) is nn.Module module)
            {
                _recurrent[_tensors.Count] = module;
                _tensors.Add(CopyInto(module, layer, parameters));
                _buffers.Add(Array.Empty<Tensor>());
                continue;
            }

            _tensors.Add(layer.Tensors.Select(t => Parameter(layer, t, parameters)).ToArray());
            _buffers.Add(layer.Buffers.Select(t => tensor(buffers.AsSpan(t.Offset, t.Length).ToArray(), dtype: ScalarType.Float64).reshape(t.Shape.Select(d => (long)d).ToArray())).ToArray());
        }
    }

    /// <summary>The logits and outputs of a batch, in training or inference mode.</summary>
    public (Tensor Logits, Tensor Outputs) Forward(double[] inputs, int batch, bool training)
    {
        Tensor x = tensor(inputs, dtype: ScalarType.Float64).reshape(new long[] { batch }.Concat(_description.InputShape.Select(d => (long)d)).ToArray());
        for (int l = 0; l < _description.Layers.Count; l++)
        {
            LayerDescription layer = _description.Layers[l];
            x = _recurrent.TryGetValue(l, out nn.Module? module) ? Recurrent(layer, module, x) : Layer(layer, _tensors[l], _buffers[l], x, training);
            bool last = l == _description.Layers.Count - 1;
            if (!last && layer.Kind is "Dense" or "Conv1D" or "Conv2D" or "Activation")
            {
                x = Activate(layer.Activation, layer, x);
            }
        }

        Tensor logits = x.reshape(batch, -1);
        return (logits, Activate(_description.Layers[^1].Activation, _description.Layers[^1], logits));
    }

    /// <summary>The batch's summed loss (each sample's as GenNN defines it).</summary>
    public Tensor Loss(Tensor logits, Tensor outputs, double[] targets)
    {
        Tensor target = tensor(targets, dtype: ScalarType.Float64).reshape(outputs.shape);
        return _description.Loss switch
        {
            LossFunction.MeanSquaredError => (outputs - target).pow(2).mean(new long[] { 1 }).sum(),
            LossFunction.BinaryCrossEntropy => nn.functional.binary_cross_entropy_with_logits(logits, target, reduction: nn.Reduction.None).mean(new long[] { 1 }).sum(),
            _ => -(target * nn.functional.log_softmax(logits, 1)).sum(),
        };
    }

    /// <summary>The gradient of every parameter, in GenNN's layout (dense weights transposed back to <c>[in, out]</c>).</summary>
    public double[] Gradients()
    {
        var gradients = new double[_description.ParameterCount];
        for (int l = 0; l < _description.Layers.Count; l++)
        {
            LayerDescription layer = _description.Layers[l];
            for (int t = 0; t < layer.Tensors.Count; t++)
            {
                Tensor grad = _tensors[l][t].grad!;
                if (IsDenseWeights(layer, layer.Tensors[t]))
                {
                    grad = grad.t();
                }

                grad.contiguous().data<double>().ToArray().CopyTo(gradients, layer.Tensors[t].Offset);
            }
        }

        return gradients;
    }

    /// <summary>The running statistics after the forward passes so far, in GenNN's buffer layout.</summary>
    public double[] Buffers()
    {
        var buffers = new double[_description.BufferCount];
        for (int l = 0; l < _description.Layers.Count; l++)
        {
            for (int t = 0; t < _description.Layers[l].Buffers.Count; t++)
            {
                _buffers[l][t].data<double>().ToArray().CopyTo(buffers, _description.Layers[l].Buffers[t].Offset);
            }
        }

        return buffers;
    }

    /// <summary>Clears the parameter gradients for the next backward pass.</summary>
    public void ZeroGradients()
    {
        foreach (Tensor parameter in _tensors.SelectMany(t => t))
        {
            parameter.grad?.zero_();
        }
    }

    public void Dispose()
    {
        foreach (Tensor tensor in _tensors.Where((_, l) => !_recurrent.ContainsKey(l)).SelectMany(t => t).Concat(_buffers.SelectMany(b => b)))
        {
            tensor.Dispose();
        }

        foreach (nn.Module module in _recurrent.Values)
        {
            module.Dispose();
        }
    }

    /// <summary>Dense weights and recurrent input and hidden weights are stored input-major, the transpose of PyTorch's.</summary>
    private static bool IsDenseWeights(LayerDescription layer, TensorDescription tensor)
        => (layer.Kind == "Dense" && tensor.Name == "Weights") || tensor.Name.StartsWith("WeightIh", StringComparison.Ordinal) || tensor.Name.StartsWith("WeightHh", StringComparison.Ordinal);

    private static nn.Module? RecurrentModule(LayerDescription layer)
    {
        if (layer.Kind is not ("Lstm" or "Gru" or "SimpleRnn"))
        {
            return null;
        }

        long features = layer.InputShape[1];
        long units = (long)layer.Setting("Units");
        bool bidirectional = layer.Setting("Bidirectional") != 0;
        return layer.Kind switch
        {
            "Lstm" => nn.LSTM(features, units, batchFirst: true, bidirectional: bidirectional, dtype: ScalarType.Float64),
            "Gru" => nn.GRU(features, units, batchFirst: true, bidirectional: bidirectional, dtype: ScalarType.Float64),
            "SimpleRnn" => nn.RNN(
                features, units, nonLinearity: layer.Setting("Nonlinearity") != 0 ? nn.NonLinearities.ReLU : nn.NonLinearities.Tanh, batchFirst: true, bidirectional: bidirectional, dtype: ScalarType.Float64),
            _ => null,
        };
    }

    /// <summary>Copies GenNN's recurrent tensors into the module's parameters; returns them in GenNN's order.</summary>
    private static Tensor[] CopyInto(nn.Module module, LayerDescription layer, double[] parameters)
    {
        Dictionary<string, Tensor> named = module.named_parameters().ToDictionary(pair => pair.name, pair => (Tensor)pair.parameter);
        var ordered = new Tensor[layer.Tensors.Count];
        for (int t = 0; t < ordered.Length; t++)
        {
            TensorDescription stored = layer.Tensors[t];
            string name = stored.Name switch
            {
                string n when n.StartsWith("WeightIh", StringComparison.Ordinal) => "weight_ih_l0",
                string n when n.StartsWith("WeightHh", StringComparison.Ordinal) => "weight_hh_l0",
                string n when n.StartsWith("BiasIh", StringComparison.Ordinal) => "bias_ih_l0",
                _ => "bias_hh_l0",
            } + (stored.Name.EndsWith("Reverse", StringComparison.Ordinal) ? "_reverse" : string.Empty);
            using Tensor value = tensor(parameters.AsSpan(stored.Offset, stored.Length).ToArray(), dtype: ScalarType.Float64).reshape(stored.Shape.Select(d => (long)d).ToArray());
            using Tensor laidOut = IsDenseWeights(layer, stored) ? value.t() : value.alias();
            using (no_grad())
            {
                named[name].copy_(laidOut);
            }

            ordered[t] = named[name];
        }

        return ordered;
    }

    /// <summary>The module over the batch; without ReturnSequences, each direction's last state (PyTorch's h_n) side by side.</summary>
    private static Tensor Recurrent(LayerDescription layer, nn.Module module, Tensor x)
    {
        Tensor output = module switch
        {
            TorchSharp.Modules.LSTM lstm => lstm.forward(x).Item1,
            TorchSharp.Modules.GRU gru => gru.forward(x).Item1,
            TorchSharp.Modules.RNN rnn => rnn.forward(x, null).Item1,
            _ => throw new NotSupportedException(layer.Kind),
        };
        if (layer.Setting("ReturnSequences") != 0)
        {
            return output;
        }

        long units = (long)layer.Setting("Units");
        Tensor forward = output[.., -1, ..(int)units];
        return layer.Setting("Bidirectional") == 0 ? forward : cat(new[] { forward, output[.., 0, (int)units..] }, 1);
    }

    private static Tensor Parameter(LayerDescription layer, TensorDescription stored, double[] parameters)
    {
        Tensor value = tensor(parameters.AsSpan(stored.Offset, stored.Length).ToArray(), dtype: ScalarType.Float64).reshape(stored.Shape.Select(d => (long)d).ToArray());
        if (IsDenseWeights(layer, stored))
        {
            value = value.t().contiguous();
        }

        return value.requires_grad_(true);
    }

    private static Tensor Layer(LayerDescription layer, Tensor[] tensors, Tensor[] buffers, Tensor x, bool training)
    {
        long Setting(string name) => (long)layer.Setting(name);
        switch (layer.Kind)
        {
            case "Dense":
                return nn.functional.linear(x, tensors[0], tensors[1]);
            case "Conv1D":
                return nn.functional.conv1d(
                    nn.functional.pad(x, new[] { Setting("PaddingBefore"), Setting("PaddingAfter") }), tensors[0], tensors[1], Setting("Stride"), 0, Setting("Dilation"), Setting("Groups"));
            case "Conv2D":
                long before = Setting("PaddingBefore");
                long after = Setting("PaddingAfter");
                return nn.functional.conv2d(
                    nn.functional.pad(x, new[] { before, after, before, after }),
                    tensors[0],
                    tensors[1],
                    new[] { Setting("Stride"), Setting("Stride") },
                    new long[] { 0, 0 },
                    new[] { Setting("Dilation"), Setting("Dilation") },
                    Setting("Groups"));
            case "MaxPool1D":
                return nn.functional.max_pool1d(x, Setting("KernelSize"), Setting("Stride"), Setting("Padding"));
            case "AvgPool1D":
                return nn.functional.avg_pool1d(x, Setting("KernelSize"), Setting("Stride"), Setting("Padding"));
            case "MaxPool2D":
                return nn.functional.max_pool2d(x, new[] { Setting("KernelSize"), Setting("KernelSize") }, new[] { Setting("Stride"), Setting("Stride") }, new[] { Setting("Padding"), Setting("Padding") });
            case "AvgPool2D":
                return nn.functional.avg_pool2d(x, new[] { Setting("KernelSize"), Setting("KernelSize") }, new[] { Setting("Stride"), Setting("Stride") }, new[] { Setting("Padding"), Setting("Padding") });
            case "GlobalAveragePool":
                return x.flatten(2).mean(new long[] { 2 });
            case "Flatten":
                return x.flatten(1);
            case "Transpose":
                return x.transpose(1, 2);
            case "BatchNorm":
                return nn.functional.batch_norm(x, buffers[0], buffers[1], tensors[0], tensors[1], training, layer.Setting("Momentum"), layer.Setting("Epsilon"));
            case "LayerNorm":
                long[] normalized = layer.OutputShape.Skip(layer.OutputShape.Count - (int)Setting("NormalizedDimensions")).Select(d => (long)d).ToArray();
                return tensors.Length == 0
                    ? nn.functional.layer_norm(x, normalized, null, null, layer.Setting("Epsilon"))
                    : nn.functional.layer_norm(x, normalized, tensors[0], tensors[1], layer.Setting("Epsilon"));
            case "Activation":
            case "Dropout":
                return x;
            default:
                throw new NotSupportedException(layer.Kind);
        }
    }

    /// <summary>PyTorch's functional form of <paramref name="activation"/>, with <paramref name="layer"/>'s slope or alpha.</summary>
    internal static Tensor Activate(Activation activation, LayerDescription layer, Tensor z) => activation switch
    {
        Activation.Identity => z,
        Activation.ReLU => nn.functional.relu(z),
        Activation.LeakyReLU => nn.functional.leaky_relu(z, layer.Setting("NegativeSlope")),
        Activation.Sigmoid => nn.functional.sigmoid(z),
        Activation.Tanh => nn.functional.tanh(z),
        Activation.Softmax => nn.functional.softmax(z, 1),
        Activation.ELU => nn.functional.elu(z, layer.Setting("Alpha")),
        Activation.GELU => nn.functional.gelu(z),
        Activation.GELUTanh => nn.functional.gelu(z, TorchSharp.Modules.GELU.Approximate.tanh),
        Activation.SiLU => nn.functional.silu(z),
        _ => nn.functional.softplus(z),
    };
}
