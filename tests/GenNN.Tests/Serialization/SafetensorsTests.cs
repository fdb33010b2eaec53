using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using GenNN.Serialization;
using Xunit;

namespace GenNN.Tests.Serialization;

public sealed class SafetensorsTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Default_names_number_modules_as_nn_Sequential_does()
    {
        Assert.Equal(
            ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"],
            Safetensors.TensorNames(TanhNet.Description));

        // Linear, ReLU, Dropout | Linear (Identity: no module) | Linear, LeakyReLU | Linear, Softmax.
        Assert.Equal(
            ["0.weight", "0.bias", "3.weight", "3.bias", "4.weight", "4.bias", "6.weight", "6.bias"],
            Safetensors.TensorNames(MixedNet.Description));
    }

    [Fact]
    public void A_prefix_and_explicit_layer_modules_rename_the_tensors()
    {
        Assert.Equal(
            ["model.0.weight", "model.0.bias", "model.2.weight", "model.2.bias", "model.4.weight", "model.4.bias"],
            Safetensors.TensorNames(TanhNet.Description, new SafetensorsOptions { Prefix = "model." }));
        Assert.Equal(
            ["net.fc1.weight", "net.fc1.bias", "net.fc2.weight", "net.fc2.bias", "net.head.weight", "net.head.bias"],
            Safetensors.TensorNames(TanhNet.Description, new SafetensorsOptions { Prefix = "net.", LayerModules = ["fc1", "fc2", "head"] }));
    }

    [Fact]
    public void Layer_modules_must_name_every_layer_once()
    {
        Assert.Contains("3 layers, but 2", Assert.Throws<ArgumentException>(() => Safetensors.TensorNames(TanhNet.Description, new SafetensorsOptions { LayerModules = ["a", "b"] })).Message);
        Assert.Contains("'a.weight'", Assert.Throws<ArgumentException>(() => Safetensors.TensorNames(TanhNet.Description, new SafetensorsOptions { LayerModules = ["a", "b", "a"] })).Message);
    }

    [Fact]
    public void Export_writes_PyTorch_shapes_contiguous_offsets_an_aligned_header_and_metadata()
    {
        var network = new TanhNet();
        string path = _folder.File("tanh.safetensors");

        Safetensors.Export(network, path, new SafetensorsOptions { Metadata = new System.Collections.Generic.Dictionary<string, string> { ["epoch"] = "7" } });
        SafetensorsHeader header = Safetensors.ReadHeader(path);
        byte[] bytes = File.ReadAllBytes(path);

        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"], header.Tensors.Select(t => t.Name));
        Assert.All(header.Tensors, t => Assert.Equal("F32", t.DataType));
        Assert.Equal([5L, 3], header.Tensors[0].Shape);
        Assert.Equal([5L], header.Tensors[1].Shape);
        Assert.Equal([2L, 4], header.Tensors[4].Shape);
        Assert.Equal((0L, 60L), (header.Tensors[0].Begin, header.Tensors[0].End));
        Assert.Equal((60L, 80L), (header.Tensors[1].Begin, header.Tensors[1].End));
        Assert.Equal("pt", header.Metadata["format"]);
        Assert.Equal("TanhNet", header.Metadata["gennn.network"]);
        Assert.Equal(TanhNet.Description.Signature, header.Metadata["gennn.signature"]);
        Assert.Equal("7", header.Metadata["epoch"]);
        string withFormat = _folder.File("numpy.safetensors");
        Safetensors.Export(network, withFormat, new SafetensorsOptions { Metadata = new System.Collections.Generic.Dictionary<string, string> { ["format"] = "np" } });
        Assert.Equal("np", Safetensors.ReadHeader(withFormat).Metadata["format"]);
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        Assert.Equal(0, headerLength % 8);
        Assert.Equal(8 + headerLength + (TanhNet.ParameterCount * 4), bytes.Length);
        // The weight from input 2 to neuron 1: stored input-major [in, out] at 2·5 + 1, written as element [1, 2] of
        // PyTorch's row-major [out, in] tensor.
        Assert.Equal(network.Layer1Weights[(2 * 5) + 1], BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)(8 + headerLength) + (((1 * 3) + 2) * 4))));
    }

    [Fact]
    public void Export_then_import_restores_every_parameter_exactly()
    {
        var source = new MixedNet(seed: 1);
        var target = new MixedNet(seed: 2);
        string path = _folder.File("mixed.safetensors");

        Safetensors.Export(source, path);
        Safetensors.Import(target, path);

        Assert.Equal(source.Parameters.ToArray(), target.Parameters.ToArray());
    }

    [Fact]
    public void F32_tensors_widen_exactly_into_a_double_network()
    {
        var single = new TanhNet(seed: 3);
        var widened = new TanhNetDouble();
        string path = _folder.File("f32.safetensors");

        Safetensors.Export(single, path);
        Safetensors.Import(widened, path);

        Assert.Equal(single.Parameters.ToArray().Select(value => (double)value), widened.Parameters.ToArray());
    }

    [Fact]
    public void F64_tensors_into_a_float_network_need_permission_to_round()
    {
        var wide = new TanhNetDouble(seed: 3);
        string path = _folder.File("f64.safetensors");
        Safetensors.Export(wide, path);

        SafetensorsException error = AssertImportFails(path);
        Assert.Contains("Tensors '0.weight', '0.bias', '2.weight', '2.bias', '4.weight', '4.bias' are F64 but the network computes in float", error.Message);
        Assert.Contains("AllowPrecisionLoss", error.Message);

        var narrowed = new TanhNet();
        Safetensors.Import(narrowed, path, new SafetensorsOptions { AllowPrecisionLoss = true });
        Assert.Equal(wide.Parameters.ToArray().Select(value => (float)value), narrowed.Parameters.ToArray());
    }

    [Fact]
    public void Missing_tensors_are_listed_with_what_the_file_has()
    {
        string path = Write(("0.weight", "F32", [5, 3]), ("0.bias", "F32", [5]));

        SafetensorsException error = AssertImportFails(path);
        Assert.Contains("needs tensors it lacks: 2.weight, 2.bias, 4.weight, 4.bias", error.Message);
        Assert.Contains("The file has: 0.weight, 0.bias", error.Message);
        Assert.DoesNotContain("bias=False", error.Message);
    }

    [Fact]
    public void Missing_biases_beside_their_weights_are_explained_as_bias_false()
    {
        string path = Write(("0.weight", "F32", [5, 3]), ("2.weight", "F32", [4, 5]), ("2.bias", "F32", [4]), ("4.weight", "F32", [2, 4]));

        SafetensorsException error = AssertImportFails(path);
        Assert.Contains("needs tensors it lacks: 0.bias, 4.bias", error.Message);
        Assert.Contains("a module made with bias=False", error.Message);
    }

    [Fact]
    public void Unexpected_tensors_fail_unless_ignored()
    {
        string path = Write(AllTanhNetTensors().Append(("running_mean", "F32", [4])).ToArray());

        SafetensorsException error = AssertImportFails(path);
        Assert.Contains("has no place for: running_mean", error.Message);
        Assert.Contains("IgnoreUnexpectedTensors", error.Message);

        var network = new TanhNet();
        Safetensors.Import(network, path, new SafetensorsOptions { IgnoreUnexpectedTensors = true });
        // The file's [5, 3] tensor counts up row by row; GenNN stores its transpose.
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (float)(((i % 5) * 3) + (i / 5))), network.Layer1Weights.ToArray());
    }

    [Fact]
    public void A_transposed_weight_is_a_shape_error_naming_layer_and_both_shapes()
    {
        string path = Write(AllTanhNetTensors().Select(t => t.Name == "2.weight" ? ("2.weight", "F32", new long[] { 5, 4 }) : t).ToArray());

        SafetensorsException error = AssertImportFails(path);
        Assert.Contains("Tensor '2.weight' has shape [5, 4], but layer Layer2's Weights needs [4, 5] (nn.Linear.weight's [out, in])", error.Message);
    }

    [Theory]
    [InlineData("F16")]
    [InlineData("BF16")]
    [InlineData("I64")]
    public void Other_element_types_are_refused_by_name(string dataType)
    {
        string path = Write(AllTanhNetTensors().Select(t => t.Name == "4.bias" ? ("4.bias", dataType, new long[] { 2 }) : t).ToArray());

        SafetensorsException error = AssertImportFails(path);
        Assert.Contains($"Tensor '4.bias' has element type {dataType}; only F32 and F64 are supported", error.Message);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        string path = Write(("0.weight", "F32", [3, 5]), ("0.bias", "F16", [5]), ("extra", "F32", [1]));

        SafetensorsException error = AssertImportFails(path);
        Assert.Equal(4, error.Problems.Count);
    }

    [Theory]
    [InlineData("not json", "Its header is not valid JSON")]
    [InlineData("[1, 2]", "its header is not a JSON object")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [2]}}", "tensor 'a' lacks")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 400]}}", "outside the 8-byte buffer")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [3], \"data_offsets\": [0, 8]}}", "needs 12 bytes, but its data_offsets span 8")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [-2], \"data_offsets\": [0, 8]}}", "not a non-negative integer")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [\"0\", 8]}}", "not two integers")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, null]}}", "not two integers")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8.5]}}", "not two integers")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0]}}", "not two integers")]
    [InlineData("{\"__metadata__\": {\"n\": 1}}", "metadata value 'n' is not a string")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}, \"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}}", "lists 'a' twice")]
    [InlineData("{\"\\ud800\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}}", "holds a string that is not valid Unicode")]
    [InlineData("{\"__metadata__\": {\"n\": \"\\udc00\"}}", "holds a string that is not valid Unicode")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [4611686018427387904, 4], \"data_offsets\": [0, 8]}}", "needs over 2^63 bytes, but its data_offsets span 8")]
    public void A_malformed_header_is_reported(string json, string message)
    {
        byte[] header = Encoding.UTF8.GetBytes(json);
        var bytes = new byte[8 + header.Length + 8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, header.Length);
        header.CopyTo(bytes, 8);
        string path = _folder.File("bad.safetensors");
        File.WriteAllBytes(path, bytes);

        SafetensorsException error = AssertImportFails(path);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_header_that_is_not_utf8_is_reported()
    {
        // A name byte 0xDF (a lead byte followed by '"') is JSON the reader accepts until the name is decoded.
        byte[] header = Encoding.UTF8.GetBytes("{\"a_\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}}");
        header[3] = 0xDF;
        var bytes = new byte[8 + header.Length + 8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, header.Length);
        header.CopyTo(bytes, 8);
        string path = _folder.File("latin.safetensors");
        File.WriteAllBytes(path, bytes);

        Assert.Contains("its header is not valid UTF-8", AssertImportFails(path).Message);
        Assert.Contains("its header is not valid UTF-8", Assert.Throws<SafetensorsException>(() => Safetensors.ReadHeader(path)).Message);
    }

    [Fact]
    public void A_model_file_given_for_safetensors_is_named()
    {
        string path = _folder.File("model.gennn");
        ModelFile.Save(new TanhNet(), path);

        Assert.Contains("it is a GenNN model file (.gennn): load it with ModelFile.Load", AssertImportFails(path).Message);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(40)]
    [InlineData(-4)]
    public void A_truncated_file_is_reported(int keptBytes)
    {
        string path = _folder.File("cut.safetensors");
        Safetensors.Export(new TanhNet(), path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(keptBytes >= 0 ? keptBytes : bytes.Length + keptBytes)]);

        SafetensorsException error = AssertImportFails(path);
        Assert.Contains("not a valid safetensors file", error.Message);
    }

    /// <summary>
    /// Layouts where every tensor lies inside the buffer with the right size, but the data are not end to end as the
    /// format requires (safetensors' own reader refuses them too): TanhNet's first five tensors occupy bytes 0 to
    /// 208, and each case puts the 8 bytes of <c>4.bias</c> somewhere else than 208 to 216.
    /// </summary>
    [Theory]
    [InlineData(0, 8, 208, "tensors '4.bias' (bytes 0 to 8) and '0.weight' (bytes 0 to 60) overlap")]
    [InlineData(204, 212, 212, "tensors '4.weight' (bytes 176 to 208) and '4.bias' (bytes 204 to 212) overlap")]
    [InlineData(212, 220, 220, "bytes 208 to 212 of the buffer, before tensor '4.bias', belong to no tensor")]
    [InlineData(208, 216, 220, "its tensors' data end at byte 216, but the buffer after the header has 220 bytes")]
    public void Tensors_whose_data_overlap_or_leave_gaps_are_refused(long begin, long end, int bufferLength, string message)
    {
        string path = WriteLayout(
            bufferLength,
            ("0.weight", [5, 3], 0, 60),
            ("0.bias", [5], 60, 80),
            ("2.weight", [4, 5], 80, 160),
            ("2.bias", [4], 160, 176),
            ("4.weight", [2, 4], 176, 208),
            ("4.bias", [2], begin, end));

        SafetensorsException error = AssertImportFails(path);
        Assert.Contains("not a valid safetensors file", error.Message);
        Assert.Contains(message, error.Message);
        Assert.Contains(message, Assert.Throws<SafetensorsException>(() => Safetensors.ReadHeader(path)).Message);
    }

    [Fact]
    public void Bytes_before_the_first_tensor_are_refused()
    {
        string path = WriteLayout(220, ("0.weight", [5, 3], 4, 64), ("0.bias", [5], 64, 84), ("2.weight", [4, 5], 84, 164), ("2.bias", [4], 164, 180), ("4.weight", [2, 4], 180, 212), ("4.bias", [2], 212, 220));

        Assert.Contains("bytes 0 to 4 of the buffer, before tensor '0.weight', belong to no tensor", AssertImportFails(path).Message);
    }

    [Fact]
    public void The_end_to_end_layout_itself_imports()
    {
        string path = WriteLayout(216, ("0.weight", [5, 3], 0, 60), ("0.bias", [5], 60, 80), ("2.weight", [4, 5], 80, 160), ("2.bias", [4], 160, 176), ("4.weight", [2, 4], 176, 208), ("4.bias", [2], 208, 216));
        var network = new TanhNet();

        Safetensors.Import(network, path);

        Assert.All(network.Parameters.ToArray(), value => Assert.Equal(0f, value));
    }

    [Fact]
    public void NaN_and_infinite_weights_are_refused_unless_allowed()
    {
        // A diverged run saved by mistake: one NaN and two infinities, exported as they are.
        var diverged = new TanhNet(seed: 4);
        diverged.Layer2Weights[(3 * 4) + 1] = float.NaN;     // input 3 to output 1: PyTorch's 2.weight[1, 3]
        diverged.Layer2Weights[(4 * 4) + 2] = float.PositiveInfinity;
        diverged.Layer3Bias[1] = float.NegativeInfinity;
        string path = _folder.File("diverged.safetensors");
        Safetensors.Export(diverged, path);

        SafetensorsException error = AssertImportFails(path);
        Assert.Equal(
            [
                "Tensor '2.weight' holds 2 NaN or infinite values, the first at [1, 3] (NaN); such weights make the network output NaN or infinity (a diverged run?). Set SafetensorsOptions.AllowNonFiniteValues to import them anyway.",
                "Tensor '4.bias' holds 1 NaN or infinite value, the first at [1] (-infinity); such weights make the network output NaN or infinity (a diverged run?). Set SafetensorsOptions.AllowNonFiniteValues to import them anyway.",
            ],
            error.Problems);

        var allowed = new TanhNet();
        Safetensors.Import(allowed, path, new SafetensorsOptions { AllowNonFiniteValues = true });
        Assert.Equal(diverged.Parameters.ToArray(), allowed.Parameters.ToArray());
    }

    [Fact]
    public void An_F64_value_beyond_float_range_counts_as_infinite_after_rounding()
    {
        var wide = new TanhNetDouble(seed: 3);
        wide.Layer1Bias[2] = 1e300;
        string path = _folder.File("huge.safetensors");
        Safetensors.Export(wide, path);

        var network = new TanhNet();
        SafetensorsException error = Assert.Throws<SafetensorsException>(() => Safetensors.Import(network, path, new SafetensorsOptions { AllowPrecisionLoss = true }));
        Assert.StartsWith("Tensor '0.bias' holds 1 NaN or infinite value, the first at [2] (+infinity)", Assert.Single(error.Problems));
    }

    /// <summary>Every tensor TanhNet needs, with the right shapes.</summary>
    private static (string Name, string DataType, long[] Shape)[] AllTanhNetTensors() =>
    [
        ("0.weight", "F32", [5, 3]), ("0.bias", "F32", [5]),
        ("2.weight", "F32", [4, 5]), ("2.bias", "F32", [4]),
        ("4.weight", "F32", [2, 4]), ("4.bias", "F32", [2]),
    ];

    /// <summary>A safetensors file, written here byte by byte, whose elements count up from 0 within each tensor.</summary>
    private string Write(params (string Name, string DataType, long[] Shape)[] tensors)
    {
        var json = new StringBuilder("{");
        var buffer = new MemoryStream();
        foreach ((string name, string dataType, long[] shape) in tensors)
        {
            long count = shape.Aggregate(1L, (a, b) => a * b);
            int size = dataType switch { "F64" or "I64" => 8, "F16" or "BF16" => 2, _ => 4 };
            long begin = buffer.Length;
            for (int i = 0; i < count; i++)
            {
                var element = new byte[size];
                if (dataType == "F32")
                {
                    BinaryPrimitives.WriteSingleLittleEndian(element, i);
                }

                buffer.Write(element);
            }

            json.Append($"\"{name}\":{{\"dtype\":\"{dataType}\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{begin},{buffer.Length}]}},");
        }

        json.Length--;
        json.Append('}');
        byte[] header = Encoding.UTF8.GetBytes(json.ToString());
        string path = _folder.File(Guid.NewGuid().ToString("N") + ".safetensors");
        using (FileStream file = File.Create(path))
        {
            var length = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(length, header.Length);
            file.Write(length);
            file.Write(header);
            file.Write(buffer.ToArray());
        }

        return path;
    }

    /// <summary>A file of F32 tensors at the given offsets, over a zero-filled buffer of <paramref name="bufferLength"/> bytes.</summary>
    private string WriteLayout(int bufferLength, params (string Name, int[] Shape, long Begin, long End)[] tensors)
    {
        string json = "{" + string.Join(",", tensors.Select(t => $"\"{t.Name}\":{{\"dtype\":\"F32\",\"shape\":[{string.Join(",", t.Shape)}],\"data_offsets\":[{t.Begin},{t.End}]}}")) + "}";
        byte[] header = Encoding.UTF8.GetBytes(json);
        var bytes = new byte[8 + header.Length + bufferLength];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, header.Length);
        header.CopyTo(bytes, 8);
        string path = _folder.File(Guid.NewGuid().ToString("N") + ".safetensors");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Importing <paramref name="path"/> into a <see cref="TanhNet"/> fails and changes nothing.</summary>
    private static SafetensorsException AssertImportFails(string path)
    {
        var network = new TanhNet(seed: 21);
        float[] before = network.Parameters.ToArray();

        SafetensorsException error = Assert.Throws<SafetensorsException>(() => Safetensors.Import(network, path));

        Assert.Equal(before, network.Parameters.ToArray());
        Assert.Contains(path, error.Message);
        return error;
    }
}
