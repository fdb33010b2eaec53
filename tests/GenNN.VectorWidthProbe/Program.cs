using System;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;
using GenNN.Kernels;

namespace GenNN.VectorWidthProbe;

/// <summary>
/// Writes the vector hardware the JIT uses in this process, then, for each probe network, its seeded parameters'
/// single-sample outputs, batch outputs and batch gradients, one line per result, values in round-trip form.
/// </summary>
/// <remarks>Usage: <c>GenNN.VectorWidthProbe &lt;results file&gt;</c>.</remarks>
internal static class Program
{
    /// <summary>Not a multiple of the 32-sample training block, so the block loop's tail runs too.</summary>
    private const int BatchSize = 37;

    private static int Main(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("Usage: GenNN.VectorWidthProbe <results file>");
            return 2;
        }

        var results = new StringBuilder();
        results.Append(CultureInfo.InvariantCulture, $"hardware float-lanes={(Vector.IsHardwareAccelerated ? Vector<float>.Count : 1)} vector128={Vector128.IsHardwareAccelerated} vector256={Vector256.IsHardwareAccelerated} vector512={Vector512.IsHardwareAccelerated} fma={Fma.IsSupported} full-width-512={FullWidth512()} uses-512={UsesVector512()}\n");
        Probe(new DenseDouble(), results);
        Probe(new DenseSingle(), results);
        Probe(new ConvolutionDouble(), results);
        Probe(new ConvolutionSingle(), results);
        Probe(new SequenceConvolutionDouble(), results);
        Probe(new SequenceConvolutionSingle(), results);
        Probe(new WideRowConvolutionDouble(), results);
        Probe(new WideRowConvolutionSingle(), results);
        Probe(new ShortSequenceConvolutionDouble(), results);
        Probe(new ShortSequenceConvolutionSingle(), results);
        Probe(new WidePoolDouble(), results);
        Probe(new WidePoolSingle(), results);
        Probe(new PooledConvolutionDouble(), results);
        Probe(new PooledConvolutionSingle(), results);
        Probe(new PairPooledConvolutionDouble(), results);
        Probe(new PairPooledConvolutionSingle(), results);
        ProbePairWindows(results);
        Probe(new RecurrentDouble(), results);
        Probe(new RecurrentSingle(), results);
        Probe(new OneVectorRecurrentDouble(), results);
        Probe(new OneVectorRecurrentSingle(), results);
        File.WriteAllText(args[0], results.ToString());
        return 0;
    }

    /// <summary>
    /// Max pooling of pair windows in float on inputs drawn from {NaN, −∞, −0, +0, 1, +∞} (ties, NaN in any position),
    /// 1 and 2 rows, 4 to 33 outputs a row: every vector width's narrow, wide and tail steps. NaN and the infinities are
    /// written as finite stand-ins so the scalar run's comparison applies; −0 and +0 compare equal (which is returned is open).
    /// </summary>
    private static void ProbePairWindows(StringBuilder results)
    {
        float[] draws = [float.NaN, float.NegativeInfinity, -0f, 0f, 1f, float.PositiveInfinity];
        var random = new SeededRandom(29);
        foreach (int rows in (int[])[1, 2])
        {
            for (int outWidth = 4; outWidth <= 33; outWidth++)
            {
                var geometry = new PoolGeometry(2, rows, (2 * outWidth) + 1, rows, 2, rows, 2, 0, 0);
                var input = new float[geometry.InputLength];
                for (int i = 0; i < input.Length; i++)
                {
                    input[i] = draws[(int)random.NextDouble(0, draws.Length)];
                }

                var output = new float[geometry.OutputLength];
                var outputGradient = new float[geometry.OutputLength];
                for (int i = 0; i < outputGradient.Length; i++)
                {
                    outputGradient[i] = 1 + (i % 5);
                }

                var inputGradient = new float[geometry.InputLength];
                PoolKernel.MaxForward<float>(geometry, input, output);
                PoolKernel.MaxBackward<float>(geometry, input, outputGradient, inputGradient);
                for (int i = 0; i < output.Length; i++)
                {
                    output[i] = float.IsNaN(output[i]) ? 7 : float.IsPositiveInfinity(output[i]) ? 5 : float.IsNegativeInfinity(output[i]) ? -5 : output[i];
                }

                Write<float>(results, $"PairWindows{rows}x{outWidth}", "forward", output);
                Write<float>(results, $"PairWindows{rows}x{outWidth}", "gradients", inputGradient);
            }
        }
    }

    /// <summary>
    /// Whether the library takes this core to have full-width 512-bit units (its internal
    /// <c>VectorWidth.HasFullWidth512BitUnits</c>, read by reflection: a test tool's view of what the environment switch
    /// made of it); with 512-bit vectors accelerated, the convolutions' products then run on them.
    /// </summary>
    private static bool FullWidth512() =>
        (bool)typeof(INetwork<>).Assembly.GetType("GenNN.Kernels.VectorWidth", throwOnError: true)!.GetField("HasFullWidth512BitUnits")!.GetValue(null)!;

    /// <summary>
    /// Whether the library's kernels take 512-bit vectors for float (its internal <c>VectorWidth.UsesVector512</c>, read
    /// by reflection): what the switches made of the processor, not only what the runtime accelerates.
    /// </summary>
    private static bool UsesVector512() =>
        (bool)typeof(INetwork<>).Assembly.GetType("GenNN.Kernels.VectorWidth", throwOnError: true)!.GetMethod("UsesVector512")!.MakeGenericMethod(typeof(float)).Invoke(null, null)!;

    private static void Probe<T>(ITrainableNetwork<T> network, StringBuilder results)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string name = network.GetType().Name;
        var random = new SeededRandom(name.Length);
        T[] inputs = Draw<T>(ref random, BatchSize * network.InputSize, -1, 1);
        T[] targets = Draw<T>(ref random, BatchSize * network.OutputSize, 0, 1);

        var output = new T[network.OutputSize];
        network.Forward(inputs.AsSpan(0, network.InputSize), output);
        Write(results, name, "forward", output);

        var outputs = new T[BatchSize * network.OutputSize];
        network.ForwardBatch(inputs, outputs);
        Write(results, name, "forward-batch", outputs);

        var gradients = new T[network.ParameterCount];
        var statistics = network.Buffers.ToArray();
        T loss = network.AccumulateGradients(inputs, targets, gradients, statistics, ref random);
        Write(results, name, "loss", [loss]);
        Write(results, name, "gradients", gradients);
        Write(results, name, "statistics", statistics);
    }

    private static T[] Draw<T>(ref SeededRandom random, int count, double min, double max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = T.CreateChecked(random.NextDouble(min, max));
        }

        return values;
    }

    private static void Write<T>(StringBuilder results, string network, string what, ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        results.Append(network).Append(' ').Append(what);
        foreach (T value in values)
        {
            results.Append(' ').Append(double.CreateChecked(value).ToString("R", CultureInfo.InvariantCulture));
        }

        results.Append('\n');
    }
}
