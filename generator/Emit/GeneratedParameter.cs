namespace GenNN.Generator.Emit;

/// <summary>A parameter of a <see cref="GeneratedMethod"/>.</summary>
/// <param name="Type">
/// The type as the generated code writes it: <c>global::</c>-qualified, special types by keyword (<c>float</c>,
/// <c>float?</c>), and <see cref="GeneratedMembers.StateType"/> for the network's own nested state struct.
/// </param>
/// <param name="Name">The parameter's name.</param>
/// <param name="ByRef">Whether it is passed by <c>ref</c>.</param>
internal sealed record GeneratedParameter(string Type, string Name, bool ByRef = false)
{
    /// <summary>What the parameter is written after: <c>ref </c> for one passed by reference.</summary>
    public string Prefix => ByRef ? "ref " : string.Empty;
}
