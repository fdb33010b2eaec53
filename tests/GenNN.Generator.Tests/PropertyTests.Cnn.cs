using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using GenNN.Generator.Tests.Infrastructure;
using GenNN.Tests;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// Random valid convolutional topologies: every one must generate without diagnostics, compile cleanly, give the same
/// outputs sample by sample (<c>Forward</c>) and blocked (<c>ForwardBatch</c>), and have a gradient that matches finite
/// differences. Activations are smooth and pools average, so the ±1e-5 steps never straddle a kink; max pooling,
/// ReLU and BatchNorm are checked by dedicated tests and against PyTorch.
/// </summary>
public sealed partial class PropertyTests
{
    private const int CnnIterations = 24;

    private static readonly string[] SmoothActivations = ["Identity", "Tanh", "Sigmoid", "GELU", "SiLU", "ELU", "Softplus", "GELUTanh"];

    /// <summary>One convolution block's choices; <see cref="RenderCnn"/> keeps only the ones the shape allows.</summary>
    private sealed record ConvBlock(int Filters, int Kernel, int Stride, int Padding, bool Same, int Dilation, bool Grouped, string Activation, bool Pool, bool Norm);

    private static readonly Gen<ConvBlock> Block =
        from filters in Gen.Int[1, 4]
        from kernel in Gen.Int[1, 3]
        from stride in Gen.Int[1, 2]
        from padding in Gen.Int[0, 1]
        from same in Gen.Bool
        from dilation in Gen.Int[1, 2]
        from grouped in Gen.Bool
        from activation in Gen.OneOfConst(SmoothActivations)
        from pool in Gen.Bool
        from norm in Gen.Bool
        select new ConvBlock(filters, kernel, stride, padding, same, dilation, grouped, activation, pool, norm);

    private static readonly Gen<string> CnnSource =
        from rank in Gen.Int[2, 3]
        from channels in Gen.Int[1, 3]
        from extent in Gen.Int[5, 11]
        from blocks in Block.Array[1, 3]
        from globalPool in Gen.Bool
        from recurrent in Gen.Int[0, 2]
        from units in Gen.Int[1, 3]
        from outputs in Gen.Int[1, 4]
        from head in Gen.OneOfConst("MeanSquaredError", "BinaryCrossEntropy", "CrossEntropy")
        select RenderCnn(rank, channels, extent, blocks, globalPool, (recurrent, units), outputs, head);

    [Fact]
    public void ValidCnnTopologies_AgreeBetweenSingleAndBlockedForward_AndHaveExactGradients()
        => CnnSource.Select(Gen.Long).Sample(CheckCnn, iter: CnnIterations, print: sample => $"seed {sample.Item2}, network:\n{sample.Item1}");

    private static void CheckCnn(string source, long seed)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        using InMemoryAssembly assembly = InMemoryAssembly.Load(run.Output);
        var network = assembly.Create<ITrainableNetwork<double>>(TopologySource.TypeName, seed);
        var random = new SeededRandom(seed);
        GradientChecker.Perturb(network, ref random);

        const int samples = 3;
        double[] inputs = Enumerable.Range(0, samples * network.InputSize).Select(_ => random.NextDouble(-1, 1)).ToArray();
        double[] batched = new double[samples * network.OutputSize];
        network.ForwardBatch(inputs, batched);
        double[] single = new double[network.OutputSize];
        for (int s = 0; s < samples; s++)
        {
            network.Forward(inputs.AsSpan(s * network.InputSize, network.InputSize), single);
            for (int k = 0; k < single.Length; k++)
            {
                double expected = batched[(s * network.OutputSize) + k];
                Assert.True(Math.Abs(single[k] - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"sample {s} output {k}: Forward {single[k]:R}, ForwardBatch {expected:R}");
            }
        }

        LossFunction loss = network.Description.Loss!.Value;
        (double[] input, double[] target) = GradientChecker.Sample(ref random, network.InputSize, network.OutputSize, loss);
        double error = GradientChecker.MaxError(network, input, target);
        Assert.True(error < GradientChecker.Tolerance, $"Gradient differs from finite differences by {error:R}");
    }

    /// <summary>
    /// The network's source: the blocks that fit the shape so far (a block whose window would leave no output is
    /// left out); for a signal, maybe a recurrent layer over the positions (<c>[Transpose]</c> before it: a GRU's last
    /// state, or an LSTM's sequence transposed back); then global average pooling or a flatten (unless the GRU already
    /// gave a vector), and a dense head fitting the loss.
    /// </summary>
    private static string RenderCnn(int rank, int channels, int extent, ConvBlock[] blocks, bool globalPool, (int Kind, int Units) recurrent, int outputs, string loss)
    {
        string conv = rank == 3 ? "Conv2D" : "Conv1D";
        string pool = rank == 3 ? "AvgPool2D" : "AvgPool1D";
        var attributes = new List<string> { "Network(Precision.Double)", rank == 3 ? $"Input({channels}, {extent}, {extent})" : $"Input({channels}, {extent})" };
        int size = extent;
        foreach (ConvBlock block in blocks)
        {
            bool same = block.Same && block.Stride == 1;
            int padding = same ? block.Dilation * (block.Kernel - 1) : 2 * block.Padding;
            int next = ((size + padding - (block.Dilation * (block.Kernel - 1)) - 1) / block.Stride) + 1;
            if (size + padding < (block.Dilation * (block.Kernel - 1)) + 1 || next < 1)
            {
                continue;
            }

            int groups = block.Grouped && channels % 2 == 0 ? 2 : 1;
            int filters = block.Filters * groups;
            string options = same ? ", Padding = Padding.Same" : block.Padding > 0 ? $", PaddingSize = {block.Padding}" : string.Empty;
            attributes.Add($"{conv}({filters}, {block.Kernel}, Activation.{block.Activation}, Stride = {block.Stride}, Dilation = {block.Dilation}, Groups = {groups}{options})");
            channels = filters;
            size = next;
            // Over two values a LayerNorm is ±1 up to ε: so curved that central differences at h = 1e-5 miss its
            // gradient by ~1e-5 (shown to fall as h², the analytic gradient being right), so it needs three or more.
            if (block.Norm && size >= 3)
            {
                attributes.Add("LayerNorm");
            }

            if (block.Pool && size >= 2)
            {
                attributes.Add($"{pool}(2, Stride = 1, PaddingSize = 1)");
                size += 1;
            }
        }

        if (rank == 2 && recurrent.Kind == 1)
        {
            attributes.Add("Transpose");
            attributes.Add($"Gru({recurrent.Units})");
        }
        else
        {
            if (rank == 2 && recurrent.Kind == 2)
            {
                attributes.Add("Transpose");
                attributes.Add($"Lstm({recurrent.Units}, ReturnSequences = true)");
                attributes.Add("Transpose");
            }

            attributes.Add(globalPool ? "GlobalAveragePool" : "Flatten");
        }

        string head = loss switch
        {
            "BinaryCrossEntropy" => $"Dense({outputs}, Activation.Sigmoid)",
            "CrossEntropy" => $"Dense({Math.Max(2, outputs)}, Activation.Softmax)",
            _ => $"Dense({outputs}, Activation.Tanh)",
        };
        attributes.Add(head);
        attributes.Add($"Loss(LossFunction.{loss})");
        return $"using GenNN;\n\nnamespace {TopologySource.Namespace};\n\n" + string.Join("\n", attributes.Select(attribute => $"[{attribute}]"))
            + $"\npublic partial class {TopologySource.ClassName} {{ }}\n";
    }
}
