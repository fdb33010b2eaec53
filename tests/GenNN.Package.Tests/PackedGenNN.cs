using System;
using System.IO;
using Xunit;

namespace GenNN.Package.Tests;

/// <summary>
/// <c>src/GenNN.csproj</c> packed once for the tests of <see cref="PackedGenNNCollection"/>, into a feed folder of
/// its own under a fresh temporary folder that disposal deletes.
/// </summary>
public sealed class PackedGenNN : IDisposable
{
    public PackedGenNN()
    {
        RepositoryRoot = FindRepositoryRoot();
        WorkFolder = Directory.CreateTempSubdirectory("gennn-package-").FullName;
        FeedFolder = Path.Combine(WorkFolder, "feed");

        // A version no earlier run produced: no package cache, NuGet's or a developer's, can hold a stale GenNN of it.
        Version = $"0.0.0-test.g{Guid.NewGuid():N}";

        // The artifacts path keeps this build's outputs out of src/ and generator/, where a build running beside this
        // one would be writing with the repository's own version.
        DotNet.Run(
            RepositoryRoot,
            "pack", Path.Combine(RepositoryRoot, "src", "GenNN.csproj"),
            "--configuration", "Release",
            "--output", FeedFolder,
            "--artifacts-path", Path.Combine(WorkFolder, "artifacts"),
            "--disable-build-servers",
            $"-p:Version={Version}");
    }

    /// <summary>The folder holding GenNN.sln.</summary>
    public string RepositoryRoot { get; }

    /// <summary>This run's temporary folder: the feed, the pack's build outputs, the consumer.</summary>
    public string WorkFolder { get; }

    /// <summary>The local feed: the folder the packages were written to.</summary>
    public string FeedFolder { get; }

    /// <summary>The version given to the package.</summary>
    public string Version { get; }

    public string PackagePath => Path.Combine(FeedFolder, $"GenNN.{Version}.nupkg");

    public string SymbolPackagePath => Path.Combine(FeedFolder, $"GenNN.{Version}.snupkg");

    public void Dispose() => Directory.Delete(WorkFolder, recursive: true);

    internal static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GenNN.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No GenNN.sln above the test binaries in '{AppContext.BaseDirectory}'.");
    }
}

/// <summary>Put <c>[Collection(PackedGenNNCollection.Name)]</c> on every test class that reads the packed GenNN.</summary>
[CollectionDefinition(Name)]
public sealed class PackedGenNNCollection : ICollectionFixture<PackedGenNN>
{
    public const string Name = "Packed GenNN";
}
