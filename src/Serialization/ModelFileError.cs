namespace GenNN.Serialization;

/// <summary>Why a model file could not be loaded (<see cref="ModelFileException.Error"/>).</summary>
public enum ModelFileError
{
    /// <summary>The file does not start with the GenNN model magic: it is some other kind of file.</summary>
    NotAModelFile = 0,

    /// <summary>The file was written in a newer format version than this library reads; update GenNN.</summary>
    UnsupportedVersion = 1,

    /// <summary>The file ends before the length its header declares: an interrupted copy or download.</summary>
    Truncated = 2,

    /// <summary>The checksum does not match, or the header is inconsistent: the bytes were damaged.</summary>
    Corrupted = 3,

    /// <summary>The file holds another network's parameters (its layer kinds and shapes differ).</summary>
    NetworkMismatch = 4,

    /// <summary>The file was saved from a network of the other precision (float versus double).</summary>
    PrecisionMismatch = 5,

    /// <summary>An optimizer was given to restore, but the file holds no optimizer state.</summary>
    MissingOptimizerState = 6,

    /// <summary>The file's optimizer state is for another optimizer kind, or has another length.</summary>
    OptimizerMismatch = 7,

    /// <summary>
    /// The file is in format version 1, which stores parameters only, but the network also has buffers (BatchNorm's
    /// running statistics) that inference needs.
    /// </summary>
    MissingBuffers = 8,
}
