using System.Collections.Immutable;
using GenNN.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Parsing;

/// <summary>
/// What parsing one <c>[Network]</c> class gives: the spec (null when the network is invalid) and the diagnostics.
/// The pipeline splits the two so source is regenerated only when the spec changes. <paramref name="WeightsLocation"/>
/// is the <c>Weights = ...</c> argument, where the weights file's diagnostics are reported.
/// </summary>
internal sealed record ParseResult(NetworkSpec? Spec, ImmutableArray<Diagnostic> Diagnostics, Location? WeightsLocation);
