using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using GenNN.Serialization;
using GenNN.Training;
using Xunit;

namespace GenNN.Tests.Serialization;

public sealed class ModelFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Parameters_round_trip_bit_for_bit()
    {
        var saved = new TanhNet(seed: 1);
        var loaded = new TanhNet(seed: 2);
        string path = _folder.File("tanh.gennn");

        ModelFile.Save(saved, path);
        ModelFile.Load(loaded, path);

        Assert.Equal(saved.Parameters.ToArray(), loaded.Parameters.ToArray());
    }

    [Fact]
    public void Double_parameters_round_trip_bit_for_bit()
    {
        var saved = new TanhNetDouble(seed: 1);
        var loaded = new TanhNetDouble(seed: 2);
        string path = _folder.File("tanh64.gennn");

        ModelFile.Save(saved, path);
        ModelFile.Load(loaded, path);

        Assert.Equal(saved.Parameters.ToArray(), loaded.Parameters.ToArray());
    }

    [Fact]
    public void The_header_describes_the_network_and_the_layout_matches_the_documented_format()
    {
        var network = new TanhNet();
        string path = _folder.File("info.gennn");
        ModelFile.Save(network, path);

        ModelFileInfo info = ModelFile.ReadInfo(path);
        byte[] bytes = File.ReadAllBytes(path);

        Assert.Equal(new ModelFileInfo(3, "TanhNet", "Input(3)|Dense(3->5)|Dense(5->4)|Dense(4->2)", Precision.Single, TanhNet.ParameterCount, 0, null, 0, 0, null), info);
        Assert.Equal([0x89, (byte)'G', (byte)'N', (byte)'N', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        Assert.Equal(TanhNet.ParameterCount, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(18)));
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(22)));
        Assert.Equal(16 + headerLength + 4 + (TanhNet.ParameterCount * 4) + 4, bytes.Length);
        Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32(bytes.AsSpan(0, 16 + headerLength)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16 + headerLength)));
        Assert.Equal(network.Parameters[0], BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(16 + headerLength + 4)));
        Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - 4)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4)));
    }

    [Fact]
    public void Training_resumed_from_a_file_continues_exactly_as_if_uninterrupted()
    {
        float[] inputs = [0.1f, -0.4f, 0.9f, 0.7f, 0.2f, -0.3f];
        float[] targets = [1, 0, 0, 1];
        OptimizerOptions adam = OptimizerOptions.For(OptimizerKind.Adam) with { LearningRate = 0.05 };
        string path = _folder.File("resume.gennn");

        var uninterrupted = new TanhNet();
        Optimizer<float> uninterruptedOptimizer = Optimizer<float>.Create(adam, TanhNet.ParameterCount);
        var first = new TanhNet();
        Optimizer<float> firstOptimizer = Optimizer<float>.Create(adam, TanhNet.ParameterCount);
        for (int step = 0; step < 5; step++)
        {
            Step(uninterrupted, uninterruptedOptimizer, inputs, targets);
            Step(first, firstOptimizer, inputs, targets);
        }

        ModelFile.Save(first, path, firstOptimizer);
        var resumed = new TanhNet(seed: 99);
        Optimizer<float> resumedOptimizer = Optimizer<float>.Create(adam, TanhNet.ParameterCount);
        ModelFile.Load(resumed, path, resumedOptimizer);
        for (int step = 0; step < 5; step++)
        {
            Step(uninterrupted, uninterruptedOptimizer, inputs, targets);
            Step(resumed, resumedOptimizer, inputs, targets);
        }

        Assert.Equal(5, ModelFile.ReadInfo(path).OptimizerStepCount);
        Assert.Equal(OptimizerKind.Adam, ModelFile.ReadInfo(path).Optimizer);
        Assert.Equal(10, resumedOptimizer.StepCount);
        Assert.Equal(uninterruptedOptimizer.State.ToArray(), resumedOptimizer.State.ToArray());
        Assert.Equal(uninterrupted.Parameters.ToArray(), resumed.Parameters.ToArray());
    }

    [Fact]
    public void A_file_with_optimizer_state_still_loads_parameters_alone()
    {
        var network = new TanhNet(seed: 4);
        string path = _folder.File("with-state.gennn");
        ModelFile.Save(network, path, Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.Adam), TanhNet.ParameterCount));

        var loaded = new TanhNet(seed: 5);
        ModelFile.Load(loaded, path);

        Assert.Equal(network.Parameters.ToArray(), loaded.Parameters.ToArray());
    }

    [Fact]
    public void Saving_with_an_optimizer_of_another_size_is_an_argument_error()
    {
        Optimizer<float> optimizer = Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.Sgd), 3);

        Assert.Throws<ArgumentException>(() => ModelFile.Save(new TanhNet(), _folder.File("x.gennn"), optimizer));
    }

    [Fact]
    public void Loading_another_networks_file_fails_and_names_both_signatures()
    {
        string path = Saved(new WiderNet());

        ModelFileException error = AssertLoadFails(ModelFileError.NetworkMismatch, path);
        Assert.Contains("Input(3)|Dense(3->6)|Dense(6->2)", error.Message);
        Assert.Contains("Input(3)|Dense(3->5)|Dense(5->4)|Dense(4->2)", error.Message);
    }

    [Fact]
    public void Activation_layers_are_not_part_of_the_signature_so_files_cross_activations()
    {
        // GeluNet has a GELU layer and a softmax layer where TanhNet fuses tanh and a sigmoid: the same parameters.
        var gelu = new GeluNet();
        Assert.Equal(TanhNet.Description.Signature, GeluNet.Description.Signature);
        var tanh = new TanhNet(seed: 77);

        ModelFile.Load(tanh, Saved(gelu));

        Assert.Equal(gelu.Parameters.ToArray(), tanh.Parameters.ToArray());
    }

    [Fact]
    public void A_file_whose_signature_lists_activation_layers_as_earlier_versions_wrote_them_still_loads()
    {
        var gelu = new GeluNet();
        byte[] bytes = ModelFileBytes.WithSignature(File.ReadAllBytes(Saved(gelu)), "Input(3)|Dense(3->5)|Activation(5->5)|Dense(5->4)|Dense(4->2)|Activation(2->2)");
        string path = _folder.File("earlier.gennn");
        File.WriteAllBytes(path, bytes);
        var tanh = new TanhNet(seed: 77);

        Assert.Equal("Input(3)|Dense(3->5)|Dense(5->4)|Dense(4->2)", ModelFile.ReadInfo(path).Signature);
        ModelFile.Load(tanh, path);

        Assert.Equal(gelu.Parameters.ToArray(), tanh.Parameters.ToArray());
    }

    [Fact]
    public void A_file_saved_with_dropout_loads_into_the_network_without_it()
    {
        // Dropout is the identity outside training: a model trained with one rate is deployed, or fine-tuned, with another.
        var trained = new GenNN.Tests.Training.DropoutSpiralClassifier();
        string path = Saved(trained);
        var deployed = new GenNN.Tests.Training.SpiralClassifier(seed: 5);

        ModelFile.Load(deployed, path);

        Assert.Equal(trained.Parameters.ToArray(), deployed.Parameters.ToArray());
    }

    [Fact]
    public void A_file_whose_signature_lists_dropout_and_batchnorm_momentum_as_earlier_versions_wrote_them_still_loads()
    {
        var saved = new SerialCnn();
        string earlier = SerialCnn.Description.Signature.Replace("|BatchNorm(4x8x8->4x8x8;Epsilon=", "|BatchNorm(4x8x8->4x8x8;Momentum=0.1,Epsilon=", StringComparison.Ordinal)
            .Replace("|MaxPool2D(", "|Dropout(4x8x8->4x8x8;Rate=0.5)|MaxPool2D(", StringComparison.Ordinal);
        Assert.NotEqual(SerialCnn.Description.Signature, earlier);
        string path = _folder.File("earlier.gennn");
        File.WriteAllBytes(path, ModelFileBytes.WithSignature(File.ReadAllBytes(Saved(saved)), earlier));
        var loaded = new SerialCnn(seed: 9);

        Assert.Equal(SerialCnn.Description.Signature, ModelFile.ReadInfo(path).Signature);
        ModelFile.Load(loaded, path);

        Assert.Equal(saved.Parameters.ToArray(), loaded.Parameters.ToArray());
    }

    [Fact]
    public void A_file_whose_signature_gives_LSTM_and_GRU_a_nonlinearity_as_earlier_versions_wrote_it_still_loads()
    {
        // Only SimpleRnn has a nonlinearity setting; earlier versions wrote Nonlinearity=0 for every cell.
        var saved = new SerialRecurrentNet();
        string signature = SerialRecurrentNet.Description.Signature;
        Assert.DoesNotContain("Lstm(6x2->6x10;Units=5,ReturnSequences=1,Bidirectional=1,Nonlinearity", signature, StringComparison.Ordinal);
        Assert.Contains("SimpleRnn(6x4->3;Units=3,ReturnSequences=0,Bidirectional=0,Nonlinearity=1)", signature, StringComparison.Ordinal);
        string earlier = signature.Replace("Bidirectional=1)", "Bidirectional=1,Nonlinearity=0)", StringComparison.Ordinal)
            .Replace("Gru(6x10->6x4;Units=4,ReturnSequences=1,Bidirectional=0)", "Gru(6x10->6x4;Units=4,ReturnSequences=1,Bidirectional=0,Nonlinearity=0)", StringComparison.Ordinal);
        Assert.Equal(2, earlier.Split("Nonlinearity=0").Length - 1);
        string path = _folder.File("earlier-recurrent.gennn");
        File.WriteAllBytes(path, ModelFileBytes.WithSignature(File.ReadAllBytes(Saved(saved)), earlier));
        var loaded = new SerialRecurrentNet(seed: 9);

        Assert.Equal(signature, ModelFile.ReadInfo(path).Signature);
        ModelFile.Load(loaded, path);

        Assert.Equal(saved.Parameters.ToArray(), loaded.Parameters.ToArray());
    }

    [Fact]
    public void Loading_a_file_of_the_other_precision_fails()
    {
        string path = Saved(new TanhNetDouble());

        ModelFileException error = AssertLoadFails(ModelFileError.PrecisionMismatch, path);
        Assert.Contains("saved from a double (float64) network", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(15)]
    [InlineData(30)]
    [InlineData(100)]
    [InlineData(-1)]
    public void A_truncated_file_fails_as_truncated(int keptBytes)
    {
        string path = Saved(new TanhNet());
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(keptBytes >= 0 ? keptBytes : bytes.Length + keptBytes)]);

        AssertLoadFails(ModelFileError.Truncated, path);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(60)]
    [InlineData(-5)]
    [InlineData(-1)]
    public void A_flipped_bit_anywhere_after_the_prefix_fails_as_corrupted(int offset)
    {
        string path = Saved(new TanhNet());
        byte[] bytes = File.ReadAllBytes(path);
        bytes[offset >= 0 ? offset : bytes.Length + offset] ^= 0x10;
        File.WriteAllBytes(path, bytes);

        ModelFileException error = AssertLoadFails(ModelFileError.Corrupted, path);
        Assert.Contains("corrupted", error.Message);
    }

    [Fact]
    public void Extra_bytes_after_the_checksum_fail_as_corrupted()
    {
        string path = Saved(new TanhNet());
        File.AppendAllText(path, "junk");

        AssertLoadFails(ModelFileError.Corrupted, path);
    }

    [Fact]
    public void A_newer_format_version_whose_header_checksum_matches_says_to_update()
    {
        // A file from the future: every version keeps the prefix and the header checksum, which covers the version.
        string path = Saved(new TanhNet());
        byte[] bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 7);
        int headerEnd = 16 + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(headerEnd), System.IO.Hashing.Crc32.HashToUInt32(bytes.AsSpan(0, headerEnd)));
        File.WriteAllBytes(path, bytes);

        ModelFileException error = AssertLoadFails(ModelFileError.UnsupportedVersion, path);
        Assert.Contains("format version 7", error.Message);
        Assert.Contains("update GenNN", error.Message);
    }

    [Fact]
    public void A_flipped_bit_in_the_version_field_is_corruption_not_a_newer_version()
    {
        string path = Saved(new TanhNet());
        byte[] original = File.ReadAllBytes(path);
        for (int bit = 0; bit < 32; bit++)
        {
            byte[] bytes = (byte[])original.Clone();
            bytes[8 + (bit / 8)] ^= (byte)(1 << (bit % 8));
            File.WriteAllBytes(path, bytes);

            AssertLoadFails(ModelFileError.Corrupted, path);
        }
    }

    [Fact]
    public void Another_kind_of_file_is_not_a_model_file()
    {
        string path = _folder.File("notes.txt");
        File.WriteAllText(path, "hello, this is not a model");

        AssertLoadFails(ModelFileError.NotAModelFile, path);
        Assert.Equal(ModelFileError.NotAModelFile, Assert.Throws<ModelFileException>(() => ModelFile.ReadInfo(path)).Error);
    }

    /// <summary>
    /// Header fields a bug or a hand-made file could write, behind checksums that match: each is corruption with its
    /// own message, never a load (precision 2 read as float) or another exception type (a negative step count).
    /// </summary>
    [Theory]
    [InlineData("precision", "its precision code 2 is neither 0 (float32) nor 1 (float64)")]
    [InlineData("flags", "its flags 0x03 set bits that version 3 does not define")]
    [InlineData("kind", "its optimizer kind 9 is not one GenNN knows")]
    [InlineData("steps", "its optimizer step count is negative")]
    public void A_header_field_out_of_its_range_is_corruption_even_with_matching_checksums(string field, string message)
    {
        string path = _folder.File(field + ".gennn");
        ModelFile.Save(new TanhNet(), path, Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.Adam), TanhNet.ParameterCount));
        byte[] saved = File.ReadAllBytes(path);
        int kindAt = ModelFileBytes.OptimizerKindOffset(saved);
        File.WriteAllBytes(path, field switch
        {
            "precision" => ModelFileBytes.WithBytesAt(saved, ModelFileBytes.PrecisionOffset, 2),
            "flags" => ModelFileBytes.WithBytesAt(saved, ModelFileBytes.PrecisionOffset + 1, 3),
            "kind" => ModelFileBytes.WithBytesAt(saved, kindAt, BitConverter.GetBytes(9)),
            _ => ModelFileBytes.WithBytesAt(saved, kindAt + 4, BitConverter.GetBytes(-1L)),
        });

        Assert.Contains(message, AssertLoadFails(ModelFileError.Corrupted, path, Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.Adam), TanhNet.ParameterCount)).Message);
        Assert.Contains(message, Assert.Throws<ModelFileException>(() => ModelFile.ReadInfo(path)).Message);
    }

    [Fact]
    public void A_safetensors_file_is_named_as_one()
    {
        string path = _folder.File("tanh.safetensors");
        Safetensors.Export(new TanhNet(), path);

        Assert.Contains("it is a safetensors file, not a GenNN model file: import it with Safetensors.Import (Safetensors.ReadHeader reads its header).", AssertLoadFails(ModelFileError.NotAModelFile, path).Message);
        Assert.Contains("import it with Safetensors.Import", Assert.Throws<ModelFileException>(() => ModelFile.ReadInfo(path)).Message);
    }

    [Fact]
    public void Resuming_from_a_file_without_optimizer_state_fails()
    {
        string path = Saved(new TanhNet());
        Optimizer<float> optimizer = Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.Adam), TanhNet.ParameterCount);

        AssertLoadFails(ModelFileError.MissingOptimizerState, path, optimizer);
    }

    [Fact]
    public void Resuming_with_another_optimizer_kind_or_state_layout_fails_and_changes_nothing()
    {
        string path = _folder.File("adam.gennn");
        Optimizer<float> adam = Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.Adam), TanhNet.ParameterCount);
        adam.State.Fill(0.5f);
        adam.StepCount = 3;
        ModelFile.Save(new TanhNet(), path, adam);

        Optimizer<float> rmsprop = Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.RMSprop), TanhNet.ParameterCount);
        Optimizer<float> amsgrad = Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.Adam) with { Amsgrad = true }, TanhNet.ParameterCount);
        Optimizer<float> adamW = Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.AdamW), TanhNet.ParameterCount);
        ModelFileException error = AssertLoadFails(ModelFileError.OptimizerMismatch, path, rmsprop);
        ModelFileException layout = AssertLoadFails(ModelFileError.OptimizerMismatch, path, amsgrad);
        ModelFileException kind = AssertLoadFails(ModelFileError.OptimizerMismatch, path, adamW);

        Assert.Contains("holds the state of an optimizer of kind Adam, but the optimizer given is RMSprop", error.Message);
        Assert.Contains("it holds Adam state exp_avg, exp_avg_sq, but the Adam optimizer given keeps exp_avg, exp_avg_sq, max_exp_avg_sq", layout.Message);
        // AdamW's state is as long as Adam's: the kind, not a count of values, is what differs.
        Assert.Contains("resume with OptimizerKind.Adam.", kind.Message);
        Assert.Equal(0, rmsprop.StepCount);
        Assert.All(amsgrad.State.ToArray(), value => Assert.Equal(0f, value));
    }

    [Fact]
    public void Resuming_RMSprop_with_momentum_into_RMSprop_centered_fails_although_their_states_are_equally_long()
    {
        string path = _folder.File("rmsprop.gennn");
        Optimizer<float> momentum = Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.RMSprop) with { Momentum = 0.9 }, TanhNet.ParameterCount);
        momentum.State.Fill(0.5f);
        ModelFile.Save(new TanhNet(), path, momentum);
        Optimizer<float> centered = Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.RMSprop) with { Centered = true }, TanhNet.ParameterCount);
        Assert.Equal(momentum.State.Length, centered.State.Length);

        ModelFileException error = AssertLoadFails(ModelFileError.OptimizerMismatch, path, centered);

        Assert.Contains(
            "it holds RMSprop state square_avg, momentum_buffer, but the RMSprop optimizer given keeps square_avg, grad_avg; create it with the options it was saved with",
            error.Message);
        Assert.Equal("square_avg|momentum_buffer", ModelFile.ReadInfo(path).OptimizerStateNames);
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd, false, "")]
    [InlineData(OptimizerKind.Sgd, true, "momentum_buffer")]
    [InlineData(OptimizerKind.Adam, false, "exp_avg|exp_avg_sq")]
    [InlineData(OptimizerKind.AdamW, true, "exp_avg|exp_avg_sq|max_exp_avg_sq")]
    [InlineData(OptimizerKind.RMSprop, true, "square_avg|momentum_buffer|grad_avg")]
    [InlineData(OptimizerKind.Adagrad, false, "sum")]
    public void A_file_names_the_optimizer_state_blocks_and_resumes_them(OptimizerKind kind, bool options, string names)
    {
        OptimizerOptions chosen = (kind, options) switch
        {
            (OptimizerKind.Sgd, true) => OptimizerOptions.For(kind) with { Momentum = 0.9 },
            (OptimizerKind.AdamW, true) => OptimizerOptions.For(kind) with { Amsgrad = true },
            (OptimizerKind.RMSprop, true) => OptimizerOptions.For(kind) with { Momentum = 0.9, Centered = true },
            _ => OptimizerOptions.For(kind),
        };
        Optimizer<float> saved = Optimizer<float>.Create(chosen, TanhNet.ParameterCount);
        for (int i = 0; i < saved.State.Length; i++)
        {
            saved.State[i] = i / 4f;
        }

        string path = _folder.File("optimizer.gennn");
        ModelFile.Save(new TanhNet(), path, saved);
        Optimizer<float> resumed = Optimizer<float>.Create(chosen, TanhNet.ParameterCount);
        ModelFile.Load(new TanhNet(), path, resumed);

        Assert.Equal(names, string.Join('|', saved.StateNames));
        Assert.Equal(names, ModelFile.ReadInfo(path).OptimizerStateNames);
        Assert.Equal(saved.StateNames.Count * TanhNet.ParameterCount, saved.State.Length);
        Assert.Equal(saved.State.ToArray(), resumed.State.ToArray());
    }

    [Fact]
    public void A_version_2_file_without_state_names_still_resumes_its_optimizer()
    {
        string path = _folder.File("version2.gennn");
        File.WriteAllBytes(path, Convert.FromBase64String(ModelFileVersion2Fixtures.TanhWithRmsPropMomentum));
        var network = new TanhNet();
        Optimizer<float> rmsprop = Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.RMSprop) with { Momentum = 0.9 }, TanhNet.ParameterCount);

        ModelFile.Load(network, path, rmsprop);

        Assert.Equal(
            new ModelFileInfo(2, "TanhNet", TanhNet.Description.Signature, Precision.Single, TanhNet.ParameterCount, 0, OptimizerKind.RMSprop, 3, 2 * TanhNet.ParameterCount, null),
            ModelFile.ReadInfo(path));
        Assert.Equal(Enumerable.Range(0, TanhNet.ParameterCount).Select(i => (i - 10) / 8f), network.Parameters.ToArray());
        Assert.Equal(Enumerable.Range(0, rmsprop.State.Length).Select(i => i / 2f), rmsprop.State.ToArray());
        Assert.Equal(3, rmsprop.StepCount);

        // Without names, the state's length is what is checked.
        Optimizer<float> plain = Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.RMSprop), TanhNet.ParameterCount);
        Assert.Contains($"it holds RMSprop state of {2 * TanhNet.ParameterCount} values, but the RMSprop optimizer given has {TanhNet.ParameterCount}", AssertLoadFails(ModelFileError.OptimizerMismatch, path, plain).Message);
    }

    [Fact]
    public void State_names_that_do_not_match_the_state_length_are_corruption()
    {
        string path = _folder.File("rmsprop.gennn");
        ModelFile.Save(new TanhNet(), path, Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.RMSprop) with { Momentum = 0.9 }, TanhNet.ParameterCount));
        byte[] file = File.ReadAllBytes(path);
        int namesAt = ModelFileBytes.OptimizerKindOffset(file) + 4 + 8 + 4 + 4;
        File.WriteAllBytes(path, ModelFileBytes.WithBytesAt(file, namesAt, System.Text.Encoding.UTF8.GetBytes("square_avg_momentum_buffer")));

        Assert.Contains(
            $"its optimizer state of {2 * TanhNet.ParameterCount} values is not one block of {TanhNet.ParameterCount} parameters per name in 'square_avg_momentum_buffer'",
            AssertLoadFails(ModelFileError.Corrupted, path).Message);
    }

    [Theory]
    [InlineData(false, "|abcdefghijklmnopqrstuvwxy")]              // square_avg|momentum_buffer, as many blocks, one name empty
    [InlineData(true, "abcdefghij|abcdefghij|abcdefghijk")]       // exp_avg|exp_avg_sq|max_exp_avg_sq, one name twice
    public void State_names_with_an_empty_or_repeated_name_are_corruption(bool adam, string names)
    {
        string path = _folder.File("names.gennn");
        OptimizerOptions options = adam
            ? OptimizerOptions.For(OptimizerKind.Adam) with { Amsgrad = true }
            : OptimizerOptions.For(OptimizerKind.RMSprop) with { Momentum = 0.9 };
        ModelFile.Save(new TanhNet(), path, Optimizer<float>.Create(options, TanhNet.ParameterCount));
        byte[] file = File.ReadAllBytes(path);
        int namesAt = ModelFileBytes.OptimizerKindOffset(file) + 4 + 8 + 4 + 4;
        File.WriteAllBytes(path, ModelFileBytes.WithBytesAt(file, namesAt, System.Text.Encoding.UTF8.GetBytes(names)));

        Assert.Contains($"its optimizer state names '{names}' have an empty or repeated name", AssertLoadFails(ModelFileError.Corrupted, path).Message);
    }

    [Fact]
    public void Saving_replaces_an_existing_file_and_leaves_no_temporary_file()
    {
        string path = _folder.File("model.gennn");
        File.WriteAllText(path, "old");

        ModelFile.Save(new TanhNet(), path);

        Assert.Equal([path], Directory.GetFiles(_folder.Path));
        Assert.Equal("TanhNet", ModelFile.ReadInfo(path).NetworkName);
    }

    [Fact]
    public void A_failed_save_leaves_the_target_as_it_was_and_no_temporary_file()
    {
        // A folder where the file should go: the rename fails after the temporary file was fully written.
        string path = _folder.File("occupied");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "inside.txt"), "kept");

        Assert.ThrowsAny<IOException>(() => ModelFile.Save(new TanhNet(), path));

        Assert.Equal([path], Directory.GetFileSystemEntries(_folder.Path));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(path, "inside.txt")));
    }

    private static void Step(TanhNet network, Optimizer<float> optimizer, float[] inputs, float[] targets)
    {
        network.ZeroGradients();
        for (int i = 0; i < 2; i++)
        {
            network.Backward(inputs.AsSpan(i * 3, 3), targets.AsSpan(i * 2, 2));
        }

        optimizer.Step(network.Parameters, network.Gradients);
    }

    private string Saved<T>(INetwork<T> network)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        string path = _folder.File(Guid.NewGuid().ToString("N") + ".gennn");
        ModelFile.Save(network, path);
        return path;
    }

    /// <summary>Loading <paramref name="path"/> into a <see cref="TanhNet"/> fails with <paramref name="expected"/> and changes nothing.</summary>
    private static ModelFileException AssertLoadFails(ModelFileError expected, string path, Optimizer<float>? optimizer = null)
    {
        var network = new TanhNet(seed: 77);
        float[] before = network.Parameters.ToArray();
        float[]? stateBefore = optimizer?.State.ToArray();

        ModelFileException error = Assert.Throws<ModelFileException>(() => ModelFile.Load(network, path, optimizer));

        Assert.Equal(expected, error.Error);
        Assert.Contains(path, error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
        if (optimizer is not null)
        {
            Assert.Equal(stateBefore, optimizer.State.ToArray());
        }

        return error;
    }
}
