using System;
using System.Collections.Generic;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Weights;

/// <summary>
/// A network's weights file checked against its topology: each tensor's values in GenNN's storage order, or the
/// problems found. It is a function of the spec and the file, so it compares by those (the file by its content
/// hash) and by the problems, never by the values themselves.
/// </summary>
/// <param name="Spec">The network.</param>
/// <param name="HintName">The network's generated file's hint name, which the weights file's is derived from.</param>
/// <param name="FileHash">The content hash of the file bound, empty when none was found.</param>
/// <param name="Tensors">The tensors in storage order (parameters, then buffers); empty when there are problems.</param>
/// <param name="Problems">What does not match, as location-free diagnostics; the pipeline adds the <c>Weights = ...</c> argument's location.</param>
internal sealed class BoundWeights(NetworkSpec Spec, string HintName, string FileHash, IReadOnlyList<BoundTensor> Tensors, EquatableArray<WeightsProblem> Problems)
    : IEquatable<BoundWeights>
{
    public NetworkSpec Spec { get; } = Spec;

    public string HintName { get; } = HintName;

    public string FileHash { get; } = FileHash;

    public IReadOnlyList<BoundTensor> Tensors { get; } = Tensors;

    public EquatableArray<WeightsProblem> Problems { get; } = Problems;

    /// <summary>The file's path as the project names it (<c>Models/digits.safetensors</c>).</summary>
    public string SourcePath => Spec.WeightsPath ?? string.Empty;

    public bool Equals(BoundWeights? other)
        => other is not null && Spec.Equals(other.Spec) && HintName == other.HintName && FileHash == other.FileHash && Problems.Equals(other.Problems);

    public override bool Equals(object? obj) => Equals(obj as BoundWeights);

    public override int GetHashCode() => (Spec.GetHashCode() * 31) ^ FileHash.GetHashCode();
}

/// <summary>One tensor's values, converted to GenNN's layout, and where they came from.</summary>
/// <param name="Member">The generated member it fills (<c>Hidden1Weights</c>).</param>
/// <param name="IsBuffer">Whether it lives in <c>Buffers</c>.</param>
/// <param name="Source">Where the values came from, for the generated comment: <c>tensor '0.weight' [16, 2], transposed</c>.</param>
/// <param name="Values">The values in storage order; floats are held exactly as doubles.</param>
internal sealed record BoundTensor(string Member, bool IsBuffer, string Source, double[] Values);

/// <summary>A diagnostic without a location: the descriptor's ID and its message arguments, equatable so the pipeline can cache it.</summary>
internal sealed record WeightsProblem(string Id, EquatableArray<string> Arguments)
{
    public static WeightsProblem Of(string id, params string[] arguments)
        => new(id, new EquatableArray<string>(System.Collections.Immutable.ImmutableArray.Create(arguments)));
}
