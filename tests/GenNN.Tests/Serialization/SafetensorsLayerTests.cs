using System;
using System.Buffers.Binary;
using System.Linq;
using GenNN.Serialization;
using Xunit;

namespace GenNN.Tests.Serialization;

/// <summary>
/// Names, shapes and element types of every layer kind's tensors (parameters and buffers), and the errors for files
/// that do not fit. The numerics against PyTorch are in <see cref="TorchLayerInteropTests"/>.
/// </summary>
public sealed class SafetensorsLayerTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_cnn_is_named_like_the_state_dict_of_its_Sequential()
    {
        // Conv2d 0, ReLU 1, BatchNorm2d 2, MaxPool2d 3, Flatten 4, Linear 5, Tanh 6, LayerNorm 7, Linear 8, Softmax 9.
        Assert.Equal(
            [
                "0.weight", "0.bias",
                "2.weight", "2.bias", "2.running_mean", "2.running_var", "2.num_batches_tracked",
                "5.weight", "5.bias",
                "7.weight", "7.bias",
                "8.weight", "8.bias",
            ],
            Safetensors.TensorNames(SerialCnn.Description));
    }

    [Fact]
    public void Activation_layers_dropout_and_the_two_modules_of_a_global_average_pool_take_their_indices()
    {
        // Conv1d 0, LeakyReLU 1, BatchNorm1d 2, MaxPool1d 3, Dropout 4, Conv1d 5, GELU 6, LayerNorm without affine 7,
        // AvgPool1d 8, AdaptiveAvgPool1d 9, Flatten 10, Linear 11, ELU 12 (its own layer), BatchNorm1d 13, Linear 14.
        Assert.Equal(
            [
                "0.weight", "0.bias",
                "2.weight", "2.bias", "2.running_mean", "2.running_var", "2.num_batches_tracked",
                "5.weight", "5.bias",
                "11.weight", "11.bias",
                "13.weight", "13.bias", "13.running_mean", "13.running_var", "13.num_batches_tracked",
                "14.weight", "14.bias",
            ],
            Safetensors.TensorNames(SerialSignalNet.Description));

        // Conv2d 0, AvgPool2d 1, Conv2d 2, SiLU 3, AdaptiveAvgPool2d 4, Flatten 5, Linear 6, Sigmoid 7.
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "6.weight", "6.bias"], Safetensors.TensorNames(SerialImageNet.Description));
    }

    [Fact]
    public void Layer_modules_name_buffers_too()
    {
        string[] modules = ["conv", "bn", "pool", "flat", "fc", "norm", "head"];
        Assert.Contains("net.bn.running_var", Safetensors.TensorNames(SerialCnn.Description, new SafetensorsOptions { Prefix = "net.", LayerModules = modules }));
    }

    [Fact]
    public void Export_writes_PyTorch_shapes_and_the_batch_count_as_an_I64_scalar()
    {
        var network = new SerialCnn();
        SerialTraining.Train(network, steps: 3, seed: 1);
        string path = _folder.File("cnn.safetensors");

        Safetensors.Export(network, path);
        SafetensorsHeader header = Safetensors.ReadHeader(path);
        SafetensorsTensorInfo Tensor(string name) => header.Tensors.Single(t => t.Name == name);

        Assert.Equal([4L, 2, 3, 3], Tensor("0.weight").Shape);
        Assert.Equal([4L], Tensor("2.running_var").Shape);
        Assert.Equal([8L, 64], Tensor("5.weight").Shape);
        Assert.Equal([8L], Tensor("7.weight").Shape);
        Assert.Equal([3L, 8], Tensor("8.weight").Shape);
        Assert.All(header.Tensors.Where(t => t.Name != "2.num_batches_tracked"), t => Assert.Equal("F32", t.DataType));
        SafetensorsFile.Entry count = SafetensorsFile.Read(path).Single(e => e.Name == "2.num_batches_tracked");
        Assert.Equal(("I64", 0), (count.DataType, count.Shape.Length));
        Assert.Equal(3L, BinaryPrimitives.ReadInt64LittleEndian(count.Data));
    }

    [Fact]
    public void Parameters_and_buffers_round_trip_exactly()
    {
        AssertRoundTrip(new SerialCnn(1), new SerialCnn(2));
        AssertRoundTrip(new SerialSignalNet(1), new SerialSignalNet(2));
        AssertRoundTrip(new SerialImageNet(1), new SerialImageNet(2));
    }

    [Fact]
    public void A_missing_running_variance_is_named()
    {
        string path = Exported();
        SafetensorsFile.Change(path, "2.running_var", _ => null);

        SafetensorsException error = AssertImportFails(path);
        Assert.Contains("needs tensors it lacks: 2.running_var.", error.Message);
    }

    [Fact]
    public void A_misshapen_buffer_is_named_with_both_shapes()
    {
        string path = Exported();
        SafetensorsFile.Change(path, "2.running_mean", e => e with { Shape = [2, 2] });
        SafetensorsFile.Change(path, "0.weight", e => e with { Shape = [4, 2, 9] });

        SafetensorsException error = AssertImportFails(path);
        Assert.Equal(
            [
                "Tensor '0.weight' has shape [4, 2, 9], but layer Layer1's Weights needs [4, 2, 3, 3] (nn.Conv2d.weight's [out_channels, in_channels / groups, kH, kW]).",
                "Tensor '2.running_mean' has shape [2, 2], but layer Layer2's RunningMean needs [4] (nn.BatchNorm2d.running_mean's [num_features]).",
            ],
            error.Problems);
    }

    [Fact]
    public void The_batch_count_must_be_an_I64_scalar()
    {
        string asVector = Exported();
        SafetensorsFile.Change(asVector, "2.num_batches_tracked", e => e with { Shape = [1] });
        string asFloat = Exported();
        SafetensorsFile.Change(asFloat, "2.num_batches_tracked", e => e with { DataType = "F64" });

        Assert.Equal(
            "Tensor '2.num_batches_tracked' has shape [1], but layer Layer2's NumBatchesTracked needs [] (nn.BatchNorm2d.num_batches_tracked's scalar []).",
            Assert.Single(AssertImportFails(asVector).Problems));
        Assert.Equal(
            "Tensor '2.num_batches_tracked' has element type F64; a batch count is I64, as PyTorch saves it.",
            Assert.Single(AssertImportFails(asFloat).Problems));
    }

    [Fact]
    public void An_untrained_model_whose_batch_count_is_zero_round_trips()
    {
        // A PyTorch model straight from its constructor has num_batches_tracked = 0, as an untrained GenNN network does.
        var untrained = new SerialCnn(1);
        string path = _folder.File("untrained.safetensors");
        Safetensors.Export(untrained, path);
        var loaded = new SerialCnn(2);

        Safetensors.Import(loaded, path);

        Assert.Equal(untrained.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Equal(untrained.Buffers.ToArray(), loaded.Buffers.ToArray());
    }

    [Fact]
    public void A_negative_batch_count_is_refused()
    {
        string path = Exported();
        SafetensorsFile.Change(path, "2.num_batches_tracked", e => e with { Data = BitConverter.GetBytes(-4L) });

        Assert.StartsWith("Tensor '2.num_batches_tracked' counts -4 batches", Assert.Single(AssertImportFails(path).Problems));
    }

    [Fact]
    public void A_negative_running_variance_is_refused()
    {
        string path = Exported();
        SafetensorsFile.Change(path, "2.running_var", e => e with { Data = [.. BitConverter.GetBytes(1f), .. BitConverter.GetBytes(-0.25f), .. BitConverter.GetBytes(0f), .. BitConverter.GetBytes(-3f)] });

        Assert.StartsWith(
            "Tensor '2.running_var' holds 2 negative values, the first at [1] (-0.25); a variance is never negative",
            Assert.Single(AssertImportFails(path).Problems));
    }

    [Fact]
    public void A_variance_of_minus_infinity_is_one_non_finite_problem_and_imports_where_those_are_allowed()
    {
        string path = Exported();
        SafetensorsFile.Change(path, "2.running_var", e => e with { Data = [.. BitConverter.GetBytes(1f), .. BitConverter.GetBytes(float.NegativeInfinity), .. BitConverter.GetBytes(0f), .. BitConverter.GetBytes(2f)] });

        Assert.StartsWith("Tensor '2.running_var' holds 1 NaN or infinite value", Assert.Single(AssertImportFails(path).Problems));
        var network = new SerialCnn(seed: 9);
        Safetensors.Import(network, path, new SafetensorsOptions { AllowNonFiniteValues = true });
        Assert.Contains(float.NegativeInfinity, network.Buffers.ToArray());
    }

    [Fact]
    public void A_layer_kind_without_a_mapping_is_not_supported()
    {
        var description = new NetworkDescription(
            "Upsampler",
            Precision.Single,
            [1, 2, 2],
            [new LayerDescription("Layer1", "Upsample2D", [1, 2, 2], [1, 4, 4], Activation.Identity, [], [], [])],
            null);

        Assert.Contains("Layer Layer1 is a Upsample2D layer, which PyTorch interop does not know", Assert.Throws<NotSupportedException>(() => Safetensors.TensorNames(description)).Message);
    }

    private void AssertRoundTrip<T>(ITrainableNetwork<T> saved, INetwork<T> loaded)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        SerialTraining.Train(saved, steps: 2, seed: 3);
        string path = _folder.File(saved.Description.Name + ".safetensors");

        Safetensors.Export(saved, path);
        Safetensors.Import(loaded, path);

        Assert.Equal(saved.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.Equal(saved.Buffers.ToArray(), loaded.Buffers.ToArray());
    }

    /// <summary>A trained <see cref="SerialCnn"/>'s export.</summary>
    private string Exported()
    {
        var network = new SerialCnn(seed: 5);
        SerialTraining.Train(network, steps: 2, seed: 7);
        string path = _folder.File(Guid.NewGuid().ToString("N") + ".safetensors");
        Safetensors.Export(network, path);
        return path;
    }

    /// <summary>Importing <paramref name="path"/> into a <see cref="SerialCnn"/> fails and changes neither parameters nor buffers.</summary>
    private static SafetensorsException AssertImportFails(string path)
    {
        var network = new SerialCnn(seed: 9);
        SerialTraining.Train(network, steps: 1, seed: 11);
        float[] parameters = network.Parameters.ToArray();
        float[] buffers = network.Buffers.ToArray();

        SafetensorsException error = Assert.Throws<SafetensorsException>(() => Safetensors.Import(network, path));

        Assert.Equal(parameters, network.Parameters.ToArray());
        Assert.Equal(buffers, network.Buffers.ToArray());
        return error;
    }
}
