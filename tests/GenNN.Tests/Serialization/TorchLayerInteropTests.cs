using System;
using System.Linq;
using System.Numerics;
using GenNN.Serialization;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using PyBridge = TorchSharp.PyBridge.PyBridgeModuleExtensions;

namespace GenNN.Tests.Serialization;

/// <summary>
/// Convolution, pooling, normalization and parameterless layers cross between generated networks and the equivalent
/// <c>nn.Sequential</c> built from TorchSharp modules, through safetensors files written and read by the other side's
/// own code (TorchSharp.PyBridge, strict): parameters and BatchNorm's running statistics, made non-trivial by a few
/// training steps on the side that writes, give the same eval-mode outputs. Tolerances, relative to max(1, |output|):
/// 1e-12 in double, 1e-5 in float.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TorchLayerInteropTests : IDisposable
{
    private const int Samples = 12;
    private const int Steps = 3;

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_trained_float_cnn_runs_in_TorchSharp() => AssertExportRuns(new SerialCnn(seed: 1), Cnn, ScalarType.Float32, 1e-5);

    [Fact]
    public void A_trained_double_cnn_runs_in_TorchSharp() => AssertExportRuns(new SerialCnnDouble(seed: 1), Cnn, ScalarType.Float64, 1e-12);

    [Fact]
    public void A_float_cnn_trained_in_TorchSharp_runs_in_the_generated_network() => AssertImportRuns(new SerialCnn(), Cnn, ScalarType.Float32, 1e-5);

    [Fact]
    public void A_double_cnn_trained_in_TorchSharp_runs_in_the_generated_network() => AssertImportRuns(new SerialCnnDouble(), Cnn, ScalarType.Float64, 1e-12);

    [Fact]
    public void One_dimensional_layers_dropout_and_activation_layers_cross_both_ways()
    {
        AssertExportRuns(new SerialSignalNet(seed: 2), Signal, ScalarType.Float64, 1e-12);
        AssertImportRuns(new SerialSignalNet(), Signal, ScalarType.Float64, 1e-12);
    }

    [Fact]
    public void Average_pools_same_padding_and_global_average_pooling_cross_both_ways()
    {
        AssertExportRuns(new SerialImageNet(seed: 3), Image, ScalarType.Float32, 1e-5);
        AssertImportRuns(new SerialImageNet(), Image, ScalarType.Float32, 1e-5);
    }

    /// <summary><see cref="SerialCnn"/>'s equivalent.</summary>
    private static nn.Module<Tensor, Tensor> Cnn() => nn.Sequential(
        nn.Conv2d(2, 4, 3, padding: 1), nn.ReLU(), nn.BatchNorm2d(4), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(64, 8), nn.Tanh(), nn.LayerNorm(8), nn.Linear(8, 3), nn.Softmax(1));

    /// <summary><see cref="SerialSignalNet"/>'s equivalent.</summary>
    private static nn.Module<Tensor, Tensor> Signal() => nn.Sequential(
        nn.Conv1d(3, 4, 3, padding: 1), nn.LeakyReLU(0.2), nn.BatchNorm1d(4, momentum: 0.3), nn.MaxPool1d(2), nn.Dropout(0.25),
        nn.Conv1d(4, 4, 2, dilation: 2, groups: 2), nn.GELU(), nn.LayerNorm([4, 4], elementwise_affine: false), nn.AvgPool1d(2, stride: 1),
        nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(4, 6), nn.ELU(), nn.BatchNorm1d(6, eps: 1e-3), nn.Linear(6, 2));

    /// <summary><see cref="SerialImageNet"/>'s equivalent.</summary>
    private static nn.Module<Tensor, Tensor> Image() => nn.Sequential(
        nn.Conv2d(2, 4, 2, padding: TorchSharp.Padding.Same), nn.AvgPool2d(3, stride: 2, padding: 1), nn.Conv2d(4, 6, 3, stride: 2, padding: 1), nn.SiLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(6, 3), nn.Sigmoid());

    /// <summary>Trains <paramref name="network"/> a few steps, exports it, loads the file into TorchSharp and compares.</summary>
    private void AssertExportRuns<T>(ITrainableNetwork<T> network, Func<nn.Module<Tensor, Tensor>> build, ScalarType type, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var scope = NewDisposeScope();
        SerialTraining.Train(network, Steps, seed: 4);
        string path = _folder.File(network.Description.Name + "-gennn.safetensors");
        Safetensors.Export(network, path);

        using nn.Module<Tensor, Tensor> model = build().to(type);
        PyBridge.load_safetensors(model, path, strict: true);

        AssertSameOutputs(model, network, type, tolerance);
        foreach ((string name, Tensor buffer) in model.named_buffers().Where(b => b.name.EndsWith(".num_batches_tracked", StringComparison.Ordinal)))
        {
            Assert.True(buffer.item<long>() == Steps, $"{name}: {buffer.item<long>()}");
        }
    }

    /// <summary>
    /// Gives a TorchSharp model random parameters and running statistics (a few forward passes in training mode),
    /// saves it, imports the file and compares.
    /// </summary>
    private void AssertImportRuns<T>(INetwork<T> network, Func<nn.Module<Tensor, Tensor>> build, ScalarType type, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var scope = NewDisposeScope();
        random.manual_seed(network.ParameterCount);
        using nn.Module<Tensor, Tensor> model = build().to(type);
        using (no_grad())
        {
            // Normalization weights start at 1 and biases at 0; random ones make a swapped or dropped tensor show.
            foreach (TorchSharp.Modules.Parameter parameter in model.parameters())
            {
                parameter.uniform_(-1, 1);
            }

            model.train();
            for (int step = 0; step < Steps; step++)
            {
                model.forward(randn([8L, .. network.Description.InputShape.Select(d => (long)d)], type));
            }
        }

        string path = _folder.File(network.Description.Name + "-torch.safetensors");
        PyBridge.save_safetensors(model, path);
        Safetensors.Import(network, path);

        AssertSameOutputs(model, network, type, tolerance);
        foreach (LayerDescription layer in network.Description.Layers)
        {
            foreach (TensorDescription counter in layer.Buffers.Where(b => b.Name == "NumBatchesTracked"))
            {
                Assert.Equal(T.CreateChecked(Steps), network.Buffers[counter.Offset]);
            }
        }
    }

    /// <summary>Runs the same seeded inputs through both, TorchSharp in eval mode, and compares every output.</summary>
    private static void AssertSameOutputs<T>(nn.Module<Tensor, Tensor> model, INetwork<T> network, ScalarType type, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        model.eval();
        T[] inputs = SerialTraining.Inputs(network, Samples, seed: 99);
        long[] shape = [Samples, .. network.Description.InputShape.Select(d => (long)d)];
        T[] expected;
        using (no_grad())
        {
            using Tensor input = type == ScalarType.Float64 ? tensor((double[])(object)inputs, shape) : tensor((float[])(object)inputs, shape);
            using Tensor output = model.forward(input);
            Assert.Equal([Samples, (long)network.OutputSize], output.shape);
            expected = output.data<T>().ToArray();
        }

        var actual = new T[network.OutputSize];
        for (int s = 0; s < Samples; s++)
        {
            network.Forward(inputs.AsSpan(s * network.InputSize, network.InputSize), actual);
            for (int o = 0; o < actual.Length; o++)
            {
                double torchValue = double.CreateChecked(expected[(s * actual.Length) + o]);
                double gennnValue = double.CreateChecked(actual[o]);
                double error = Math.Abs(torchValue - gennnValue) / Math.Max(1, Math.Abs(torchValue));
                Assert.True(error <= tolerance, $"{network.Description.Name}, sample {s}, output {o}: TorchSharp {torchValue:R}, GenNN {gennnValue:R}, error {error:E2}.");
            }
        }
    }
}
