using System;
using System.Collections.Generic;
using System.Diagnostics;
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
            string output = process.StandardOutput.ReadToEnd();
            string errors = process.StandardError.ReadToEnd();
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
