using GenNN.Generator.Helpers;

namespace GenNN.Generator.Model;

/// <summary>Where the network class lives, as strings, so the emitter can re-open it (and its containing types) as partial.</summary>
/// <param name="Namespace">The namespace as C# source (keywords escaped with <c>@</c>), or empty for the global namespace.</param>
/// <param name="Name">The network class name as C# source.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="HintName">The name of the generated file, <c>Namespace.Outer.Name.GenNN.g.cs</c>, from the unescaped names.</param>
internal sealed record TypeHierarchySpec(string Namespace, string Name, EquatableArray<ContainingTypeSpec> ContainingTypes, string HintName);

/// <summary>An enclosing type: its keyword (<c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c>) and name as C# source.</summary>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
