using System;
using System.IO;
using System.Linq;
using Xunit;

namespace GenNN.Package.Tests;

/// <summary>
/// samples/NativeAot published as users publish it (<c>PublishAot</c>, for the machine the tests run on), into folders
/// of its own: no trim or AOT warning, a native executable that needs no weights file, and the compiled-in network's
/// accuracy.
/// </summary>
public sealed class NativeAotSampleTests : IDisposable
{
    /// <summary>The published program is about 1.2 MB; far more would mean something pulled in much of the framework.</summary>
    private const long MaximumBytes = 4 * 1024 * 1024;

    private readonly string _workFolder = Directory.CreateTempSubdirectory("gennn-aot-").FullName;

    [Fact]
    public void PublishedSampleRunsTheCompiledInNetworkWithoutWarnings()
    {
        string repository = PackedGenNN.FindRepositoryRoot();
        string output = Path.Combine(_workFolder, "publish");

        // Its own artifacts path, so the publish neither races with nor rewrites the other test projects' builds.
        string log = DotNet.Run(
            repository,
            "publish", Path.Combine("samples", "NativeAot", "GenNN.Samples.NativeAot.csproj"),
            "--configuration", "Release",
            "--disable-build-servers",
            "--artifacts-path", Path.Combine(_workFolder, "artifacts"),
            "--output", output);
        string[] warnings = log.Split('\n').Where(line => line.Contains("warning", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.True(warnings.Length == 0, $"The publish warned:\n{string.Join('\n', warnings)}");

        string program = Path.Combine(output, OperatingSystem.IsWindows() ? "GenNN.Samples.NativeAot.exe" : "GenNN.Samples.NativeAot");
        Assert.InRange(new FileInfo(program).Length, 1, MaximumBytes);

        // Run from an empty folder: the weights are in the executable, not beside it.
        string elsewhere = Directory.CreateDirectory(Path.Combine(_workFolder, "elsewhere")).FullName;
        string[] lines = Run(program, elsewhere);
        Assert.Equal("accuracy: 1.0000", lines[^1]);
        Assert.Equal(["class probabilities at (0.5, -0.25): 0.8544 0.1456"], Run(program, elsewhere, "--first-inference"));
    }

    public void Dispose() => Directory.Delete(_workFolder, recursive: true);

    private static string[] Run(string program, string workingDirectory, params string[] arguments)
        => DotNet.RunProgram(program, workingDirectory, arguments).ReplaceLineEndings("\n").TrimEnd().Split('\n');
}
