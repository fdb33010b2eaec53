using GenNN.Training;

namespace GenNN.Serialization;

/// <summary>What a model file's header says (see <see cref="ModelFile.ReadInfo"/>).</summary>
/// <param name="FormatVersion">The format version the file was written in.</param>
/// <param name="NetworkName">The class name of the network that saved it (informational; loading checks <paramref name="Signature"/>).</param>
/// <param name="Signature">The network's layer kinds and shapes (<see cref="NetworkDescription.Signature"/>).</param>
/// <param name="Precision">The precision of the stored values.</param>
/// <param name="ParameterCount">The number of parameters stored.</param>
/// <param name="BufferCount">The number of buffer values stored (<see cref="INetwork{T}.Buffers"/>; always 0 in a version 1 file, which has no place for them).</param>
/// <param name="Optimizer">The optimizer whose state is stored, or <see langword="null"/> if none is.</param>
/// <param name="OptimizerStepCount">The optimizer's step count (0 without optimizer state).</param>
/// <param name="OptimizerStateLength">The number of optimizer state values (0 without optimizer state).</param>
/// <param name="OptimizerStateNames">
/// The names of the optimizer state's blocks (<see cref="Optimizer{T}.StateNames"/>) joined by <c>|</c>, e.g.
/// <c>square_avg|momentum_buffer</c>; empty for state-free SGD; <see langword="null"/> without optimizer state, and in
/// files of format versions 1 and 2, which did not record them.
/// </param>
public sealed record ModelFileInfo(
    int FormatVersion,
    string NetworkName,
    string Signature,
    Precision Precision,
    int ParameterCount,
    int BufferCount,
    OptimizerKind? Optimizer,
    long OptimizerStepCount,
    int OptimizerStateLength,
    string? OptimizerStateNames);
