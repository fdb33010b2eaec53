using System;
using System.Numerics;
using GenNN.Serialization;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using PyBridge = TorchSharp.PyBridge.PyBridgeModuleExtensions;

namespace GenNN.Tests.Serialization;

/// <summary>
/// Weights cross between TorchSharp and generated networks through safetensors files written and read by the other
/// side's own code (TorchSharp.PyBridge's <c>save_safetensors</c> / <c>load_safetensors</c>, which use
/// <c>state_dict()</c> names): the two then compute the same outputs. Tolerances: float 1e-6 absolute on outputs in
/// [−2, 2] (a few ulps of differently ordered sums); double 1e-12.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TorchSafetensorsInteropTests : IDisposable
{
    private const int Samples = 16;

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Weights_saved_by_TorchSharp_run_in_the_generated_network()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(1);
        using nn.Module<Tensor, Tensor> model = nn.Sequential(
            nn.Linear(3, 5), nn.Tanh(), nn.Linear(5, 4), nn.Tanh(), nn.Linear(4, 2), nn.Sigmoid());
        string path = _folder.File("torch.safetensors");
        PyBridge.save_safetensors(model, path);

        var network = new TanhNet();
        Safetensors.Import(network, path);

        AssertSameOutputs(model, network, ScalarType.Float32, tolerance: 1e-6);
    }

    [Fact]
    public void Weights_exported_by_the_generated_network_run_in_TorchSharp()
    {
        using var scope = NewDisposeScope();
        var network = new TanhNet(seed: 123);
        string path = _folder.File("gennn.safetensors");
        Safetensors.Export(network, path);

        using nn.Module<Tensor, Tensor> model = nn.Sequential(
            nn.Linear(3, 5), nn.Tanh(), nn.Linear(5, 4), nn.Tanh(), nn.Linear(4, 2), nn.Sigmoid());
        PyBridge.load_safetensors(model, path, strict: true);

        AssertSameOutputs(model, network, ScalarType.Float32, tolerance: 1e-6);
    }

    [Fact]
    public void Identity_layers_and_dropout_follow_the_Sequential_numbering_both_ways()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(2);
        nn.Module<Tensor, Tensor> Build() => nn.Sequential(
            nn.Linear(4, 6), nn.ReLU(), nn.Dropout(0.25), nn.Linear(6, 5), nn.Linear(5, 4), nn.LeakyReLU(0.1), nn.Linear(4, 3), nn.Softmax(1));
        using nn.Module<Tensor, Tensor> fromTorch = Build();
        string torchPath = _folder.File("torch-mixed.safetensors");
        PyBridge.save_safetensors(fromTorch, torchPath);

        var network = new MixedNet();
        Safetensors.Import(network, torchPath);
        AssertSameOutputs(fromTorch, network, ScalarType.Float32, tolerance: 1e-6);

        var exported = new MixedNet(seed: 9);
        string gennnPath = _folder.File("gennn-mixed.safetensors");
        Safetensors.Export(exported, gennnPath);
        using nn.Module<Tensor, Tensor> intoTorch = Build();
        PyBridge.load_safetensors(intoTorch, gennnPath, strict: true);
        AssertSameOutputs(intoTorch, exported, ScalarType.Float32, tolerance: 1e-6);
    }

    [Fact]
    public void Float64_weights_cross_both_ways_into_a_double_network()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        nn.Module<Tensor, Tensor> Build() => nn.Sequential(nn.Linear(20, 32), nn.ReLU(), nn.Linear(32, 3)).to(ScalarType.Float64);
        using nn.Module<Tensor, Tensor> fromTorch = Build();
        string torchPath = _folder.File("torch64.safetensors");
        PyBridge.save_safetensors(fromTorch, torchPath);

        var network = new WideDoubleNet();
        Safetensors.Import(network, torchPath);
        AssertSameOutputs(fromTorch, network, ScalarType.Float64, tolerance: 1e-12);

        var exported = new WideDoubleNet(seed: 4);
        string gennnPath = _folder.File("gennn64.safetensors");
        Safetensors.Export(exported, gennnPath);
        using nn.Module<Tensor, Tensor> intoTorch = Build();
        PyBridge.load_safetensors(intoTorch, gennnPath, strict: true);
        AssertSameOutputs(intoTorch, exported, ScalarType.Float64, tolerance: 1e-12);
    }

    /// <summary>
    /// A model trained in TorchSharp and saved with <c>save_safetensors</c>, compiled into <see cref="TorchTrainedNet"/>
    /// by <c>[Network(Weights = ...)]</c>: the same outputs as TorchSharp computes from that file, and the very values
    /// the runtime importer reads from it, BatchNorm's running statistics and batch count included.
    /// </summary>
    /// <remarks>
    /// The file was made once, by TorchSharp 0.107.0: <c>random.manual_seed(20261130)</c>, <c>nn.Sequential(nn.Linear(3, 8),
    /// nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 2))</c>, 300 Adam steps (learning rate 0.01, MSE) in training mode on
    /// batches of 16 <c>x</c> uniform in [−2, 2) with targets <c>(x0 + x1 + x2, x0·x1)</c>, then <c>save_safetensors</c>. It is
    /// committed because the generator needs it at build time.
    /// </remarks>
    [Fact]
    public void Weights_trained_in_TorchSharp_compiled_in_compute_what_TorchSharp_computes()
    {
        using var scope = NewDisposeScope();
        string path = TorchTrainedFile();
        using nn.Module<Tensor, Tensor> model = nn.Sequential(nn.Linear(3, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 2));
        PyBridge.load_safetensors(model, path, strict: true);

        var compiledIn = new TorchTrainedNet();
        AssertSameOutputs(model, compiledIn, ScalarType.Float32, tolerance: 1e-6);

        var imported = new TorchTrainedNet(seed: 1);
        Safetensors.Import(imported, path);
        Assert.Equal(imported.Parameters.ToArray(), compiledIn.Parameters.ToArray());
        Assert.Equal(imported.Buffers.ToArray(), compiledIn.Buffers.ToArray());
        Assert.Equal(300f, compiledIn.Layer2NumBatchesTracked[0]);
    }

    private static string TorchTrainedFile([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "")
        => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(thisFile)!, "CompiledWeights", "torch-trained.safetensors");

    /// <summary>Runs the same seeded random inputs through both and compares every output.</summary>
    private static void AssertSameOutputs<T>(nn.Module<Tensor, Tensor> model, INetwork<T> network, ScalarType type, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        model.eval();
        var rng = new SeededRandom(5);
        var inputs = new T[Samples * network.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = T.CreateChecked(rng.NextDouble(-2, 2));
        }

        T[] torchOutputs;
        using (no_grad())
        {
            using Tensor input = type == ScalarType.Float64
                ? tensor((double[])(object)inputs, [Samples, network.InputSize])
                : tensor((float[])(object)inputs, [Samples, network.InputSize]);
            using Tensor output = model.forward(input);
            Assert.Equal([Samples, (long)network.OutputSize], output.shape);
            torchOutputs = output.data<T>().ToArray();
        }

        var generated = new T[network.OutputSize];
        for (int s = 0; s < Samples; s++)
        {
            network.Forward(inputs.AsSpan(s * network.InputSize, network.InputSize), generated);
            for (int o = 0; o < generated.Length; o++)
            {
                double expected = double.CreateChecked(torchOutputs[(s * generated.Length) + o]);
                double actual = double.CreateChecked(generated[o]);
                Assert.True(Math.Abs(expected - actual) <= tolerance, $"Sample {s}, output {o}: TorchSharp {expected:R}, GenNN {actual:R}.");
            }
        }
    }
}
