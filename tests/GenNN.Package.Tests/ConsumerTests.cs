using System;
using System.IO;
using Xunit;

namespace GenNN.Package.Tests;

/// <summary>
/// Consumer/ built and run against the packed GenNN alone: a package reference restored from the feed folder, with a
/// package cache folder of its own, and third-party packages from the registry.
/// </summary>
[Collection(PackedGenNNCollection.Name)]
public sealed class ConsumerTests(PackedGenNN packed)
{
    [Fact]
    public void ConsumerTrainsGeneratedNetworksFromThePackage()
    {
        var consumer = ConsumerProject.Create(packed, "user");
        DotNet.Run(consumer.Folder, consumer.BuildArguments);

        // The package's build targets encoded the weights file for the generator; a second build with nothing
        // changed leaves the encoded file alone.
        string encoded = Path.Combine(consumer.Folder, "obj", "Release", "net10.0", "GenNN", "xor.safetensors.gennn-weights.txt");
        Assert.StartsWith("GenNN weights file: xor.safetensors\n", File.ReadAllText(encoded), StringComparison.Ordinal);
        DateTime encodedAt = File.GetLastWriteTimeUtc(encoded);
        DotNet.Run(consumer.Folder, consumer.BuildArguments);
        Assert.Equal(encodedAt, File.GetLastWriteTimeUtc(encoded));

        // Contents decide, not dates: an encoded file that no longer matches its weights file is written again even
        // when it is the newer one (as the weights file is older after being replaced by a saved copy).
        File.WriteAllText(encoded, "stale");
        File.SetLastWriteTimeUtc(encoded, DateTime.UtcNow.AddHours(1));
        DotNet.Run(consumer.Folder, consumer.BuildArguments);
        Assert.StartsWith("GenNN weights file: xor.safetensors\n", File.ReadAllText(encoded), StringComparison.Ordinal);

        string output = DotNet.Run(consumer.Folder, consumer.Program);
        Assert.Equal(ConsumerProject.ExpectedOutput(packed), output.ReplaceLineEndings("\n").TrimEnd());
        Assert.True(Directory.Exists(Path.Combine(consumer.Packages, "gennn", packed.Version)), $"GenNN {packed.Version} was not restored into '{consumer.Packages}'.");
    }
}
