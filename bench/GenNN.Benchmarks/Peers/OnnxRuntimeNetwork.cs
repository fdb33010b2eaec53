using System;
using Microsoft.ML.OnnxRuntime;
using GenNN.Onnx;

namespace GenNN.Benchmarks.Peers;

/// <summary>
/// GenNN's ONNX export run by ONNX Runtime on one thread, through its fastest API: input and output
/// <see cref="OrtValue"/>s over pinned arrays, bound once with <see cref="OrtIoBinding"/>, so each call only copies
/// the sample in, runs, and copies the result out.
/// </summary>
public sealed class OnnxRuntimeNetwork : IDisposable
{
    private readonly InferenceSession session;
    private readonly RunOptions runOptions = new();
    private readonly OrtIoBinding binding;
    private readonly OrtValue boundInput;
    private readonly OrtValue boundOutput;
    private readonly float[] inputBuffer;
    private readonly float[] outputBuffer;

    public OnnxRuntimeNetwork(byte[] model, int inputSize, int outputSize, int batchSize)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        session = new InferenceSession(model, options);

        inputBuffer = new float[batchSize * inputSize];
        outputBuffer = new float[batchSize * outputSize];
        boundInput = OrtValue.CreateTensorValueFromMemory(inputBuffer, new long[] { batchSize, inputSize });
        boundOutput = OrtValue.CreateTensorValueFromMemory(outputBuffer, new long[] { batchSize, outputSize });
        binding = session.CreateIoBinding();
        binding.BindInput(OnnxExporter.InputName, boundInput);
        binding.BindOutput(OnnxExporter.OutputName, boundOutput);
    }

    /// <summary>Copies <paramref name="inputs"/> into the bound input, runs the model, copies the bound output out.</summary>
    public void Infer(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        inputs.CopyTo(inputBuffer);
        session.RunWithBinding(runOptions, binding);
        outputBuffer.CopyTo(outputs);
    }

    public void Dispose()
    {
        binding.Dispose();
        boundInput.Dispose();
        boundOutput.Dispose();
        runOptions.Dispose();
        session.Dispose();
    }
}
