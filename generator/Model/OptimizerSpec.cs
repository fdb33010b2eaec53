using GenNN.Generator.Helpers;

namespace GenNN.Generator.Model;

/// <summary>The optimizer declared by <c>[Optimizer]</c>: its kind and the settings given, as C# literals.</summary>
/// <param name="KindName">The <c>OptimizerKind</c> member (<c>Adam</c>).</param>
/// <param name="Settings">The named arguments set, in source order.</param>
internal sealed record OptimizerSpec(string KindName, EquatableArray<OptimizerSetting> Settings);

/// <summary>One setting: an <c>OptimizerOptions</c> property and its value as a C# literal.</summary>
internal sealed record OptimizerSetting(string Name, string Literal);
