using System.Collections.Generic;
using System.Linq;

namespace GenNN.Generator.Emit;

/// <summary>
/// A method the emitter declares, as data (<see cref="GeneratedMembers"/> builds them): the emitter writes the
/// declaration and every cref to it from here, and the parser compares the class's own methods against it (GNN0017),
/// so the three cannot disagree about a signature.
/// </summary>
/// <param name="Name">The method's name.</param>
/// <param name="Parameters">Its parameters, in order.</param>
internal sealed record GeneratedMethod(string Name, IReadOnlyList<GeneratedParameter> Parameters)
{
    /// <summary>The name and parameter list as the declaration writes them: <c>Forward(global::System.ReadOnlySpan&lt;float&gt; input, …)</c>.</summary>
    public string Signature => $"{Name}({string.Join(", ", Parameters.Select(parameter => $"{parameter.Prefix}{parameter.Type} {parameter.Name}"))})";

    /// <summary>
    /// A cref to this overload alone, parameter types with generic arguments in braces. A bare <c>Forward</c> would be
    /// ambiguous (CS0419, an error with documentation on and warnings as errors) once the class adds an overload.
    /// </summary>
    public string Cref => $"{Name}({string.Join(", ", Parameters.Select(parameter => parameter.Prefix + parameter.Type.Replace('<', '{').Replace('>', '}')))})";
}
