using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Reflection;
using System.Runtime.Intrinsics;
using Xunit;

namespace GenNN.IntegrationTests;

/// <summary>
/// Every vector width's code paths, on whatever x64 machine the tests run: GenNN.VectorWidthProbe runs generated
/// dense, convolution, normalization and recurrent networks in both precisions (forward, batch forward, batch
/// gradients, running statistics) in a process whose instruction-set switches make the JIT take one width's paths,
/// and its results must match the scalar run's (every switch off, so no kernel vectorizes) to within rounding.
/// </summary>
/// <remarks>
/// The widths cannot be bit-identical: a vector kernel sums a dot product in lanes and then across them, the scalar
/// one in four chains, and the multiply-add fuses where FMA exists. Observed worst differences, relative to each
/// result's largest magnitude: 8.5e-16 in double, 3.2e-7 in float. The bounds are about fifteen times that.
/// </remarks>
public sealed class VectorWidthTests(ScalarProbeRun scalar) : IClassFixture<ScalarProbeRun>
{
    private const double DoubleBound = 1e-14;

    private const double SingleBound = 5e-6;

    /// <summary>Whatever the processor: the 512-bit units taken as two 256-bit halves, as on Zen 4 (see <c>VectorWidth.HasFullWidth512BitUnits</c>).</summary>
    private const string HalvedUnits = "GENNN_FULL_WIDTH_VECTOR512=0";

    /// <summary>
    /// Each configuration: the runtime switches, and the hardware line the probe must report, which proves the
    /// switches took effect. The 512-bit <see cref="Vector{T}"/> needs a processor with AVX-512.
    /// </summary>
    public static TheoryData<string, string, string> Widths()
    {
        var widths = new TheoryData<string, string, string>();
        if (Vector512.IsHardwareAccelerated)
        {
            widths.Add("512-bit Vector<T>", "DOTNET_MaxVectorTBitWidth=512;" + HalvedUnits, "float-lanes=16 vector128=True vector256=True vector512=True fma=True full-width-512=False uses-512=True");
            widths.Add("256-bit Vector<T>, 512-bit groups", HalvedUnits, "float-lanes=8 vector128=True vector256=True vector512=True fma=True full-width-512=False uses-512=True");
            widths.Add("256-bit Vector<T>, 512-bit groups and convolutions (full-width 512-bit units)", "GENNN_FULL_WIDTH_VECTOR512=1", "float-lanes=8 vector128=True vector256=True vector512=True fma=True full-width-512=True uses-512=True");
        }

        widths.Add("256-bit", "DOTNET_EnableAVX512=0;" + HalvedUnits, "float-lanes=8 vector128=True vector256=True vector512=False fma=True full-width-512=False uses-512=False");
        widths.Add("128-bit, no FMA", "DOTNET_EnableAVX2=0;" + HalvedUnits, "float-lanes=4 vector128=True vector256=False vector512=False fma=False full-width-512=False uses-512=False");
        return widths;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void WidthComputesWhatTheScalarPathsCompute(string width, string switches, string hardware)
    {
        ProbeResults vector = ProbeResults.Run(switches);
        Assert.True(vector.Hardware == hardware, $"{width}: the probe ran with '{vector.Hardware}', not '{hardware}'; the switches '{switches}' did not take effect.");

        Assert.Equal(scalar.Results.Values.Keys.Order(), vector.Values.Keys.Order());
        foreach ((string result, double[] expected) in scalar.Results.Values)
        {
            double[] actual = vector.Values[result];
            Assert.Equal(expected.Length, actual.Length);
            if (expected.Length == 0)
            {
                continue;
            }

            double bound = (result.Contains("Double", StringComparison.Ordinal) ? DoubleBound : SingleBound) * Math.Max(1, expected.Max(Math.Abs));
            int worst = Enumerable.Range(0, expected.Length).MaxBy(i => Math.Abs(expected[i] - actual[i]));
            Assert.True(
                Math.Abs(expected[worst] - actual[worst]) <= bound,
                $"{width}: {result}[{worst}] is {actual[worst]:R}, the scalar paths give {expected[worst]:R} (bound {bound:G3}).");
        }
    }
}

/// <summary>The scalar run every width is compared with, made once.</summary>
public sealed class ScalarProbeRun
{
    public ScalarProbeRun()
    {
        Results = ProbeResults.Run("DOTNET_EnableHWIntrinsic=0");
        Assert.Equal("float-lanes=1 vector128=False vector256=False vector512=False fma=False full-width-512=False uses-512=False", Results.Hardware);
    }

    public ProbeResults Results { get; }
}

/// <summary>What one probe process reported: its vector hardware, and each named result's values.</summary>
public sealed record ProbeResults(string Hardware, IReadOnlyDictionary<string, double[]> Values)
{
    /// <summary>Runs the probe with <paramref name="switches"/> (<c>NAME=value</c> pairs separated by <c>;</c>, or empty) in its environment.</summary>
    public static ProbeResults Run(string switches)
    {
        string probe = typeof(ProbeResults).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "VectorWidthProbe").Value!;
        string resultsFile = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add(probe);
            start.ArgumentList.Add(resultsFile);

            // A switch inherited from the test run's own environment would change the width under test.
            foreach (string inherited in start.Environment.Keys.Where(key => key.StartsWith("DOTNET_Enable", StringComparison.Ordinal) || key.StartsWith("DOTNET_MaxVectorTBitWidth", StringComparison.Ordinal) || key == "GENNN_FULL_WIDTH_VECTOR512").ToList())
            {
                start.Environment.Remove(inherited);
            }

            foreach (string pair in switches.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] parts = pair.Split('=');
                start.Environment[parts[0]] = parts[1];
            }

            using Process process = Process.Start(start)!;
            string errors = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"The probe failed with {switches}: {errors}");

            string[] lines = File.ReadAllLines(resultsFile);
            var values = lines.Skip(1).Select(line => line.Split(' ')).ToDictionary(
                parts => $"{parts[0]} {parts[1]}",
                parts => parts.Skip(2).Select(value => double.Parse(value, CultureInfo.InvariantCulture)).ToArray());
            return new ProbeResults(lines[0]["hardware ".Length..], values);
        }
        finally
        {
            File.Delete(resultsFile);
        }
    }
}
