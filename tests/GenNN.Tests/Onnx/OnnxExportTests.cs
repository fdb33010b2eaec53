using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using GenNN.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;

namespace GenNN.Tests.Onnx;

/// <summary>
/// Loads GenNN's ONNX export in ONNX Runtime and checks that it computes what the generated Forward computes.
/// Tolerances: float32 outputs agree within 1e-5 relative (plus 1e-6 absolute near zero), since ONNX Runtime's
/// Gemm sums in another order than the generated code; double outputs within 1e-12 relative.
/// </summary>
public sealed class OnnxExportTests
{
    private const int BatchSize = 7;

    [Fact]
    public void Tanh_regressor_with_identity_output_matches_Forward()
        => AssertOnnxRuntimeMatchesForward(Randomized<OnnxTanhRegressor, float>(new OnnxTanhRegressor()), relativeTolerance: 1e-5, absoluteTolerance: 1e-6);

    [Fact]
    public void ReLU_regressor_with_square_layer_matches_Forward()
        => AssertOnnxRuntimeMatchesForward(Randomized<OnnxReluRegressor, float>(new OnnxReluRegressor()), relativeTolerance: 1e-5, absoluteTolerance: 1e-6);

    [Fact]
    public void Softmax_classifier_with_LeakyReLU_matches_Forward()
        => AssertOnnxRuntimeMatchesForward(Randomized<OnnxSoftmaxClassifier, float>(new OnnxSoftmaxClassifier()), relativeTolerance: 1e-5, absoluteTolerance: 1e-6);

    [Fact]
    public void Double_network_with_LeakyReLU_dropout_and_sigmoid_matches_Forward()
        => AssertOnnxRuntimeMatchesForward(Randomized<OnnxLeakySigmoidDoubleNet, double>(new OnnxLeakySigmoidDoubleNet()), relativeTolerance: 1e-12, absoluteTolerance: 1e-14);

    [Fact]
    public void Weights_described_as_out_in_are_read_transposed()
    {
        // W = [[1, 2, 3], [4, 5, 6]] stored [out, in], b = [0.5, -1]: z = W·x + b.
        var network = new DescribedOnlyNetwork(new NetworkDescription(
            "OutputMajor",
            Precision.Single,
            new[] { 3 },
            new[]
            {
                new LayerDescription("dense", "Dense", new[] { 3 }, new[] { 2 }, Activation.Identity, Array.Empty<LayerSetting>(), new[]
                {
                    new TensorDescription("Weights", 0, 6, new[] { 2, 3 }),
                    new TensorDescription("Bias", 6, 2, new[] { 2 }),
                }, Array.Empty<TensorDescription>()),
            },
            loss: null));
        new float[] { 1, 2, 3, 4, 5, 6, 0.5f, -1 }.CopyTo(network.Parameters);

        using var session = new InferenceSession(Export(network));
        using var input = OrtValue.CreateTensorValueFromMemory(new float[] { 1, 0, -1, 2, 1, 0 }, new long[] { 2, 3 });
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results = session.Run(
            runOptions, new[] { OnnxExporter.InputName }, new[] { input }, new[] { OnnxExporter.OutputName });

        // Every value is exact in float32.
        Assert.Equal(new[] { 1 - 3 + 0.5f, 4 - 6 - 1f, 2 + 2 + 0.5f, 8 + 5 - 1f }, results[0].GetTensorDataAsSpan<float>().ToArray());
    }

    [Fact]
    public void Model_declares_batched_input_and_output_and_producer()
    {
        var network = new OnnxSoftmaxClassifier();
        using var session = new InferenceSession(Export(network));

        NodeMetadata input = session.InputMetadata[OnnxExporter.InputName];
        NodeMetadata output = session.OutputMetadata[OnnxExporter.OutputName];
        Assert.Single(session.InputMetadata);
        Assert.Single(session.OutputMetadata);
        Assert.Equal(TensorElementType.Float, input.ElementDataType);
        Assert.Equal(new[] { -1, OnnxSoftmaxClassifier.InputSize }, input.Dimensions);
        Assert.Equal(new[] { "N", string.Empty }, input.SymbolicDimensions);
        Assert.Equal(new[] { -1, OnnxSoftmaxClassifier.OutputSize }, output.Dimensions);
        Assert.Equal(OnnxExporter.ProducerName, session.ModelMetadata.ProducerName);
        Assert.Equal(nameof(OnnxSoftmaxClassifier), session.ModelMetadata.GraphName);
    }

    [Fact]
    public void Double_network_exports_double_tensors()
    {
        using var session = new InferenceSession(Export(new OnnxLeakySigmoidDoubleNet()));
        Assert.Equal(TensorElementType.Double, session.InputMetadata[OnnxExporter.InputName].ElementDataType);
        Assert.Equal(TensorElementType.Double, session.OutputMetadata[OnnxExporter.OutputName].ElementDataType);
    }

    [Fact]
    public void Save_and_ExportOnnx_write_the_bytes_Write_writes()
    {
        var network = Randomized<OnnxTanhRegressor, float>(new OnnxTanhRegressor());
        string folder = Directory.CreateTempSubdirectory("gennn-onnx-").FullName;
        try
        {
            string saved = Path.Combine(folder, "saved.onnx");
            string exported = Path.Combine(folder, "exported.onnx");
            OnnxExporter.Save(network, saved);
            network.ExportOnnx(exported);

            byte[] written = Export(network);
            Assert.Equal(written, File.ReadAllBytes(saved));
            Assert.Equal(written, File.ReadAllBytes(exported));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Failed_save_leaves_the_previous_file_and_no_temporary_file()
    {
        string folder = Directory.CreateTempSubdirectory("gennn-onnx-").FullName;
        try
        {
            string path = Path.Combine(folder, "model.onnx");
            byte[] previous = Export(new OnnxTanhRegressor());
            File.WriteAllBytes(path, previous);

            var unsupported = new DescribedOnlyNetwork(new NetworkDescription(
                "MysteryNet",
                Precision.Single,
                new[] { 4 },
                new[] { new LayerDescription("mystery", "Mystery", new[] { 4 }, new[] { 2 }, Activation.ReLU, Array.Empty<LayerSetting>(), new[] { new TensorDescription("Kernel", 0, 3, new[] { 3 }) }, Array.Empty<TensorDescription>()) },
                loss: null));

            var error = Assert.Throws<NotSupportedException>(() => OnnxExporter.Save(unsupported, path));
            Assert.Contains("Mystery", error.Message, StringComparison.Ordinal);
            Assert.Equal(previous, File.ReadAllBytes(path));
            Assert.Equal(new[] { path }, Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Default initialization leaves biases at zero; random values make a wrongly wired bias visible.</summary>
    private static TNetwork Randomized<TNetwork, T>(TNetwork network)
        where TNetwork : INetwork<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(12345);
        Span<T> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = T.CreateTruncating(random.NextDouble() - 0.5);
        }

        return network;
    }

    private static byte[] Export<T>(INetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var stream = new MemoryStream();
        OnnxExporter.Write(network, stream);
        return stream.ToArray();
    }

    private static void AssertOnnxRuntimeMatchesForward<T>(INetwork<T> network, double relativeTolerance, double absoluteTolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(678);
        var inputs = new T[BatchSize * network.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = T.CreateTruncating(4 * random.NextDouble() - 2);
        }

        var expected = new T[BatchSize * network.OutputSize];
        for (int sample = 0; sample < BatchSize; sample++)
        {
            network.Forward(
                inputs.AsSpan(sample * network.InputSize, network.InputSize),
                expected.AsSpan(sample * network.OutputSize, network.OutputSize));
        }

        using var session = new InferenceSession(Export(network));
        using var input = OrtValue.CreateTensorValueFromMemory(inputs, new long[] { BatchSize, network.InputSize });
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results = session.Run(
            runOptions, new[] { OnnxExporter.InputName }, new[] { input }, new[] { OnnxExporter.OutputName });

        Assert.Equal(new long[] { BatchSize, network.OutputSize }, results[0].GetTensorTypeAndShape().Shape);
        ReadOnlySpan<T> actual = results[0].GetTensorDataAsSpan<T>();
        var mismatches = new List<string>();
        for (int i = 0; i < expected.Length; i++)
        {
            double want = double.CreateTruncating(expected[i]);
            double got = double.CreateTruncating(actual[i]);
            if (!(Math.Abs(got - want) <= absoluteTolerance + relativeTolerance * Math.Abs(want)))
            {
                mismatches.Add($"[{i / network.OutputSize}, {i % network.OutputSize}]: Forward {want:R}, ONNX Runtime {got:R}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches.Take(10)));
    }

    /// <summary>A description and a parameter array, no computation: for layers and layouts the generator does not produce.</summary>
    private sealed class DescribedOnlyNetwork(NetworkDescription description) : INetwork<float>
    {
        private readonly float[] parameters = new float[description.ParameterCount];

        public int InputSize => Description.InputSize;

        public int OutputSize => Description.OutputSize;

        public int ParameterCount => Description.ParameterCount;

        public NetworkDescription Description { get; } = description;

        public Span<float> Parameters => parameters;

        public int BufferCount => 0;

        public Span<float> Buffers => default;

        public void Forward(ReadOnlySpan<float> input, Span<float> output) => throw new NotSupportedException();

        public void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => throw new NotSupportedException();

        public void InitializeParameters(long seed) => throw new NotSupportedException();
    }
}
