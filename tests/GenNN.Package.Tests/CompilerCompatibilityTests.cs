using System;
using System.IO;
using Xunit;

namespace GenNN.Package.Tests;

/// <summary>
/// The oldest compiler GenNN is tested with. The generator is built against Roslyn 4.8 (the compiler of .NET SDK
/// 8.0.100), so any compiler from 4.8 on loads it; the runtime library targets net10.0, so projects need .NET SDK
/// 10.0.100 or later to reference it at all. Microsoft.Net.Compilers.Toolset replaces the SDK's compiler with an older
/// one inside the same SDK: 4.14.0 (the compiler of SDK 9.0.300, C# 13) is the oldest version the registry serves
/// here. The generated code needs C# 12 (InlineArray buffers; GNN0015 says so for older language versions).
/// </summary>
[Collection(PackedGenNNCollection.Name)]
public sealed class CompilerCompatibilityTests(PackedGenNN packed)
{
    private const string OldestToolset = "4.14.0";

    [Theory]
    [InlineData("12")]
    [InlineData("13")]
    public void ConsumerBuildsAndRunsWithTheOldestTestedCompiler(string languageVersion)
    {
        // RoslynCompilerType: the SDK points the build at its own compiler when the type is Core or Framework (or
        // unset); any other value leaves the compiler the toolset package's props chose.
        var consumer = ConsumerProject.Create(packed, $"csharp{languageVersion}", $"""
            <Project>
              <PropertyGroup>
                <LangVersion>{languageVersion}</LangVersion>
                <RoslynCompilerType>ToolsetPackage</RoslynCompilerType>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.Net.Compilers.Toolset" Version="{OldestToolset}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        string log = DotNet.Run(consumer.Folder, [.. consumer.BuildArguments, "--verbosity", "normal"]);

        // The compiler that ran is the package's, not the SDK's.
        string toolsetCompiler = Path.Combine("microsoft.net.compilers.toolset", OldestToolset, "tasks", "netcore", "bincore", "csc.dll");
        Assert.Contains(toolsetCompiler, log, StringComparison.Ordinal);
        Assert.Contains($"/langversion:{languageVersion}", log, StringComparison.Ordinal);

        string output = DotNet.Run(consumer.Folder, consumer.Program);
        Assert.Equal(ConsumerProject.ExpectedOutput(packed), output.ReplaceLineEndings("\n").TrimEnd());
    }
}
