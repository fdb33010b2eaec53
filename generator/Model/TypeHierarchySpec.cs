using GenNN.Generator.Helpers;

namespace GenNN.Generator.Model;

/// <summary>Where the network class lives, as strings, so the emitter can re-open it (and its containing types) as partial.</summary>
/// <param name="Namespace">The namespace, or empty for the global namespace.</param>
/// <param name="Keyword">The network's declaration keyword (<c>class</c> or <c>record</c>).</param>
/// <param name="Name">The network class name.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
internal sealed record TypeHierarchySpec(string Namespace, string Keyword, string Name, EquatableArray<ContainingTypeSpec> ContainingTypes)
{
    /// <summary>A name for <c>AddSource</c>, unique per network: <c>Namespace.Outer.Name.GenNN.g.cs</c>.</summary>
    public string HintName
    {
        get
        {
            var builder = new System.Text.StringBuilder();
            if (Namespace.Length > 0)
            {
                builder.Append(Namespace).Append('.');
            }

            foreach (ContainingTypeSpec type in ContainingTypes)
            {
                builder.Append(type.Name).Append('.');
            }

            return builder.Append(Name).Append(".GenNN.g.cs").ToString();
        }
    }
}

/// <summary>An enclosing type: its keyword (<c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c>) and name.</summary>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
