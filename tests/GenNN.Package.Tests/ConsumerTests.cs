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
        string root = Path.Combine(packed.WorkFolder, "user");
        string project = Path.Combine(root, "Consumer");
        string packages = Path.Combine(root, "packages");
        Directory.CreateDirectory(project);
        foreach (string name in new[] { "Consumer.csproj", "Program.cs", "xor.safetensors" })
        {
            File.Copy(Path.Combine(packed.RepositoryRoot, "tests", "GenNN.Package.Tests", "Consumer", name), Path.Combine(project, name));
        }

        // MSBuild imports the nearest Directory.Build.props/.targets above a project: these empty ones stop the search
        // before anything left in the temporary folder's parents can reach the consumer.
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />");

        // Only the feed may serve GenNN; everything else comes from the registry, as for a user.
        File.WriteAllText(Path.Combine(root, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="feed" value="{packed.FeedFolder}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="feed"><package pattern="GenNN" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);

        string[] build =
        [
            "build", "Consumer.csproj",
            "--configuration", "Release",
            "--disable-build-servers",
            $"-p:GenNNVersion={packed.Version}",
            $"-p:RestorePackagesPath={packages}",
        ];
        DotNet.Run(project, build);

        // The package's build targets encoded the weights file for the generator; a second build with nothing
        // changed leaves the encoded file alone (its target's Inputs and Outputs are up to date).
        string encoded = Path.Combine(project, "obj", "Release", "net10.0", "GenNN", "xor.safetensors.gennn-weights.txt");
        Assert.StartsWith("GenNN weights file: xor.safetensors\n", File.ReadAllText(encoded), StringComparison.Ordinal);
        DateTime encodedAt = File.GetLastWriteTimeUtc(encoded);
        DotNet.Run(project, build);
        Assert.Equal(encodedAt, File.GetLastWriteTimeUtc(encoded));

        string output = DotNet.Run(project, Path.Combine(project, "bin", "Release", "net10.0", "Consumer.dll"));

        // 337 = (2·16 + 16) + (16·16 + 16) + (16 + 1); 57 = (4·1·3·3 + 4) + (4·2·2 + 1). The counts are constants the
        // generator wrote, so they also show that the package's generator, not another, compiled the networks.
        Assert.Equal(
            $"""
            gennn-version: {packed.Version}
            xor-parameters: 337
            xor-accuracy: 1.0000
            conv-parameters: 57
            conv-accuracy: 1.0000
            model-file: identical
            compiled-weights: 0.0067 0.9933 0.9933 0.0067
            """,
            output.ReplaceLineEndings("\n").TrimEnd());
        Assert.True(Directory.Exists(Path.Combine(packages, "gennn", packed.Version)), $"GenNN {packed.Version} was not restored into '{packages}'.");
    }
}
