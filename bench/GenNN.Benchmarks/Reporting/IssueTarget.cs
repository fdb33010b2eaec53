using System.Collections.Generic;

namespace GenNN.Benchmarks.Reporting;

/// <summary>
/// One speed target of the benchmark issues (dense networks, the CNN, recurrent networks, speed on every machine):
/// GenNN at least <paramref name="MinimumSpeedup"/> times faster than <paramref name="Peer"/> (median against
/// median) on the benchmarks of <paramref name="Category"/>.
/// </summary>
/// <param name="Category">The benchmark category, e.g. <c>N1 inference, 1 sample</c>.</param>
/// <param name="Peer">The peer's benchmark description, e.g. <c>ONNX Runtime</c>.</param>
/// <param name="MinimumSpeedup">The required ratio of the peer's median to GenNN's.</param>
public sealed record IssueTarget(string Category, string Peer, double MinimumSpeedup)
{
    /// <summary>Every ratio target of those issues.</summary>
    public static IReadOnlyList<IssueTarget> All { get; } = new IssueTarget[]
    {
        new("N1 inference, 1 sample", "ONNX Runtime", 50),
        new("N2 inference, 1 sample", "ONNX Runtime", 20),
        new("N3 inference, 1 sample", "ONNX Runtime", 2),
        new("N1 inference, 1 sample", "TorchSharp", 100),
        new("N2 inference, 1 sample", "TorchSharp", 100),
        new("N1 training, minibatch 32", "TorchSharp", 30),
        new("N2 training, minibatch 32", "TorchSharp", 10),
        new("N3 training, minibatch 32", "TorchSharp", 3),
        new("N3 inference, batch 256", "ONNX Runtime", 1.2),
        new("R1 LSTM 32×50 training, minibatch 32", "TorchSharp", 3),
        new("C1 inference, 1 sample", "ONNX Runtime", 3),
        new("C1 inference, 1 sample", "TorchSharp", 20),
        new("C1 training, minibatch 32", "TorchSharp", 2),
    };
}
