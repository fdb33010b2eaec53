using System;
using System.IO;
using System.Numerics;
using GenNN.Training;

namespace GenNN.Serialization;

/// <summary>
/// Saves and loads a network's parameters and buffers (BatchNorm's running statistics), and optionally its
/// optimizer's state to resume training, in GenNN's versioned binary model format (docs/model-format.md): magic,
/// format version, the network's signature and precision, the values, and a CRC-32 checksum.
/// </summary>
/// <remarks>
/// <para>Saving is atomic: the file is written beside the target under a temporary name, flushed to the disk and
/// renamed over it, so a crash never leaves a half-written model; the previous file stays until the new one is
/// complete.</para>
/// <para>Loading reads and checks the whole file before touching the network: the magic, the format version, the
/// length, the checksum, then that the signature (layer kinds, shapes and settings) and precision match the network
/// (and the optimizer's kind and state blocks, when one is restored). Files of format version 1, which predate
/// buffers, still load into networks without buffers; files of versions 1 and 2, which do not name the optimizer's
/// state blocks, resume an optimizer whose state has their length. Any failure throws <see cref="ModelFileException"/>, whose
/// <see cref="ModelFileException.Error"/> says which, and leaves the network and optimizer exactly as they were.</para>
/// </remarks>
public static class ModelFile
{
    /// <summary>The format version this library writes, and the newest it reads.</summary>
    public const int FormatVersion = ModelFileFormat.CurrentVersion;

    /// <summary>
    /// Saves <paramref name="network"/>'s parameters and buffers, and <paramref name="optimizer"/>'s state if given, to
    /// <paramref name="path"/>, replacing it atomically.
    /// </summary>
    /// <param name="network">The network to save.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="optimizer">
    /// The optimizer training <paramref name="network"/>, to save its kind, step count and state so that training
    /// can resume exactly; <see langword="null"/> to save the parameters alone.
    /// </param>
    /// <exception cref="ArgumentException">The optimizer is sized for another number of parameters.</exception>
    /// <exception cref="IOException">The file cannot be written; any previous file at <paramref name="path"/> is unchanged.</exception>
    public static void Save<T>(INetwork<T> network, string path, Optimizer<T>? optimizer = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        if (optimizer is null)
        {
            AtomicFile.Write(path, ModelFileFormat.Encode<T>(network.Description, network.Parameters, network.Buffers, default));
            return;
        }

        if (optimizer.ParameterCount != network.ParameterCount)
        {
            throw new ArgumentException(
                $"The optimizer updates {optimizer.ParameterCount} parameters, but {network.Description.Name} has {network.ParameterCount}.", nameof(optimizer));
        }

        var section = new OptimizerSection<T>(optimizer.Options.Kind, optimizer.StepCount, optimizer.State, ModelFileFormat.StateNamesOf(optimizer));
        AtomicFile.Write(path, ModelFileFormat.Encode(network.Description, network.Parameters, network.Buffers, section));
    }

    /// <summary>
    /// Loads a model file into <paramref name="network"/>, and into <paramref name="optimizer"/> if given. All or
    /// nothing: the whole file is checked before anything is written.
    /// </summary>
    /// <param name="network">The network to load into; the file must have been saved from a network of the same signature and precision.</param>
    /// <param name="path">The file to read.</param>
    /// <param name="optimizer">
    /// An optimizer to resume: the file must hold state of the same optimizer kind and blocks
    /// (<see cref="Optimizer{T}.StateNames"/>), which replaces its state and step count. Files of format versions 1 and 2
    /// name no blocks, and only their state's length is checked: RMSprop with momentum and RMSprop centered are then
    /// told apart by nothing, so create the optimizer with the options it was saved with. <see langword="null"/> to load the parameters alone (any stored optimizer state is ignored).
    /// </param>
    /// <exception cref="ModelFileException">
    /// The file is not a model file, is of a newer format version, is truncated or corrupted, was saved from a
    /// network with another signature or precision, is a version 1 file (no buffers) for a network with buffers, or
    /// lacks matching optimizer state. <see cref="ModelFileException.Error"/>
    /// says which; the network and optimizer are unchanged.
    /// </exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static void Load<T>(INetwork<T> network, string path, Optimizer<T>? optimizer = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = File.ReadAllBytes(path);
        DecodedModelFile file = ModelFileFormat.Decode(bytes, path);
        ModelFileInfo info = file.Info;
        CheckNetwork(network.Description, info, path);
        if (optimizer is not null)
        {
            CheckOptimizer(optimizer, info, path);
        }

        int elementSize = LittleEndianElements.SizeOf(info.Precision);
        int buffersOffset = file.PayloadOffset + (info.ParameterCount * elementSize);
        LittleEndianElements.Read(bytes.AsSpan(file.PayloadOffset), info.Precision, network.Parameters);
        LittleEndianElements.Read(bytes.AsSpan(buffersOffset), info.Precision, network.Buffers);
        if (optimizer is not null)
        {
            LittleEndianElements.Read(bytes.AsSpan(buffersOffset + (info.BufferCount * elementSize)), info.Precision, optimizer.State);
            optimizer.StepCount = info.OptimizerStepCount;
        }
    }

    /// <summary>Reads and checks a model file's header (including its checksum) without loading it.</summary>
    /// <exception cref="ModelFileException">The file is not a model file, is of a newer version, or is truncated or corrupted.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static ModelFileInfo ReadInfo(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ModelFileFormat.Decode(File.ReadAllBytes(path), path).Info;
    }

    private static void CheckNetwork(NetworkDescription description, ModelFileInfo info, string path)
    {
        if (info.Signature != description.Signature || info.ParameterCount != description.ParameterCount)
        {
            throw new ModelFileException(
                ModelFileError.NetworkMismatch,
                path,
                $"it holds the parameters of another network: saved from {info.NetworkName} with signature {info.Signature} "
                + $"({info.ParameterCount} parameters), but {description.Name} has signature {description.Signature} ({description.ParameterCount} parameters).");
        }

        if (info.BufferCount != description.BufferCount)
        {
            throw info.FormatVersion == 1
                ? new ModelFileException(
                    ModelFileError.MissingBuffers,
                    path,
                    $"it is in format version 1, which stores parameters only, but {description.Name} also has {description.BufferCount} buffer values "
                    + "(BatchNorm's running statistics), without which its inference would be wrong; save the trained network again with this version of GenNN.")
                : new ModelFileException(
                    ModelFileError.NetworkMismatch,
                    path,
                    $"it holds {info.BufferCount} buffer values, but {description.Name} (signature {description.Signature}) has {description.BufferCount}.");
        }

        if (info.Precision != description.Precision)
        {
            throw new ModelFileException(
                ModelFileError.PrecisionMismatch,
                path,
                $"it was saved from a {Describe(info.Precision)} network, but {description.Name} computes in {Describe(description.Precision)}; "
                + "model files restore values exactly, so they load only into a network of the same precision (use safetensors to convert).");
        }
    }

    private static void CheckOptimizer<T>(Optimizer<T> optimizer, ModelFileInfo info, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (info.Optimizer is not OptimizerKind saved)
        {
            throw new ModelFileException(
                ModelFileError.MissingOptimizerState,
                path,
                $"an optimizer ({optimizer.Options.Kind}) was given to resume, but the file holds parameters only; save with the optimizer to resume training.");
        }

        if (saved != optimizer.Options.Kind)
        {
            throw new ModelFileException(
                ModelFileError.OptimizerMismatch,
                path,
                $"it holds the state of an optimizer of kind {saved}, but the optimizer given is {optimizer.Options.Kind}; resume with OptimizerKind.{saved}.");
        }

        string expected = ModelFileFormat.StateNamesOf(optimizer);
        if (info.OptimizerStateNames is string names && names != expected)
        {
            throw new ModelFileException(
                ModelFileError.OptimizerMismatch,
                path,
                $"it holds {saved} state {Blocks(names)}, but the {optimizer.Options.Kind} optimizer given keeps {Blocks(expected)}; "
                + "create it with the options it was saved with (momentum_buffer: Momentum; grad_avg: Centered; max_exp_avg_sq: Amsgrad).");
        }

        if (info.OptimizerStateLength != optimizer.State.Length)
        {
            throw new ModelFileException(
                ModelFileError.OptimizerMismatch,
                path,
                $"it holds {saved} state of {info.OptimizerStateLength} values, but the {optimizer.Options.Kind} optimizer given has {optimizer.State.Length} "
                + "(create it with the options it was saved with: the same momentum, amsgrad or centered settings).");
        }
    }

    private static string Blocks(string names) => names.Length == 0 ? "(none)" : names.Replace(ModelFileFormat.StateNameSeparator.ToString(), ", ", StringComparison.Ordinal);

    private static string Describe(Precision precision) => precision == Precision.Double ? "double (float64)" : "float (float32)";
}
