using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace GenNN.Benchmarks.Peers;

/// <summary>
/// Runs RTNeural's reference benchmark (<c>shared/peers/rtneural/run.sh</c> beside the repository: its compile-time
/// models of N1–N4, built with g++) so its times land in the same run as GenNN's; says so when the script or g++ is
/// missing.
/// </summary>
public static class RtNeuralReference
{
    /// <summary>The script's lines (<c>N4 127.0 ns/step</c>), or one line saying why there are none.</summary>
    public static IReadOnlyList<string> Run()
    {
        string? script = FindScript();
        if (script is null)
        {
            return new[] { "RTNeural: not run (shared/peers/rtneural/run.sh not found beside the repository)" };
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo("bash", script) { RedirectStandardOutput = true, RedirectStandardError = true })!;

            // Both streams at once: a compiler that fills the error pipe while nobody reads it would never exit.
            var errorsRead = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            string errors = errorsRead.Result;
            process.WaitForExit();
            return process.ExitCode == 0
                ? output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                : new[] { $"RTNeural: not run (exit code {process.ExitCode}: {errors.Trim()})" };
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return new[] { $"RTNeural: not run ({exception.Message})" };
        }
    }

    /// <summary>
    /// The time per call of each net in <paramref name="lines"/> (<see cref="Run"/>'s: <c>N1 88.2 ns</c>,
    /// <c>N4 118.7 ns/step</c>), in nanoseconds, by the net's name; none when the reference did not run. Each is the
    /// reference's best of seven timings (see its bench.cpp), not a median.
    /// </summary>
    public static IReadOnlyDictionary<string, double> ParseTimes(IEnumerable<string> lines)
    {
        var times = new Dictionary<string, double>();
        foreach (string line in lines)
        {
            string[] fields = line.Split(' ');
            if (fields.Length == 3 && fields[2] is "ns" or "ns/step" && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double nanoseconds))
            {
                times[fields[0]] = nanoseconds;
            }
        }

        return times;
    }

    private static string? FindScript()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "shared", "peers", "rtneural", "run.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
