using Xunit;

namespace GenNN.IntegrationTests;

/// <summary>
/// Put <c>[Collection(IsolatedCollection.Name)]</c> on a test class that must run while no other test does: xunit
/// runs this collection's classes one after another, after the parallel ones. An allocation test needs it when its
/// network type is also trained by other tests: a type's <see cref="WorkspacePool{T}"/> is shared by every instance,
/// and a test training another instance at the same time holds arrays the measured calls would otherwise reuse, so
/// they allocate new ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IsolatedCollection
{
    public const string Name = "Isolated";
}
