using System;
using System.IO;
using System.Numerics;
using GenNN.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;

namespace GenNN.Tests.Onnx;

/// <summary>
/// Loads GenNN's ONNX export of dense networks in ONNX Runtime and checks that it computes what the generated code
/// computes (<see cref="OnnxRuntimeComparison"/> gives the tolerances), and the model's interface and file handling.
/// </summary>
public sealed class OnnxExportTests
{
    private const int BatchSize = 7;

    [Fact]
    public void Tanh_regressor_with_identity_output_matches_ForwardBatch()
        => AssertMatchesForwardBatch(OnnxRuntimeComparison.Randomized<OnnxTanhRegressor, float>(new OnnxTanhRegressor()));

    [Fact]
    public void ReLU_regressor_with_square_layer_matches_ForwardBatch()
        => AssertMatchesForwardBatch(OnnxRuntimeComparison.Randomized<OnnxReluRegressor, float>(new OnnxReluRegressor()));

    [Fact]
    public void Softmax_classifier_with_LeakyReLU_matches_ForwardBatch()
        => AssertMatchesForwardBatch(OnnxRuntimeComparison.Randomized<OnnxSoftmaxClassifier, float>(new OnnxSoftmaxClassifier()));

    [Fact]
    public void Double_network_with_LeakyReLU_dropout_and_sigmoid_matches_ForwardBatch()
        => AssertMatchesForwardBatch(OnnxRuntimeComparison.Randomized<OnnxLeakySigmoidDoubleNet, double>(new OnnxLeakySigmoidDoubleNet()));

    [Fact]
    public void Layer_and_network_names_beyond_ASCII_export_a_model_ONNX_Runtime_loads()
        => AssertMatchesForwardBatch(OnnxRuntimeComparison.Randomized<OnnxUnicodeNamedNet, float>(new OnnxUnicodeNamedNet()));

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

        using var session = new InferenceSession(OnnxRuntimeComparison.Export(network));
        using var input = OrtValue.CreateTensorValueFromMemory(new float[] { 1, 0, -1, 2, 1, 0 }, new long[] { 2, 3 });
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results = session.Run(
            runOptions, new[] { OnnxExporter.InputName }, new[] { input }, new[] { OnnxExporter.OutputName });

        // Every value is exact in float32.
        Assert.Equal(new[] { 1 - 3 + 0.5f, 4 - 6 - 1f, 2 + 2 + 0.5f, 8 + 5 - 1f }, results[0].GetTensorDataAsSpan<float>().ToArray());
    }

    [Fact]
    public void Network_that_computes_nothing_passes_its_input_through()
    {
        // Dropout writes no node, so the output is the input itself: the one case that needs an Identity node.
        var network = new DescribedOnlyNetwork(new NetworkDescription(
            "PassThrough",
            Precision.Single,
            new[] { 3 },
            new[] { new LayerDescription("dropout", "Dropout", new[] { 3 }, new[] { 3 }, Activation.Identity, new[] { new LayerSetting("Rate", 0.5) }, Array.Empty<TensorDescription>(), Array.Empty<TensorDescription>()) },
            loss: null));

        using var session = new InferenceSession(OnnxRuntimeComparison.Export(network));
        float[] values = { 1.5f, -2, 0.25f, 3, -0.5f, 7 };
        using var input = OrtValue.CreateTensorValueFromMemory(values, new long[] { 2, 3 });
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results = session.Run(
            runOptions, new[] { OnnxExporter.InputName }, new[] { input }, new[] { OnnxExporter.OutputName });
        Assert.Equal(values, results[0].GetTensorDataAsSpan<float>().ToArray());
    }

    [Fact]
    public void Model_declares_batched_input_and_output_and_producer()
    {
        var network = new OnnxSoftmaxClassifier();
        using var session = new InferenceSession(OnnxRuntimeComparison.Export(network));

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
        using var session = new InferenceSession(OnnxRuntimeComparison.Export(new OnnxLeakySigmoidDoubleNet()));
        Assert.Equal(TensorElementType.Double, session.InputMetadata[OnnxExporter.InputName].ElementDataType);
        Assert.Equal(TensorElementType.Double, session.OutputMetadata[OnnxExporter.OutputName].ElementDataType);
    }

    [Fact]
    public void Save_and_ExportOnnx_write_the_bytes_Write_writes()
    {
        var network = OnnxRuntimeComparison.Randomized<OnnxTanhRegressor, float>(new OnnxTanhRegressor());
        string folder = Directory.CreateTempSubdirectory("gennn-onnx-").FullName;
        try
        {
            string saved = Path.Combine(folder, "saved.onnx");
            string exported = Path.Combine(folder, "exported.onnx");
            OnnxExporter.Save(network, saved);
            network.ExportOnnx(exported);

            byte[] written = OnnxRuntimeComparison.Export(network);
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
            byte[] previous = OnnxRuntimeComparison.Export(new OnnxTanhRegressor());
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

    private static void AssertMatchesForwardBatch<T>(INetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
        => OnnxRuntimeComparison.AssertMatchesForwardBatch(network, OnnxRuntimeComparison.Inputs<T>(BatchSize * network.InputSize, range: 2));

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
