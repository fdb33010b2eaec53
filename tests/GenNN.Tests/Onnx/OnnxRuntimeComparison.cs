using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using GenNN.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;

namespace GenNN.Tests.Onnx;

/// <summary>
/// Runs a network's ONNX export in ONNX Runtime and compares it with the network's own <c>ForwardBatch</c>. Outputs
/// agree when <c>|onnx − gennn| ≤ absolute + relative·|gennn|</c>: float within 1e-5 relative (1e-6 absolute near
/// zero), since ONNX Runtime sums in another order and approximates exp, tanh and erf by its own polynomials; double
/// within 1e-12 relative (1e-14 absolute).
/// </summary>
internal static class OnnxRuntimeComparison
{
    /// <summary>Outputs smaller than this are left out of the relative error reported (not of the check).</summary>
    private const double RelativeErrorFloor = 1e-3;

    /// <summary>Uniform inputs in <c>[−range, range]</c>, seeded.</summary>
    public static T[] Inputs<T>(int count, double range, int seed = 678)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var inputs = new T[count];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = T.CreateTruncating(range * ((2 * random.NextDouble()) - 1));
        }

        return inputs;
    }

    /// <summary>
    /// Sets every parameter to a seeded value in <c>[−0.5, 0.5)</c>: default initialization leaves biases and BatchNorm's
    /// and LayerNorm's affine parameters constant, which would hide a wrongly wired one.
    /// </summary>
    public static TNetwork Randomized<TNetwork, T>(TNetwork network)
        where TNetwork : INetwork<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(12345);
        Span<T> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = T.CreateTruncating(random.NextDouble() - 0.5);
        }

        return network;
    }

    /// <summary>The model <see cref="OnnxExporter.Write"/> writes.</summary>
    public static byte[] Export<T>(INetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var stream = new MemoryStream();
        OnnxExporter.Write(network, stream);
        return stream.ToArray();
    }

    /// <summary>
    /// Runs <paramref name="network"/>'s export on <paramref name="inputs"/> (whole samples) in ONNX Runtime, asserts
    /// that every output agrees with <see cref="INetwork{T}.ForwardBatch"/> within the tolerance of
    /// <typeparamref name="T"/> (or the tolerances given), and returns how closely they agree.
    /// </summary>
    public static Agreement AssertMatchesForwardBatch<T>(
        INetwork<T> network, T[] inputs, double? relativeTolerance = null, double? absoluteTolerance = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool isDouble = typeof(T) == typeof(double);
        double relative = relativeTolerance ?? (isDouble ? 1e-12 : 1e-5);
        double absolute = absoluteTolerance ?? (isDouble ? 1e-14 : 1e-6);
        int batchSize = inputs.Length / network.InputSize;
        var expected = new T[batchSize * network.OutputSize];
        network.ForwardBatch(inputs, expected);

        using var session = new InferenceSession(Export(network));
        using var input = OrtValue.CreateTensorValueFromMemory(inputs, new long[] { batchSize, network.InputSize });
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results = session.Run(
            runOptions, new[] { OnnxExporter.InputName }, new[] { input }, new[] { OnnxExporter.OutputName });

        Assert.Equal(new long[] { batchSize, network.OutputSize }, results[0].GetTensorTypeAndShape().Shape);
        ReadOnlySpan<T> actual = results[0].GetTensorDataAsSpan<T>();
        var mismatches = new List<string>();
        double maxRelative = 0, maxAbsolute = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double want = double.CreateTruncating(expected[i]);
            double got = double.CreateTruncating(actual[i]);
            double error = Math.Abs(got - want);
            if (!(error <= absolute + (relative * Math.Abs(want))))
            {
                mismatches.Add($"[{i / network.OutputSize}, {i % network.OutputSize}]: ForwardBatch {want:R}, ONNX Runtime {got:R}");
            }

            maxAbsolute = Math.Max(maxAbsolute, error);
            if (Math.Abs(want) >= RelativeErrorFloor)
            {
                maxRelative = Math.Max(maxRelative, error / Math.Abs(want));
            }
        }

        Assert.True(
            mismatches.Count == 0,
            $"{mismatches.Count} of {expected.Length} outputs differ:{Environment.NewLine}{string.Join(Environment.NewLine, mismatches.Take(10))}");
        return new Agreement(network.Description.Name, maxRelative, maxAbsolute, expected.Length);
    }
}

/// <summary>How closely ONNX Runtime reproduced a network's outputs.</summary>
/// <param name="Network">The network's name.</param>
/// <param name="MaxRelativeError">The largest <c>|Δ|/|output|</c> among outputs of magnitude at least 1e-3.</param>
/// <param name="MaxAbsoluteError">The largest <c>|Δ|</c>.</param>
/// <param name="Outputs">The number of outputs compared.</param>
internal readonly record struct Agreement(string Network, double MaxRelativeError, double MaxAbsoluteError, int Outputs)
{
    public override string ToString() => $"{Network}: max relative error {MaxRelativeError:E2}, max absolute error {MaxAbsoluteError:E2} over {Outputs} outputs";
}
