using System.IO;

namespace GenNN.Package.Tests;

/// <summary>
/// A copy of Consumer/ in a folder of its own under the packed GenNN's work folder, set up as a user's project:
/// GenNN restored from the feed folder alone (everything else from the registry) into a package cache folder of its own.
/// </summary>
internal sealed class ConsumerProject
{
    private static readonly string[] Files = ["Consumer.csproj", "Program.cs", "xor.safetensors"];

    private ConsumerProject(PackedGenNN packed, string root)
    {
        Folder = Path.Combine(root, "Consumer");
        Packages = Path.Combine(root, "packages");
        BuildArguments =
        [
            "build", "Consumer.csproj",
            "--configuration", "Release",
            "--disable-build-servers",
            $"-p:GenNNVersion={packed.Version}",
            $"-p:RestorePackagesPath={Packages}",
        ];
    }

    /// <summary>The project's folder.</summary>
    public string Folder { get; }

    /// <summary>Its own package cache folder.</summary>
    public string Packages { get; }

    /// <summary><c>dotnet</c>'s arguments to build it in Release.</summary>
    public string[] BuildArguments { get; }

    /// <summary>The program's output file.</summary>
    public string Program => Path.Combine(Folder, "bin", "Release", "net10.0", "Consumer.dll");

    /// <summary>
    /// Copies Consumer/ into <paramref name="name"/> under the work folder. <paramref name="buildProps"/> becomes the
    /// Directory.Build.props above it (the settings of a particular user's build), empty by default.
    /// </summary>
    public static ConsumerProject Create(PackedGenNN packed, string name, string buildProps = "<Project />")
    {
        string root = Path.Combine(packed.WorkFolder, name);
        var consumer = new ConsumerProject(packed, root);
        Directory.CreateDirectory(consumer.Folder);
        foreach (string file in Files)
        {
            File.Copy(Path.Combine(packed.RepositoryRoot, "tests", "GenNN.Package.Tests", "Consumer", file), Path.Combine(consumer.Folder, file));
        }

        // MSBuild imports the nearest Directory.Build.props/.targets above a project: these stop the search before
        // anything left in the temporary folder's parents can reach the consumer.
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), buildProps);
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
        return consumer;
    }

    /// <summary>
    /// What the program prints. 337 = (2·16 + 16) + (16·16 + 16) + (16 + 1); 57 = (4·1·3·3 + 4) + (4·2·2 + 1). The
    /// counts are constants the generator wrote, so they also show that the package's generator, not another,
    /// compiled the networks.
    /// </summary>
    public static string ExpectedOutput(PackedGenNN packed) => $"""
        gennn-version: {packed.Version}
        xor-parameters: 337
        xor-accuracy: 1.0000
        conv-parameters: 57
        conv-accuracy: 1.0000
        model-file: identical
        compiled-weights: 0.0067 0.9933 0.9933 0.0067
        """;
}
