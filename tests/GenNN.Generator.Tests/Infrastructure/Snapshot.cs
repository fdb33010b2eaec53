using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace GenNN.Generator.Tests.Infrastructure;

/// <summary>
/// Compares text with a committed snapshot, following Verify's conventions (Verify itself is not available here).
/// <list type="bullet">
/// <item>Files live in <c>Snapshots/</c> next to the calling test file, named
/// <c>{TestClass}.{TestMethod}#{HintName}.verified.cs</c> per generated source (the hint name without <c>.cs</c>), or
/// <c>{TestClass}.{TestMethod}.verified.txt</c> for plain text. The test class is the calling file's name: one test
/// class per file.</item>
/// <item>Snapshots are UTF-8 without BOM with <c>\n</c> line endings; the text is stored exactly as generated, after
/// scrubbing the generator version in <c>[GeneratedCode]</c> to <see cref="VersionPlaceholder"/>.</item>
/// <item>On a mismatch or a missing snapshot, the text is written to <c>….received.cs</c> beside it and the test
/// fails with the first differing line and a short diff. Accept by renaming received to verified and reviewing the
/// git diff, or re-run with <c>GENNN_ACCEPT_SNAPSHOTS=1</c> (<see cref="AcceptVariable"/>), which writes the verified
/// files and passes. Acceptance is refused when <c>CI=true</c>, so CI can never bless its own output.</item>
/// <item>On success any stale received file is deleted.</item>
/// </list>
/// </summary>
internal static partial class Snapshot
{
    /// <summary>Set to <c>1</c> to accept new or changed snapshots (writes the verified files; ignored when <c>CI=true</c>).</summary>
    public const string AcceptVariable = "GENNN_ACCEPT_SNAPSHOTS";

    /// <summary>Stands for the generator version, which changes with every release but says nothing about the code.</summary>
    public const string VersionPlaceholder = "%VERSION%";

    private const int DiffContextLines = 2;
    private const int MaxDiffLines = 12;

    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Verifies every generated source of <paramref name="run"/>, one snapshot per hint name.</summary>
    public static void VerifyGeneratedSources(GeneratorRun run, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        Assert.NotEmpty(run.GeneratedSources);
        string[] failures = run.GeneratedSources
            .OrderBy(source => source.HintName, StringComparer.Ordinal)
            .Select(source => Check(source.SourceText.ToString(), PathStem(testFile, testMethod, HintSuffix(source.HintName)), ".cs", IsAccepting))
            .OfType<string>()
            .ToArray();
        if (failures.Length > 0)
        {
            Assert.Fail(string.Join("\n\n", failures));
        }
    }

    /// <summary>Verifies one source that would be added under <paramref name="hintName"/> (for Emitter output without a driver).</summary>
    public static void VerifySource(string hintName, string text, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
        => FailIfAny(Check(text, PathStem(testFile, testMethod, HintSuffix(hintName)), ".cs", IsAccepting));

    /// <summary>Verifies plain text, such as formatted diagnostics, as <c>{TestClass}.{TestMethod}.verified.txt</c>.</summary>
    public static void VerifyText(string text, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
        => FailIfAny(Check(text, PathStem(testFile, testMethod, string.Empty), ".txt", IsAccepting));

    /// <summary>The text as stored in a snapshot: no BOM, <c>\n</c> line endings, generator version scrubbed.</summary>
    public static string Normalize(string text)
    {
        string withoutBom = text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
        string unixLines = withoutBom.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return GeneratorVersion().Replace(unixLines, "${prefix}" + VersionPlaceholder + "${suffix}");
    }

    /// <summary>
    /// Compares <paramref name="actual"/> with <c>{stem}.verified{extension}</c>. Returns <see langword="null"/> on a match
    /// (or, when <paramref name="accept"/>, after writing the verified file); otherwise writes <c>{stem}.received{extension}</c>
    /// and returns the failure message. A stale received file is deleted whenever the check passes.
    /// </summary>
    public static string? Check(string actual, string stem, string extension, bool accept)
    {
        string verifiedPath = stem + ".verified" + extension;
        string receivedPath = stem + ".received" + extension;
        string received = Normalize(actual);
        string? verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath, Utf8NoBom)) : null;
        if (verified == received || accept)
        {
            if (verified != received)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(verifiedPath)!);
                File.WriteAllText(verifiedPath, received, Utf8NoBom);
            }

            File.Delete(receivedPath);
            return null;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(receivedPath)!);
        File.WriteAllText(receivedPath, received, Utf8NoBom);
        string howToAccept = $"Wrote {Path.GetFileName(receivedPath)}: review it and rename it to {Path.GetFileName(verifiedPath)}, "
            + $"or re-run locally with {AcceptVariable}=1.";
        return verified is null
            ? $"No snapshot {verifiedPath}.\n{howToAccept}"
            : $"Snapshot mismatch: {verifiedPath}\n{DescribeDifference(verified, received)}{howToAccept}";
    }

    /// <summary>Whether <see cref="AcceptVariable"/> is <c>1</c>, outside CI.</summary>
    private static bool IsAccepting
        => Environment.GetEnvironmentVariable(AcceptVariable) == "1"
           && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>…/Snapshots/{TestClass}.{TestMethod}{suffix}</c>, the test class being the calling file's name.</summary>
    private static string PathStem(string testFile, string testMethod, string suffix)
        => Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots", $"{Path.GetFileNameWithoutExtension(testFile)}.{testMethod}{suffix}");

    private static void FailIfAny(string? failure)
    {
        if (failure is not null)
        {
            Assert.Fail(failure);
        }
    }

    /// <summary><c>#Demo.XorNet.GenNN.g</c> for hint name <c>Demo.XorNet.GenNN.g.cs</c>, as Verify.SourceGenerators names them.</summary>
    private static string HintSuffix(string hintName)
        => "#" + (hintName.EndsWith(".cs", StringComparison.Ordinal) ? hintName.Substring(0, hintName.Length - 3) : hintName);

    /// <summary>The first differing line, then the differing region with a little context, <c>-</c> verified, <c>+</c> received.</summary>
    private static string DescribeDifference(string verified, string received)
    {
        string[] expected = verified.Split('\n');
        string[] actual = received.Split('\n');
        int first = 0;
        while (first < expected.Length && first < actual.Length && expected[first] == actual[first])
        {
            first++;
        }

        int expectedEnd = expected.Length;
        int actualEnd = actual.Length;
        while (expectedEnd > first && actualEnd > first && expected[expectedEnd - 1] == actual[actualEnd - 1])
        {
            expectedEnd--;
            actualEnd--;
        }

        var diff = new StringBuilder();
        diff.Append("First difference at line ").Append(first + 1).Append(":\n")
            .Append("  verified: ").Append(first < expected.Length ? Visible(expected[first]) : "<end of file>").Append('\n')
            .Append("  received: ").Append(first < actual.Length ? Visible(actual[first]) : "<end of file>").Append('\n');

        int start = Math.Max(0, first - DiffContextLines);
        diff.Append($"@@ line {start + 1} @@\n");
        AppendLines(diff, "  ", expected, start, first - start);
        AppendLines(diff, "- ", expected, first, expectedEnd - first);
        AppendLines(diff, "+ ", actual, first, actualEnd - first);
        AppendLines(diff, "  ", expected, expectedEnd, Math.Min(DiffContextLines, expected.Length - expectedEnd));
        return diff.ToString();
    }

    /// <summary>Appends <paramref name="count"/> lines from <paramref name="start"/>, at most <see cref="MaxDiffLines"/> of them.</summary>
    private static void AppendLines(StringBuilder diff, string marker, string[] lines, int start, int count)
    {
        for (int i = start; i < start + Math.Min(count, MaxDiffLines); i++)
        {
            diff.Append(marker).Append(lines[i]).Append('\n');
        }

        if (count > MaxDiffLines)
        {
            diff.Append(marker).Append($"... {count - MaxDiffLines} more lines\n");
        }
    }

    /// <summary>Shows trailing whitespace, which would otherwise make two printed lines look identical.</summary>
    private static string Visible(string line) => line.Length > 0 && char.IsWhiteSpace(line[^1]) ? line + "⏎" : line;

    [GeneratedRegex("""(?<prefix>GeneratedCode\("GenNN\.Generator", ")[^"]*(?<suffix>"\))""")]
    private static partial Regex GeneratorVersion();
}
