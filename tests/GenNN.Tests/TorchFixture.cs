using TorchSharp;
using Xunit;

namespace GenNN.Tests;

/// <summary>
/// Process-wide LibTorch settings, applied once before the first test of <see cref="TorchCollection"/>.
/// LibTorch's thread pool and RNG are global to the process, so every test class that calls TorchSharp belongs to
/// that collection: xunit then runs them one after another rather than in parallel with each other.
/// </summary>
public sealed class TorchFixture
{
    public TorchFixture()
    {
        // One intra-op thread: the machines here have 2 cores and xunit already runs other collections in parallel,
        // and a single thread keeps reductions in a fixed order, so results repeat bit for bit.
        torch.set_num_threads(1);
    }
}

/// <summary>Put <c>[Collection(TorchCollection.Name)]</c> on every test class that uses TorchSharp.</summary>
[CollectionDefinition(Name)]
public sealed class TorchCollection : ICollectionFixture<TorchFixture>
{
    public const string Name = "TorchSharp";
}
