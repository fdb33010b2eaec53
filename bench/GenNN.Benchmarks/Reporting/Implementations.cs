namespace GenNN.Benchmarks.Reporting;

/// <summary>The benchmark descriptions the reports look up (each is a <c>[Benchmark(Description = …)]</c>).</summary>
internal static class Implementations
{
    public const string GenNN = "GenNN";

    public const string HandWritten = "Hand-written C#";

    public const string Naive = "Naive C#";

    public const string TorchSharp = "TorchSharp";

    public const string OnnxRuntime = "ONNX Runtime";
}
