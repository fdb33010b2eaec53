using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using GenNN.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenNN.Generator.Tests.Infrastructure;

/// <summary>Runs <see cref="NetworkGenerator"/> in-process over source text, with the test host's own references.</summary>
internal static class GeneratorHarness
{
    /// <summary>References taken from the running host plus GenNN and TensorPrimitives: hermetic, no download.</summary>
    public static readonly ImmutableArray<MetadataReference> References = CreateReferences();

    /// <summary>
    /// Parse options for <paramref name="version"/>. <see cref="DocumentationMode.Diagnose"/> checks documentation
    /// comments as <c>GenerateDocumentationFile</c> does (a cref to an overloaded name is CS0419, an unknown one CS1574).
    /// </summary>
    public static CSharpParseOptions ParseOptions(LanguageVersion version = LanguageVersion.CSharp12, DocumentationMode documentation = DocumentationMode.Parse)
        => new(version, documentation);

    public static CSharpCompilation CreateCompilation(
        string[] sources, LanguageVersion version = LanguageVersion.CSharp12, string assemblyName = "GenNN.Tests.Generated", DocumentationMode documentation = DocumentationMode.Parse)
        => CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions(version, documentation), path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(LanguageVersion version = LanguageVersion.CSharp12, DocumentationMode documentation = DocumentationMode.Parse)
        => CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions(version, documentation),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator over <paramref name="sources"/>.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(LanguageVersion.CSharp12, sources);

    public static GeneratorRun Run(LanguageVersion version, params string[] sources) => Run(sources, ImmutableArray<AdditionalText>.Empty, version);

    /// <summary>Runs the generator over <paramref name="sources"/>, documentation comments checked in them and in the generated code.</summary>
    public static GeneratorRun RunWithDocumentation(params string[] sources)
        => Run(sources, ImmutableArray<AdditionalText>.Empty, LanguageVersion.CSharp12, DocumentationMode.Diagnose);

    /// <summary>Runs the generator over <paramref name="sources"/> with <paramref name="additionalTexts"/> as the project's AdditionalFiles.</summary>
    public static GeneratorRun Run(
        string[] sources, ImmutableArray<AdditionalText> additionalTexts, LanguageVersion version = LanguageVersion.CSharp12, DocumentationMode documentation = DocumentationMode.Parse)
    {
        CSharpCompilation compilation = CreateCompilation(sources, version, documentation: documentation);
        GeneratorDriver driver = CreateDriver(version, documentation)
            .AddAdditionalTexts(additionalTexts)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return new GeneratorRun(driver.GetRunResult(), output);
    }

    private static ImmutableArray<MetadataReference> CreateReferences()
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

/// <summary>One generator run: its result and the compilation with the generated sources added.</summary>
internal sealed record GeneratorRun(GeneratorDriverRunResult Result, Compilation Output)
{
    /// <summary>The diagnostics the generator reported.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    /// <summary>Errors and warnings of the compilation including generated code.</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics
        => Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    /// <summary>The generated sources, by hint name.</summary>
    public ImmutableArray<GeneratedSourceResult> GeneratedSources => Result.Results.Single().GeneratedSources;

    /// <summary>The exception the generator threw, if any (a generator must never throw).</summary>
    public Exception? Exception => Result.Results.Single().Exception;
}
