using System;
using System.Diagnostics;
using System.Text;
using Xunit.Sdk;

namespace GenNN.Package.Tests;

/// <summary>Runs the <c>dotnet</c> command line, or a program it built, and fails the test with everything it printed when it fails.</summary>
internal static class DotNet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/> and returns its standard output.</summary>
    public static string Run(string workingDirectory, params string[] arguments)
        // The host that runs these tests, so the package is built and consumed by the SDK under test.
        => RunProgram(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", workingDirectory, arguments);

    /// <summary>Runs <paramref name="program"/> as <see cref="Run"/> runs <c>dotnet</c>.</summary>
    public static string RunProgram(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var output = new StringBuilder();
        var errors = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(errors, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        string command = $"{program} {string.Join(' ', arguments)}";
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new XunitException($"`{command}` did not finish in {Timeout.TotalMinutes} minutes.\n{Printed(output, errors)}");
        }

        // Waits for the last redirected lines; the builds run without build servers, which would hold the pipes open.
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new XunitException($"`{command}` exited with code {process.ExitCode}.\n{Printed(output, errors)}");
        }

        lock (output)
        {
            return output.ToString();
        }
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }

    private static string Printed(StringBuilder output, StringBuilder errors)
    {
        lock (output)
        {
            lock (errors)
            {
                return $"--- standard output ---\n{output}--- standard error ---\n{errors}";
            }
        }
    }
}
