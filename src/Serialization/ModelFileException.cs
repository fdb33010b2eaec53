using System;
using System.IO;

namespace GenNN.Serialization;

/// <summary>
/// A model file could not be loaded. <see cref="Error"/> says why, and the message says it in words, with the
/// expected and found values. When this is thrown, nothing has been written to the network or the optimizer.
/// </summary>
public sealed class ModelFileException : IOException
{
    /// <summary>Describes a failed load.</summary>
    public ModelFileException(ModelFileError error, string path, string message)
        : base($"Cannot load model file '{path}': {message}")
    {
        Error = error;
        Path = path;
    }

    /// <summary>Describes a failed load caused by another exception.</summary>
    public ModelFileException(ModelFileError error, string path, string message, Exception innerException)
        : base($"Cannot load model file '{path}': {message}", innerException)
    {
        Error = error;
        Path = path;
    }

    /// <summary>What is wrong.</summary>
    public ModelFileError Error { get; }

    /// <summary>The file.</summary>
    public string Path { get; }
}
