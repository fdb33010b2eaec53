using System;
using System.IO;
using System.Text;
using GenNN.Generator.Tests.Infrastructure;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>The snapshot helper's own rules, checked in a temporary directory so no baseline is touched.</summary>
public sealed class SnapshotHelperTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "GenNN.SnapshotHelperTests." + Guid.NewGuid().ToString("N"));

    public SnapshotHelperTests() => Directory.CreateDirectory(_directory);

    private string Stem => Path.Combine(_directory, "Tests.Method#Demo.Net.GenNN.g");

    private string VerifiedPath => Stem + ".verified.cs";

    private string ReceivedPath => Stem + ".received.cs";

    [Fact]
    public void NormalizeStripsBomUnifiesLineEndingsAndScrubsTheGeneratorVersion()
    {
        string text = "\uFEFF// a\r\n[global::System.CodeDom.Compiler.GeneratedCode(\"GenNN.Generator\", \"1.2.3\")]\rclass C { }\n";

        Assert.Equal(
            "// a\n[global::System.CodeDom.Compiler.GeneratedCode(\"GenNN.Generator\", \"%VERSION%\")]\nclass C { }\n",
            Snapshot.Normalize(text));
    }

    [Fact]
    public void MatchPassesAndDeletesAStaleReceivedFile()
    {
        File.WriteAllText(VerifiedPath, "class C { }\n");
        File.WriteAllText(ReceivedPath, "stale");

        Assert.Null(Snapshot.Check("class C { }\r\n", Stem, ".cs", accept: false));
        Assert.False(File.Exists(ReceivedPath));
    }

    [Fact]
    public void VerifiedFileWithBomAndCrLfStillMatches()
    {
        File.WriteAllText(VerifiedPath, "line 1\r\nline 2\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Null(Snapshot.Check("line 1\nline 2\n", Stem, ".cs", accept: false));
    }

    [Fact]
    public void MismatchWritesTheReceivedFileAndShowsTheFirstDifferingLine()
    {
        File.WriteAllText(VerifiedPath, "one\ntwo\nthree\nfour\n");

        string? failure = Snapshot.Check("one\ntwo\nTHREE\nfour\n", Stem, ".cs", accept: false);

        Assert.NotNull(failure);
        Assert.Contains("First difference at line 3:\n  verified: three\n  received: THREE\n", failure, StringComparison.Ordinal);
        Assert.Contains("  two\n- three\n+ THREE\n  four\n", failure, StringComparison.Ordinal);
        Assert.Contains(Snapshot.AcceptVariable, failure, StringComparison.Ordinal);
        Assert.Equal("one\ntwo\nTHREE\nfour\n", File.ReadAllText(ReceivedPath));
        Assert.Equal("one\ntwo\nthree\nfour\n", File.ReadAllText(VerifiedPath));
    }

    [Fact]
    public void MissingVerifiedFileFailsAndWritesTheReceivedFile()
    {
        string? failure = Snapshot.Check("class C { }\n", Stem, ".cs", accept: false);

        Assert.NotNull(failure);
        Assert.StartsWith("No snapshot", failure, StringComparison.Ordinal);
        Assert.True(File.Exists(ReceivedPath));
        Assert.False(File.Exists(VerifiedPath));
    }

    [Fact]
    public void AcceptingWritesTheVerifiedFileAsUtf8WithoutBom()
    {
        File.WriteAllText(ReceivedPath, "stale");

        Assert.Null(Snapshot.Check("\uFEFF// → λ\r\n", Stem, ".cs", accept: true));

        Assert.Equal(Encoding.UTF8.GetBytes("// → λ\n"), File.ReadAllBytes(VerifiedPath));
        Assert.False(File.Exists(ReceivedPath));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
