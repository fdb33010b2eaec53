using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace GenNN.Samples.Spirals;

/// <summary>
/// Finds the file the generator wrote for a network. The project sets <c>EmitCompilerGeneratedFiles</c>, so the
/// SDK saves every generated source under <c>obj/&lt;Configuration&gt;/&lt;TargetFramework&gt;/generated/</c>.
/// </summary>
internal static class GeneratedSource
{
    /// <summary>Where to look when the file cannot be found (for example when the binary was copied elsewhere).</summary>
    public const string Pattern =
        "samples/Spirals/obj/<Configuration>/net10.0/generated/GenNN.Generator/GenNN.Generator.NetworkGenerator/*SpiralNet*.g.cs";

    /// <summary>
    /// The generated file of <paramref name="network"/> for the configuration this binary was built in, or
    /// <see langword="null"/> when the project folder is not above the running binary.
    /// </summary>
    public static string? Find(Type network)
    {
        Assembly assembly = typeof(GeneratedSource).Assembly;
        string? objFolder = FindObjFolder(AppContext.BaseDirectory, assembly.GetName().Name + ".csproj");
        if (objFolder is null)
        {
            return null;
        }

        // Debug and Release builds each keep their own copy; prefer the one matching this binary.
        string configuration = assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? string.Empty;
        string configurationFolder = Path.Combine(objFolder, configuration);
        string searchRoot = configuration.Length > 0 && Directory.Exists(configurationFolder) ? configurationFolder : objFolder;
        string generatedSegment = Path.DirectorySeparatorChar + "generated" + Path.DirectorySeparatorChar;

        return Directory.EnumerateFiles(searchRoot, $"*{network.Name}*.g.cs", SearchOption.AllDirectories)
            .Where(path => path.Contains(generatedSegment, StringComparison.Ordinal))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
    }

    /// <summary>
    /// <paramref name="path"/> relative to the working directory when it lies below it (as it does when the sample
    /// is run from the repository), else unchanged.
    /// </summary>
    public static string ForDisplay(string path)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    /// <summary>Walks up from the binary's folder (bin/&lt;Configuration&gt;/net10.0/) to the project's obj folder.</summary>
    private static string? FindObjFolder(string start, string projectFile)
    {
        for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, projectFile)))
            {
                string obj = Path.Combine(folder.FullName, "obj");
                return Directory.Exists(obj) ? obj : null;
            }
        }

        return null;
    }
}
