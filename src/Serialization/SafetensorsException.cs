using System;
using System.Collections.Generic;
using System.IO;

namespace GenNN.Serialization;

/// <summary>
/// A safetensors file is malformed, or does not fit the network it is imported into. The message lists every
/// problem found (missing, unexpected or misshapen tensors, unsupported element types); when this is thrown during
/// an import, nothing has been written to the network.
/// </summary>
public sealed class SafetensorsException : IOException
{
    /// <summary>Describes the problems with <paramref name="path"/>.</summary>
    public SafetensorsException(string path, IReadOnlyList<string> problems)
        : base($"Cannot use safetensors file '{path}': {string.Join(" ", problems)}")
    {
        Path = path;
        Problems = problems;
    }

    /// <summary>Describes one problem caused by another exception.</summary>
    public SafetensorsException(string path, string problem, Exception innerException)
        : base($"Cannot use safetensors file '{path}': {problem}", innerException)
    {
        Path = path;
        Problems = [problem];
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Each problem, one sentence apiece.</summary>
    public IReadOnlyList<string> Problems { get; }
}
