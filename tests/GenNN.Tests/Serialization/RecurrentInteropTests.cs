using System;
using System.Linq;
using GenNN.Serialization;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using PyBridge = TorchSharp.PyBridge.PyBridgeModuleExtensions;

namespace GenNN.Tests.Serialization;

/// <summary>
/// Recurrent layers cross between generated networks and a TorchSharp model of <c>nn.LSTM</c>, <c>nn.GRU</c> and
/// <c>nn.RNN</c> modules (the <c>nn.Sequential</c>-style model of docs/pytorch-interop.md, with named modules) through
/// safetensors files written and read by the other side's own code: the same outputs, 1e-12 in double.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class RecurrentInteropTests : IDisposable
{
    private static readonly SafetensorsOptions Names = new() { LayerModules = ["lstm", "gru", "rnn", "head"] };

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_trained_recurrent_network_runs_in_TorchSharp()
    {
        using var scope = NewDisposeScope();
        var network = new SerialRecurrentNet(seed: 1);
        SerialTraining.Train(network, steps: 3, seed: 4);
        string path = _folder.File("recurrent-gennn.safetensors");
        Safetensors.Export(network, path, Names);
        using var model = new RecurrentModel();
        PyBridge.load_safetensors(model, path, strict: true);
        AssertSameOutputs(model, network);
    }

    [Fact]
    public void A_recurrent_model_from_TorchSharp_runs_in_the_generated_network()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(7);
        using var model = new RecurrentModel();
        using (no_grad())
        {
            foreach (TorchSharp.Modules.Parameter parameter in model.parameters())
            {
                parameter.uniform_(-0.5, 0.5);
            }
        }

        string path = _folder.File("recurrent-torch.safetensors");
        PyBridge.save_safetensors(model, path);
        var network = new SerialRecurrentNet();
        Safetensors.Import(network, path, Names);
        AssertSameOutputs(model, network);
    }

    [Fact]
    public void A_model_file_brings_back_a_trained_recurrent_network_exactly()
    {
        var network = new SerialRecurrentNet(seed: 2);
        SerialTraining.Train(network, steps: 3, seed: 5);
        string path = _folder.File("recurrent.gennn");
        ModelFile.Save(network, path);
        var loaded = new SerialRecurrentNet(seed: 3);
        ModelFile.Load(loaded, path);
        Assert.Equal(network.Parameters.ToArray(), loaded.Parameters.ToArray());

        double[] inputs = SerialTraining.Inputs(network, 4, seed: 6);
        var expected = new double[4 * SerialRecurrentNet.OutputSize];
        var actual = new double[4 * SerialRecurrentNet.OutputSize];
        network.ForwardBatch(inputs, expected);
        loaded.ForwardBatch(inputs, actual);
        Assert.Equal(expected, actual);
    }

    private static void AssertSameOutputs(RecurrentModel model, SerialRecurrentNet network)
    {
        const int samples = 5;
        double[] inputs = SerialTraining.Inputs(network, samples, seed: 99);
        double[] expected;
        using (no_grad())
        {
            using Tensor output = model.forward(tensor(inputs, new long[] { samples, 6, 2 }));
            expected = output.data<double>().ToArray();
        }

        var actual = new double[SerialRecurrentNet.OutputSize];
        for (int s = 0; s < samples; s++)
        {
            network.Forward(inputs.AsSpan(s * SerialRecurrentNet.InputSize, SerialRecurrentNet.InputSize), actual);
            for (int o = 0; o < actual.Length; o++)
            {
                double reference = expected[(s * SerialRecurrentNet.OutputSize) + o];
                Assert.True(Math.Abs(actual[o] - reference) <= 1e-12 * Math.Max(1, Math.Abs(reference)), $"sample {s} output {o}: TorchSharp {reference:R}, GenNN {actual[o]:R}");
            }
        }
    }

    /// <summary><see cref="SerialRecurrentNet"/> in PyTorch: the modules are named as <see cref="Names"/> names the layers.</summary>
    private sealed class RecurrentModel : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.LSTM lstm = nn.LSTM(2, 5, batchFirst: true, bidirectional: true, dtype: ScalarType.Float64);
        private readonly TorchSharp.Modules.GRU gru = nn.GRU(10, 4, batchFirst: true, dtype: ScalarType.Float64);
        private readonly TorchSharp.Modules.RNN rnn = nn.RNN(4, 3, nonLinearity: nn.NonLinearities.ReLU, batchFirst: true, dtype: ScalarType.Float64);
        private readonly TorchSharp.Modules.Linear head = nn.Linear(3, 2, dtype: ScalarType.Float64);

        public RecurrentModel()
            : base(nameof(RecurrentModel)) => RegisterComponents();

        public override Tensor forward(Tensor input)
        {
            Tensor sequence = lstm.forward(input).Item1;
            sequence = gru.forward(sequence).Item1;
            Tensor last = rnn.forward(sequence, null).Item1[.., -1, ..];
            return head.forward(last);
        }
    }
}
