using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;
using Xunit;

namespace GenNN.Package.Tests;

/// <summary>The files and metadata of the packed GenNN, read from the .nupkg and .snupkg as NuGet reads them.</summary>
[Collection(PackedGenNNCollection.Name)]
public sealed class PackageContentTests(PackedGenNN packed)
{
    [Fact]
    public void PackageHoldsTheLibraryItsDocsTheGeneratorTheReadmeAndTheLicence()
    {
        using ZipArchive archive = ZipFile.OpenRead(packed.PackagePath);

        // Everything but the packaging format's own parts (_rels/, [Content_Types].xml, package/services/), exactly:
        // a file gone missing or one that should never ship shows up here.
        string[] files = archive.Entries
            .Select(entry => entry.FullName)
            .Where(name => !name.StartsWith("_rels/", StringComparison.Ordinal)
                && !name.StartsWith("package/", StringComparison.Ordinal)
                && name != "[Content_Types].xml")
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(
            [
                "GenNN.nuspec",
                "LICENSE",
                "PACKAGE.md",
                "analyzers/dotnet/cs/GenNN.CodeFixes.dll",
                "analyzers/dotnet/cs/GenNN.Generator.dll",
                "build/GenNN.targets",
                "buildTransitive/GenNN.targets",
                "lib/net10.0/GenNN.dll",
                "lib/net10.0/GenNN.xml",
            ],
            files);

        Assert.StartsWith("MIT License", Text(archive, "LICENSE"), StringComparison.Ordinal);
        Assert.StartsWith("# GenNN", Text(archive, "PACKAGE.md"), StringComparison.Ordinal);

        XElement docs = XDocument.Parse(Text(archive, "lib/net10.0/GenNN.xml")).Root!;
        Assert.Equal("GenNN", docs.Element("assembly")?.Element("name")?.Value);
        Assert.Contains(
            docs.Descendants("member"),
            member => member.Attribute("name")?.Value == "T:GenNN.NetworkAttribute" && member.Element("summary") is not null);
    }

    [Fact]
    public void GeneratorIsTheNetStandardAnalyzerThisPackBuilt()
    {
        using ZipArchive archive = ZipFile.OpenRead(packed.PackagePath);
        using var generator = new PEReader(new MemoryStream(Bytes(archive, "analyzers/dotnet/cs/GenNN.Generator.dll")));
        MetadataReader metadata = generator.GetMetadataReader();

        Assert.Equal("GenNN.Generator", metadata.GetString(metadata.GetAssemblyDefinition().Name));

        // Built with the pack's version, not picked up from an earlier build's output folder.
        Assert.Equal(packed.Version, InformationalVersion(metadata).Split('+')[0]);

        // Compilers load analyzers into whatever runtime they run on, .NET Framework included: netstandard only.
        string[] references = metadata.AssemblyReferences
            .Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name))
            .ToArray();
        Assert.Contains("netstandard", references);
        Assert.DoesNotContain("System.Runtime", references);
    }

    [Fact]
    public void NuspecNamesTheReadmeTheLicenceTheRepositoryAndOnlyRuntimeDependencies()
    {
        using ZipArchive archive = ZipFile.OpenRead(packed.PackagePath);
        XElement metadata = XDocument.Parse(Text(archive, "GenNN.nuspec")).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(element => element.Name.LocalName == name)?.Value;
        XElement Single(string name) => metadata.Elements().Single(element => element.Name.LocalName == name);

        Assert.Equal("GenNN", Value("id"));
        Assert.Equal(packed.Version, Value("version"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.False(string.IsNullOrWhiteSpace(Value("authors")));
        Assert.Equal("PACKAGE.md", Value("readme"));

        XElement license = Single("license");
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));

        XElement repository = Single("repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit"));

        // The generator is build-time only: as a dependency it would be a package nobody can restore.
        IEnumerable<XElement> groups = Single("dependencies").Elements();
        XElement group = Assert.Single(groups);
        Assert.Equal("net10.0", (string?)group.Attribute("targetFramework"));
        Assert.Equal(
            ["System.IO.Hashing", "System.Numerics.Tensors"],
            group.Elements().Select(dependency => (string?)dependency.Attribute("id")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SymbolPackageHoldsThePdbOfThePackedLibrary()
    {
        using ZipArchive archive = ZipFile.OpenRead(packed.PackagePath);
        using ZipArchive symbols = ZipFile.OpenRead(packed.SymbolPackagePath);
        using var library = new PEReader(new MemoryStream(Bytes(archive, "lib/net10.0/GenNN.dll")));
        using MetadataReaderProvider pdb = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(Bytes(symbols, "lib/net10.0/GenNN.pdb")));

        // A debugger takes a PDB only when its id is the one the DLL's CodeView entry records.
        DebugDirectoryEntry codeView = library.ReadDebugDirectory().Single(entry => entry.Type == DebugDirectoryEntryType.CodeView);
        CodeViewDebugDirectoryData expected = library.ReadCodeViewDebugDirectoryData(codeView);
        BlobContentId actual = new(pdb.GetMetadataReader().DebugMetadataHeader!.Id);
        Assert.Equal(expected.Guid, actual.Guid);
    }

    private static string InformationalVersion(MetadataReader metadata)
    {
        foreach (CustomAttributeHandle handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            CustomAttribute attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind == HandleKind.MemberReference
                && metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent is { Kind: HandleKind.TypeReference } type
                && metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)type).Name) == "AssemblyInformationalVersionAttribute")
            {
                // A custom attribute's value: the prolog 0x0001, then the constructor's one string argument.
                BlobReader value = metadata.GetBlobReader(attribute.Value);
                value.ReadUInt16();
                return value.ReadSerializedString() ?? "";
            }
        }

        throw new InvalidOperationException("The assembly has no AssemblyInformationalVersionAttribute.");
    }

    private static byte[] Bytes(ZipArchive archive, string name)
    {
        ZipArchiveEntry entry = archive.GetEntry(name) ?? throw new FileNotFoundException($"The package has no '{name}'.");
        using Stream stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Text(ZipArchive archive, string name) => Encoding.UTF8.GetString(Bytes(archive, name)).TrimStart('\uFEFF');
}
