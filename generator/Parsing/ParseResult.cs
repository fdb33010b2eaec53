using System.Collections.Immutable;
using GenNN.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Parsing;

/// <summary>
/// What parsing one <c>[Network]</c> class gives: the spec (null when the network is invalid) and the diagnostics.
/// The pipeline splits the two so source is regenerated only when the spec changes.
/// </summary>
internal sealed record ParseResult(NetworkSpec? Spec, ImmutableArray<Diagnostic> Diagnostics);
