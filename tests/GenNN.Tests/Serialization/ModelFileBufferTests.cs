using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using GenNN.Serialization;
using GenNN.Training;
using Xunit;

namespace GenNN.Tests.Serialization;

/// <summary>
/// Format versions 2 and later store the buffers (BatchNorm's running statistics) after the parameters; version 1 files, which
/// have none, still load where nothing is missing; and the signature holds layer settings, not only shapes.
/// </summary>
public sealed class ModelFileBufferTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Parameters_and_running_statistics_round_trip_bit_for_bit_and_give_the_same_outputs()
    {
        var saved = new SerialCnnDouble(seed: 1);
        SerialTraining.Train(saved, steps: 3, seed: 2);
        var loaded = new SerialCnnDouble(seed: 3);
        string path = _folder.File("cnn.gennn");

        ModelFile.Save(saved, path);
        ModelFile.Load(loaded, path);

        Assert.Equal(saved.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Equal(saved.Buffers.ToArray(), loaded.Buffers.ToArray());
        Assert.NotEqual(new SerialCnnDouble().Buffers.ToArray(), loaded.Buffers.ToArray());
        double[] inputs = SerialTraining.Inputs(saved, 4, seed: 5);
        var expected = new double[4 * SerialCnnDouble.OutputSize];
        var actual = new double[expected.Length];
        saved.ForwardBatch(inputs, expected);
        loaded.ForwardBatch(inputs, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Buffers_lie_between_parameters_and_optimizer_state_as_documented()
    {
        var network = new SerialCnn(seed: 1);
        SerialTraining.Train(network, steps: 2, seed: 2);
        Optimizer<float> adam = Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.Adam), SerialCnn.ParameterCount);
        adam.Step(network.Parameters, Enumerable.Range(0, SerialCnn.ParameterCount).Select(i => i * 1e-3f).ToArray());
        string path = _folder.File("checkpoint.gennn");

        ModelFile.Save(network, path, adam);
        byte[] bytes = File.ReadAllBytes(path);
        int payload = 16 + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12)) + 4;
        float Value(int index) => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(payload + (index * sizeof(float))));

        Assert.Equal(SerialCnn.BufferCount, ModelFile.ReadInfo(path).BufferCount);
        Assert.Equal(SerialCnn.BufferCount, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(22)));
        Assert.Equal(network.Parameters[^1], Value(SerialCnn.ParameterCount - 1));
        Assert.Equal(network.Buffers.ToArray(), Enumerable.Range(SerialCnn.ParameterCount, SerialCnn.BufferCount).Select(Value));
        Assert.Equal(adam.State[0], Value(SerialCnn.ParameterCount + SerialCnn.BufferCount));

        var resumed = new SerialCnn(seed: 4);
        Optimizer<float> resumedAdam = Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.Adam), SerialCnn.ParameterCount);
        ModelFile.Load(resumed, path, resumedAdam);
        Assert.Equal(network.Buffers.ToArray(), resumed.Buffers.ToArray());
        Assert.Equal(adam.State.ToArray(), resumedAdam.State.ToArray());
        Assert.Equal(1, resumedAdam.StepCount);
    }

    [Fact]
    public void A_version_1_file_from_earlier_GenNN_still_loads_with_its_optimizer_state()
    {
        string path = Fixture(ModelFileVersion1Fixtures.TanhWithAdam);
        var network = new TanhNet();
        Optimizer<float> adam = Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.Adam), TanhNet.ParameterCount);

        ModelFile.Load(network, path, adam);

        Assert.Equal(new ModelFileInfo(1, "TanhNet", TanhNet.Description.Signature, Precision.Single, TanhNet.ParameterCount, 0, OptimizerKind.Adam, 3, 2 * TanhNet.ParameterCount, null), ModelFile.ReadInfo(path));
        Assert.Equal(Enumerable.Range(0, TanhNet.ParameterCount).Select(i => (i - 10) / 8f), network.Parameters.ToArray());
        Assert.Equal(Enumerable.Range(0, adam.State.Length).Select(i => i / 2f), adam.State.ToArray());
        Assert.Equal(3, adam.StepCount);
    }

    [Fact]
    public void A_version_1_file_cannot_restore_a_network_with_buffers()
    {
        string path = Fixture(ModelFileVersion1Fixtures.BatchNormVector);
        var network = new BatchNormVectorNet();
        SerialTraining.Train(network, steps: 1, seed: 1);
        float[] parameters = network.Parameters.ToArray();
        float[] buffers = network.Buffers.ToArray();

        ModelFileException error = Assert.Throws<ModelFileException>(() => ModelFile.Load(network, path));

        Assert.Equal(ModelFileError.MissingBuffers, error.Error);
        Assert.Contains("format version 1, which stores parameters only, but BatchNormVectorNet also has 9 buffer values", error.Message);
        Assert.Equal(parameters, network.Parameters.ToArray());
        Assert.Equal(buffers, network.Buffers.ToArray());
    }

    [Fact]
    public void A_file_for_a_convolution_with_another_stride_is_refused()
    {
        // Both map a 3x3 image to 2 filters of 1x1 with 20 parameters: only the stride tells them apart.
        Assert.Equal(StrideOneNet.ParameterCount, StrideTwoNet.ParameterCount);
        Assert.Equal(StrideOneNet.Description.Layers[0].OutputShape, StrideTwoNet.Description.Layers[0].OutputShape);
        string path = _folder.File("stride1.gennn");
        ModelFile.Save(new StrideOneNet(), path);
        var network = new StrideTwoNet();
        float[] before = network.Parameters.ToArray();

        ModelFileException error = Assert.Throws<ModelFileException>(() => ModelFile.Load(network, path));

        Assert.Equal(ModelFileError.NetworkMismatch, error.Error);
        Assert.Contains("Conv2D(1x3x3->2x1x1;KernelSize=3,Stride=1,", error.Message);
        Assert.Contains("Conv2D(1x3x3->2x1x1;KernelSize=3,Stride=2,", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(-20)]
    public void A_file_cut_inside_its_buffers_is_truncated(int cut)
    {
        string path = Saved();
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length + cut)]);

        Assert.Equal(ModelFileError.Truncated, AssertLoadFails(path).Error);
    }

    [Fact]
    public void A_flipped_bit_in_the_buffers_is_corrupted()
    {
        string path = Saved();
        byte[] bytes = File.ReadAllBytes(path);
        bytes[bytes.Length - 4 - (2 * sizeof(float))] ^= 0x04;   // the first running variance's neighbourhood
        File.WriteAllBytes(path, bytes);

        Assert.Equal(ModelFileError.Corrupted, AssertLoadFails(path).Error);
    }

    private string Fixture(string base64)
    {
        string path = _folder.File(Guid.NewGuid().ToString("N") + ".gennn");
        File.WriteAllBytes(path, Convert.FromBase64String(base64));
        return path;
    }

    /// <summary>A trained <see cref="BatchNormVectorNet"/>'s file: its 9 buffer values are its last 36 bytes before the checksum.</summary>
    private string Saved()
    {
        var network = new BatchNormVectorNet(seed: 1);
        SerialTraining.Train(network, steps: 2, seed: 2);
        string path = _folder.File(Guid.NewGuid().ToString("N") + ".gennn");
        ModelFile.Save(network, path);
        return path;
    }

    /// <summary>Loading fails and leaves parameters and buffers as they were.</summary>
    private static ModelFileException AssertLoadFails(string path)
    {
        var network = new BatchNormVectorNet(seed: 3);
        SerialTraining.Train(network, steps: 1, seed: 4);
        float[] parameters = network.Parameters.ToArray();
        float[] buffers = network.Buffers.ToArray();

        ModelFileException error = Assert.Throws<ModelFileException>(() => ModelFile.Load(network, path));

        Assert.Equal(parameters, network.Parameters.ToArray());
        Assert.Equal(buffers, network.Buffers.ToArray());
        return error;
    }
}
