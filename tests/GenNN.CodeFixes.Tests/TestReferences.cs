using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GenNN.CodeFixes.Tests;

/// <summary>
/// What the test sources compile against: the running host's own assemblies plus GenNN and TensorPrimitives, as in
/// the generator tests. Hermetic (nothing downloaded), and the net10.0 set the runtime library needs, for which the
/// testing framework's 1.1.4 has no reference-assembly package.
/// </summary>
internal static class TestReferences
{
    public static readonly ImmutableArray<MetadataReference> All = Create();

    private static ImmutableArray<MetadataReference> Create()
    {
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return trusted.Split(Path.PathSeparator)
            .Where(path => path.Length > 0)
            .Append(typeof(NetworkAttribute).Assembly.Location)
            .Append(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
