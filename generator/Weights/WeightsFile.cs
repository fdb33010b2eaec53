using System;
using System.Linq;

namespace GenNN.Generator.Weights;

/// <summary>
/// A weights file of the project (<c>.safetensors</c> or <c>.gennn</c>) as the pipeline carries it: the path the
/// project gave it and its bytes, decoded from the text GenNN.targets wrote. Equality compares the path, the length
/// and a SHA-256 of the content, never the megabytes element by element, so an unchanged file keeps every step
/// after it cached.
/// </summary>
internal sealed class WeightsFile : IEquatable<WeightsFile>
{
    public WeightsFile(string path, byte[]? content, string? problem)
    {
        Path = path;
        Content = content;
        Problem = problem;
        Hash = content is null ? string.Empty : ContentHash.Of(content);
    }

    /// <summary>The project-relative path, with '/' separators (<c>Models/digits.safetensors</c>).</summary>
    public string Path { get; }

    /// <summary>The file's bytes, or <see langword="null"/> when they could not be decoded (<see cref="Problem"/>).</summary>
    public byte[]? Content { get; }

    /// <summary>Why <see cref="Content"/> is missing: the item was not encoded by GenNN.targets, or its text is damaged.</summary>
    public string? Problem { get; }

    /// <summary>SHA-256 of <see cref="Content"/>, hexadecimal.</summary>
    public string Hash { get; }

    public int Length => Content?.Length ?? 0;

    public bool Equals(WeightsFile? other)
        => other is not null && Path == other.Path && Length == other.Length && Hash == other.Hash && Problem == other.Problem;

    public override bool Equals(object? obj) => Equals(obj as WeightsFile);

    public override int GetHashCode() => (Path.GetHashCode() * 31) ^ Hash.GetHashCode();

    public override string ToString() => $"{Path} ({Length} bytes, SHA-256 {Hash.Substring(0, Math.Min(12, Hash.Length))}…)";
}

/// <summary>The content hash <see cref="WeightsFile"/> and <see cref="BoundWeights"/> compare by.</summary>
internal static class ContentHash
{
    public static string Of(byte[] content)
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        return string.Concat(sha.ComputeHash(content).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
