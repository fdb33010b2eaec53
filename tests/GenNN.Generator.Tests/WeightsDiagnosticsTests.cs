using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using GenNN.Generator.Diagnostics;
using GenNN.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using static GenNN.Generator.Tests.Infrastructure.WeightsFiles;

namespace GenNN.Generator.Tests;

/// <summary>
/// Compiled-in weights that do not fit: every weights diagnostic (GNN0026 to GNN0033) with its ID, on the
/// <c>Weights = ...</c> argument, with a message naming the file, the tensor and both shapes; no weights source for
/// the network and no compiler error besides; and never an exception, whatever bytes the file holds.
/// </summary>
public sealed class WeightsDiagnosticsTests
{
    /// <summary>Linear(3, 4), ReLU, Linear(4, 2): tensors 0.weight [4, 3], 0.bias [4], 2.weight [2, 4], 2.bias [2].</summary>
    private const string Attributes = "[Input(3)] [Dense(4, Activation.ReLU)] [Dense(2)]";

    private static readonly Tensor[] Fitting =
    {
        F32("0.weight", new[] { 4, 3 }), F32("0.bias", new[] { 4 }), F32("2.weight", new[] { 2, 4 }), F32("2.bias", new[] { 2 }),
    };

    [Fact]
    public void FittingFile_ReportsNothing_AndCompiles()
    {
        GeneratorRun run = Run("net.safetensors", Safetensors(Fitting));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains(run.GeneratedSources, source => source.HintName == "Demo.Net.GenNN.Weights.g.cs");
    }

    [Theory]
    [InlineData("Models/net.safetensors", "net.safetensors")]
    [InlineData("Models/net.safetensors", "Models/net.safetensors")]
    [InlineData("Models/net.safetensors", "./Models/net.safetensors")]
    [InlineData("Models/net.safetensors", "Models\\\\net.safetensors")]
    public void FileIsFound_ByItsPathOrUniqueName(string itemPath, string named)
    {
        GeneratorRun run = Run(named, ImmutableArray.Create(Encoded(itemPath, Safetensors(Fitting))));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void GNN0026_MissingFile()
    {
        Diagnostic diagnostic = Single(Run("digits.safetensors", ImmutableArray.Create(Encoded("other.safetensors", Safetensors(Fitting)))), DiagnosticDescriptors.WeightsFileNotFoundId);

        Assert.Contains("names weights file 'digits.safetensors'", Message(diagnostic));
        Assert.Contains("its weights files are: other.safetensors", Message(diagnostic));
        Assert.Contains("<AdditionalFiles Include=\"digits.safetensors\" />", Message(diagnostic));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void GNN0026_NoPath(string named)
        => Assert.Contains(
            $"names weights file '{named}', which is no path: name a .safetensors or .gennn file",
            Message(Single(Run(named, ImmutableArray.Create(Encoded("other.safetensors", Safetensors(Fitting)))), DiagnosticDescriptors.WeightsFileNotFoundId)));

    [Fact]
    public void GNN0026_AmbiguousFileName()
    {
        GeneratorRun run = Run("net.safetensors", ImmutableArray.Create(Encoded("a/net.safetensors", Safetensors(Fitting)), Encoded("b/net.safetensors", Safetensors(Fitting))));

        Assert.Contains("matches 2 AdditionalFiles (a/net.safetensors, b/net.safetensors)", Message(Single(run, DiagnosticDescriptors.WeightsFileNotFoundId)));
    }

    [Fact]
    public void GNN0027_NotEncodedByTheTargets()
    {
        GeneratorRun run = Run("net.safetensors", ImmutableArray.Create<AdditionalText>(new BinaryItem("/project/net.safetensors")));

        Assert.Contains("GenNN.targets", Message(Single(run, DiagnosticDescriptors.WeightsFileUnreadableId)));
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, "too few for the 8-byte header length")]
    [InlineData(new byte[] { 200, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}' }, "runs past the end")]
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'x' }, "not valid JSON")]
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, (byte)'[', (byte)']' }, "not a JSON object")]
    public void GNN0027_MalformedSafetensors(byte[] content, string expected)
        => Assert.Contains(expected, Message(Single(Run("net.safetensors", content), DiagnosticDescriptors.WeightsFileUnreadableId)));

    [Theory]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "bytes 0 to 4 of the buffer, before tensor 'a', belong to no tensor")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "tensors 'a' and 'b' overlap")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "its tensors' data end at byte 4, but the buffer after the header has 8 bytes")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", "needs 12 bytes, but its data_offsets span 8")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[\"0\",8]}}", "tensor 'a' has data_offsets that are not two integers")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", "tensor 'a' has data_offsets that are not two integers")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]},\"a\":{}}", "lacks a string 'dtype'")]
    [InlineData("{\"__metadata__\":{\"x\":1}}", "metadata value 'x' is not a string")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,8]}}", "needs over 2^63 bytes, but its data_offsets span 8")]
    public void GNN0027_InconsistentHeader(string header, string expected)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        byte[] file = BitConverter.GetBytes((ulong)json.Length).Concat(json).Concat(new byte[8]).ToArray();

        Assert.Contains(expected, Message(Single(Run("net.safetensors", file), DiagnosticDescriptors.WeightsFileUnreadableId)));
    }

    [Fact]
    public void GNN0027_TruncatedData()
    {
        byte[] file = Safetensors(Fitting);

        Assert.Contains("outside the", Message(Single(Run("net.safetensors", file[..^4]), DiagnosticDescriptors.WeightsFileUnreadableId)));
    }

    [Fact]
    public void GNN0027_ModelFileWithAFlippedVersionBit_IsCorruptNotNewer()
    {
        byte[] file = ModelFileOf(Attributes);
        file[11] ^= 0x80;

        string message = Message(Single(Run("net.gennn", file), DiagnosticDescriptors.WeightsFileUnreadableId));
        Assert.Contains("header's CRC-32 checksum does not match", message);
        Assert.DoesNotContain("update GenNN", message);
    }

    [Theory]
    [InlineData("precision", "its precision code 2 is neither 0 (float32) nor 1 (float64)")]
    [InlineData("kind", "its optimizer kind 5 is not one GenNN knows")]
    [InlineData("steps", "its optimizer step count is negative")]
    [InlineData("names", "its optimizer state of 26 values is not one block of 26 parameters per name in 'momentum|buffer'")]
    [InlineData("empty name", "its optimizer state names '|omentum_buffer' have an empty or repeated name")]
    public void GNN0027_ModelFileWithAHeaderFieldOutOfRange_BehindMatchingChecksums(string field, string problem)
    {
        byte[] file = ModelFileOf(Attributes, withOptimizer: true);
        int kindAt = GenNN.Tests.ModelFileBytes.OptimizerKindOffset(file);
        file = field switch
        {
            "precision" => GenNN.Tests.ModelFileBytes.WithBytesAt(file, GenNN.Tests.ModelFileBytes.PrecisionOffset, 2),
            "kind" => GenNN.Tests.ModelFileBytes.WithBytesAt(file, kindAt, BitConverter.GetBytes(5)),
            "names" => GenNN.Tests.ModelFileBytes.WithBytesAt(file, kindAt + 4 + 8 + 4 + 4, System.Text.Encoding.UTF8.GetBytes("momentum|buffer")),
            "empty name" => GenNN.Tests.ModelFileBytes.WithBytesAt(file, kindAt + 4 + 8 + 4 + 4, System.Text.Encoding.UTF8.GetBytes("|omentum_buffer")),
            _ => GenNN.Tests.ModelFileBytes.WithBytesAt(file, kindAt + 4, BitConverter.GetBytes(-1L)),
        };

        Assert.Contains(problem, Message(Single(Run("net.gennn", file), DiagnosticDescriptors.WeightsFileUnreadableId)));
    }

    [Fact]
    public void GNN0027_ModelFileWithADamagedChecksum()
    {
        byte[] file = ModelFileOf(Attributes);
        file[^10] ^= 0xFF;

        Assert.Contains("CRC-32 checksum does not match its contents", Message(Single(Run("net.gennn", file), DiagnosticDescriptors.WeightsFileUnreadableId)));
    }

    [Fact]
    public void GNN0028_MissingTensor()
    {
        GeneratorRun run = Run("net.safetensors", Safetensors(Fitting.Where(tensor => tensor.Name != "2.weight").ToArray()));

        string message = Message(Single(run, DiagnosticDescriptors.WeightsTensorMissingId));
        Assert.Contains("lacks tensor '2.weight' of shape [2, 4], which layer 'Layer2' needs for its Weights (nn.Linear.weight's [out, in])", message);
        Assert.Contains("the file has: 0.weight, 0.bias, 2.bias", message);
    }

    [Fact]
    public void GNN0029_WrongShape()
    {
        Tensor[] tensors = Fitting.Select(tensor => tensor.Name == "0.weight" ? F32("0.weight", new[] { 3, 4 }) : tensor).ToArray();

        Assert.Equal(
            "Tensor '0.weight' in weights file 'net.safetensors' has shape [3, 4], but the Weights of layer 'Layer1' needs [4, 3] (nn.Linear.weight's [out, in])",
            Message(Single(Run("net.safetensors", Safetensors(tensors)), DiagnosticDescriptors.WeightsShapeMismatchId)));
    }

    [Theory]
    [InlineData("F16", 2, "only F32 and F64 are supported")]
    [InlineData("I32", 4, "only F32 and F64 are supported")]
    [InlineData("F64", 8, "never rounded silently")]
    public void GNN0030_ElementType(string dataType, int size, string expected)
    {
        Tensor[] tensors = Fitting.Select(tensor => tensor.Name == "0.bias" ? new Tensor("0.bias", dataType, new[] { 4 }, new byte[4 * size]) : tensor).ToArray();

        string message = Message(Single(Run("net.safetensors", Safetensors(tensors)), DiagnosticDescriptors.WeightsElementTypeId));
        Assert.StartsWith($"Tensor '0.bias' in weights file 'net.safetensors' has element type {dataType}: ", message);
        Assert.Contains(expected, message);
    }

    [Fact]
    public void GNN0030_F64_IsAcceptedByADoubleNetwork()
    {
        Tensor[] tensors = Fitting.Select(tensor => tensor with { DataType = "F64", Data = tensor.Data.Chunk(4).SelectMany(bytes => BitConverter.GetBytes((double)BitConverter.ToSingle(bytes))).ToArray() }).ToArray();

        GeneratorRun run = Run("net.safetensors", ImmutableArray.Create(Encoded("net.safetensors", Safetensors(tensors))), "Precision.Double, ");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void GNN0031_UnexpectedTensor()
    {
        GeneratorRun run = Run("net.safetensors", Safetensors(Fitting.Append(F32("4.weight", new[] { 1, 2 })).ToArray()));

        Assert.Equal(
            "Weights file 'net.safetensors' has tensor '4.weight' of shape [1, 2], which network 'Net' has no place for; its tensors are: 0.weight, 0.bias, 2.weight, 2.bias",
            Message(Single(run, DiagnosticDescriptors.WeightsUnexpectedTensorId)));
    }

    [Fact]
    public void GNN0032_NonFiniteValue()
    {
        float[] values = { 1, 2, float.NaN, 4, 5, float.PositiveInfinity, 7, 8 };
        Tensor[] tensors = Fitting.Select(tensor => tensor.Name == "2.weight" ? F32("2.weight", new[] { 2, 4 }, values) : tensor).ToArray();

        Assert.StartsWith(
            "Tensor '2.weight' in weights file 'net.safetensors' holds 2 NaN or infinite values, the first at [0, 2] (NaN)",
            Message(Single(Run("net.safetensors", Safetensors(tensors)), DiagnosticDescriptors.WeightsInvalidValueId)));
    }

    [Fact]
    public void GNN0032_NegativeBatchCount()
    {
        GeneratorRun run = RunBatchNorm(new Tensor("0.num_batches_tracked", "I64", Array.Empty<int>(), BitConverter.GetBytes(-4L)));

        Assert.Contains("counts -4 batches", Message(Single(run, DiagnosticDescriptors.WeightsInvalidValueId)));
    }

    [Fact]
    public void GNN0032_NegativeRunningVariance()
    {
        GeneratorRun run = RunBatchNorm(
            new Tensor("0.num_batches_tracked", "I64", Array.Empty<int>(), BitConverter.GetBytes(2L)),
            F32("0.running_var", new[] { 3 }, new float[] { 1, -0.5f, -2 }));

        Assert.Contains(
            "Tensor '0.running_var' in weights file 'bn.safetensors' holds 2 negative values, the first at [1] (-0.5); a variance is never negative",
            Message(Single(run, DiagnosticDescriptors.WeightsInvalidValueId)));
    }

    [Fact]
    public void GNN0032_RunningVarianceOfMinusInfinity_IsOneDiagnostic()
    {
        GeneratorRun run = RunBatchNorm(
            new Tensor("0.num_batches_tracked", "I64", Array.Empty<int>(), BitConverter.GetBytes(2L)),
            F32("0.running_var", new[] { 3 }, new[] { 1, float.NegativeInfinity, 2 }));

        Assert.Contains("holds 1 NaN or infinite value, the first at [1] (-infinity)", Message(Single(run, DiagnosticDescriptors.WeightsInvalidValueId)));
    }

    [Fact]
    public void GNN0030_BatchCountMustBeI64()
    {
        GeneratorRun run = RunBatchNorm(F32("0.num_batches_tracked", Array.Empty<int>()));

        Assert.Contains("a batch count is I64", Message(Single(run, DiagnosticDescriptors.WeightsElementTypeId)));
    }

    [Fact]
    public void GNN0033_ModelFileOfAnotherNetwork()
    {
        string message = Message(Single(Run("net.gennn", ModelFileOf("[Input(3)] [Dense(5, Activation.ReLU)] [Dense(2)]")), DiagnosticDescriptors.WeightsNetworkMismatchId));

        Assert.Contains("signature Input(3)|Dense(3->5)|Dense(5->2) (32 parameters), but Net has signature Input(3)|Dense(3->4)|Dense(4->2) (26 parameters)", message);
    }

    [Fact]
    public void GNN0033_ModelFileOfAnotherSignature_WithAsManyParameters()
    {
        string message = Message(Single(Run("net.gennn", ModelFileOf("[Input(3)] [Dense(4)] [LayerNorm(ElementwiseAffine = false)] [Dense(2)]")), DiagnosticDescriptors.WeightsNetworkMismatchId));

        Assert.Contains("signature Input(3)|Dense(3->4)|LayerNorm(4->4;NormalizedDimensions=1,ElementwiseAffine=0,Epsilon=", message);
        Assert.Contains("(26 parameters), but Net has signature Input(3)|Dense(3->4)|Dense(4->2) (26 parameters)", message);
    }

    [Theory]
    [InlineData("[Input(3)] [Dense(4)] [Activation(Activation.GELU)] [Dense(2)]")]
    [InlineData("[Input(3)] [Dense(4, Activation.ReLU, Dropout = 0.5)] [Dense(2)]")]
    public void ModelFileOfANetworkThatDiffersInAnActivationOrDropout_Binds(string attributes)
    {
        // Activations, fused or a layer of their own, and dropout (the identity outside training) hold no parameters
        // and are not part of the signature.
        GeneratorRun run = Run("net.gennn", ModelFileOf(attributes));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void ModelFileWithOptimizerState_Binds_InTheCurrentVersionAndVersion2()
    {
        // A training checkpoint: the optimizer's state is checked against its block names and skipped.
        byte[] checkpoint = ModelFileOf(Attributes, withOptimizer: true);
        foreach (byte[] file in new[] { checkpoint, GenNN.Tests.ModelFileBytes.AsVersion2(checkpoint) })
        {
            GeneratorRun run = Run("net.gennn", file);

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationDiagnostics);
        }
    }

    [Fact]
    public void ModelFileWhoseSignatureGivesAnLstmANonlinearityAsEarlierVersionsWroteIt_Binds()
    {
        const string attributes = "[Input(4, 2)] [Lstm(3)] [Dense(1)]";
        byte[] earlier = GenNN.Tests.ModelFileBytes.WithSignature(
            ModelFileOf(attributes), "Input(4x2)|Lstm(4x2->3;Units=3,ReturnSequences=0,Bidirectional=0,Nonlinearity=0)|Dense(3->1)");
        GeneratorRun run = Run("net.gennn", ImmutableArray.Create(Encoded("net.gennn", earlier)), attributes: attributes);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Theory]
    [InlineData("Input(3)|Dense(3->4)|Activation(4->4)|Dense(4->2)")]
    [InlineData("Input(3)|Dense(3->4)|Dropout(4->4;Rate=0.5)|Dense(4->2)")]
    public void ModelFileWhoseSignatureListsLayersAsEarlierVersionsWroteThem_Binds(string earlierSignature)
    {
        byte[] earlier = GenNN.Tests.ModelFileBytes.WithSignature(ModelFileOf(Attributes), earlierSignature);
        GeneratorRun run = Run("net.gennn", earlier);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void GNN0033_ModelFileOfAnotherPrecision()
    {
        GeneratorRun run = Run("net.gennn", ImmutableArray.Create(Encoded("net.gennn", ModelFileOf(Attributes))), "Precision.Double, ");

        Assert.Contains("saved from a float network, but Net computes in double", Message(Single(run, DiagnosticDescriptors.WeightsNetworkMismatchId)));
    }

    [Fact]
    public void EveryProblem_IsReported()
    {
        Tensor[] tensors = { F32("0.weight", new[] { 4, 2 }), new Tensor("0.bias", "BF16", new[] { 4 }, new byte[8]), F32("2.bias", new[] { 2 }), F32("extra", new[] { 1 }) };

        string[] ids = Run("net.safetensors", Safetensors(tensors)).GeneratorDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(new[] { "GNN0028", "GNN0029", "GNN0030", "GNN0031" }, ids);
    }

    /// <summary>Random bytes, and a valid file cut or flipped at random: diagnostics only, never an exception.</summary>
    [Fact]
    public void GarbageAndDamagedFiles_NeverCrashTheGenerator()
    {
        var random = new Random(20261130);
        byte[] valid = Safetensors(Fitting);
        byte[] model = ModelFileOf(Attributes);
        for (int i = 0; i < 150; i++)
        {
            byte[] file = (i % 3) switch
            {
                0 => RandomBytes(random, random.Next(0, 200)),
                1 => Damaged(random, valid),
                _ => Damaged(random, model),
            };
            string name = i % 3 == 2 ? "net.gennn" : "net.safetensors";

            GeneratorRun run = Run(name, file);

            Assert.Null(run.Exception);
            Assert.All(run.GeneratorDiagnostics, diagnostic => Assert.StartsWith("GNN00", diagnostic.Id, StringComparison.Ordinal));
            Assert.DoesNotContain(run.CompilationDiagnostics, diagnostic => !diagnostic.Id.StartsWith("GNN", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void GarbageHeaderJson_NeverCrashesTheGenerator()
    {
        var random = new Random(7);
        const string alphabet = "{}[]\",:0123456789-.eE \\u\"dtypeshapedata_offsetsF32truefalsenull";
        for (int i = 0; i < 200; i++)
        {
            string json = new(Enumerable.Range(0, random.Next(0, 60)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            byte[] header = Encoding.UTF8.GetBytes(json);
            byte[] file = BitConverter.GetBytes((ulong)header.Length).Concat(header).ToArray();

            GeneratorRun run = Run("net.safetensors", file);

            Assert.Null(run.Exception);
            Assert.NotEmpty(run.GeneratorDiagnostics);
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Damaged(Random random, byte[] file)
    {
        byte[] copy = file[..random.Next(0, file.Length + 1)];
        for (int flips = random.Next(0, 4); flips > 0 && copy.Length > 0; flips--)
        {
            copy[random.Next(copy.Length)] ^= (byte)random.Next(1, 256);
        }

        return copy;
    }

    /// <summary>A model file saved by the runtime from a network of <paramref name="attributes"/>.</summary>
    private static byte[] ModelFileOf(string attributes, bool withOptimizer = false)
    {
        using InMemoryAssembly assembly = InMemoryAssembly.Load(GeneratorHarness.Run(Source(attributes, string.Empty)).Output);
        var network = assembly.Create<INetwork<float>>("Demo.Net", 1);
        string path = System.IO.Path.GetTempFileName();
        try
        {
            GenNN.Serialization.ModelFile.Save(
                network,
                path,
                withOptimizer ? GenNN.Training.Optimizer<float>.Create(GenNN.Training.OptimizerOptions.For(GenNN.Training.OptimizerKind.Sgd) with { Momentum = 0.9 }, network.Parameters.Length) : null);
            return System.IO.File.ReadAllBytes(path);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    /// <summary>A BatchNorm network over 3 features, with fitting parameters and running statistics and the given batch count.</summary>
    private static GeneratorRun RunBatchNorm(Tensor batchCount, Tensor? runningVariance = null)
        => Run(
            "bn.safetensors",
            ImmutableArray.Create(Encoded("bn.safetensors", Safetensors(
                F32("0.weight", new[] { 3 }), F32("0.bias", new[] { 3 }), F32("0.running_mean", new[] { 3 }), runningVariance ?? F32("0.running_var", new[] { 3 }), batchCount))),
            attributes: "[Input(3)] [BatchNorm]");

    private static GeneratorRun Run(string name, byte[] content) => Run(name, ImmutableArray.Create(Encoded(name, content)));

    private static GeneratorRun Run(string named, ImmutableArray<AdditionalText> files, string precision = "", string attributes = Attributes)
        => GeneratorHarness.Run(new[] { Source(attributes, $"({precision}Weights = \"{named}\")") }, files);

    /// <summary>
    /// The network. One that names a weights file also calls its <c>ResetToTrainedWeights</c>, which must compile even
    /// when the file does not fit.
    /// </summary>
    private static string Source(string attributes, string networkArguments) => $$"""
        using GenNN;

        namespace Demo;

        [Network{{networkArguments}}] {{attributes}}
        public partial class Net
        {
            {{(networkArguments.Contains("Weights", StringComparison.Ordinal) ? "public void Restore() => ResetToTrainedWeights();" : string.Empty)}}
        }
        """;

    /// <summary>The one diagnostic, which must have <paramref name="id"/> and lie on the <c>Weights = ...</c> argument; nothing else is reported.</summary>
    private static Diagnostic Single(GeneratorRun run, string id)
    {
        Assert.Null(run.Exception);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(LocationKind.SourceFile, diagnostic.Location.Kind);
        Assert.StartsWith("Weights = \"", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan), StringComparison.Ordinal);

        // The network's own code still compiles: the weights diagnostic is the build's only error.
        Assert.Empty(run.CompilationDiagnostics);
        Assert.DoesNotContain(run.GeneratedSources, source => source.HintName.EndsWith(".Weights.g.cs", StringComparison.Ordinal));
        return diagnostic;
    }

    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);

    /// <summary>A weights file that reached the compiler without GenNN.targets: still binary, under its own extension.</summary>
    private sealed class BinaryItem(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(System.Threading.CancellationToken cancellationToken = default)
            => Microsoft.CodeAnalysis.Text.SourceText.From("\u0089GNN binary");
    }
}
