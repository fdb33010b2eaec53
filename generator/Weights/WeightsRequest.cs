using System;
using System.Linq;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Weights;

/// <summary>
/// A network with compiled-in weights paired with the one weights file it names (or none, and why). Choosing the file
/// is a cheap step of its own, so a network whose file did not change compares equal here and the expensive binding
/// after it stays cached when another network's file is edited.
/// </summary>
/// <param name="Spec">The network; its <see cref="NetworkSpec.WeightsPath"/> is set.</param>
/// <param name="HintName">The network's unique hint name.</param>
/// <param name="File">The file it names, or <see langword="null"/> when the project has none of that name.</param>
/// <param name="NotFoundDetail">Why no file was chosen, the end of GNN0026's message; empty when one was.</param>
internal sealed record WeightsRequest(NetworkSpec Spec, string HintName, WeightsFile? File, string NotFoundDetail)
{
    /// <summary>
    /// Picks the file <paramref name="spec"/> names among <paramref name="files"/>: the one whose project-relative path
    /// equals the name ('/' or '\' separated, an optional leading <c>./</c>), else the one whose path ends with it
    /// after a folder separator (so <c>digits.safetensors</c> finds <c>Models/digits.safetensors</c>) when only one does.
    /// </summary>
    public static WeightsRequest Pick(NetworkSpec spec, string hintName, EquatableArray<WeightsFile> files)
    {
        string wanted = Normalize(spec.WeightsPath!);
        WeightsFile[] exact = files.Where(file => string.Equals(Normalize(file.Path), wanted, StringComparison.Ordinal)).ToArray();
        WeightsFile[] matches = exact.Length > 0
            ? exact
            : files.Where(file => Normalize(file.Path).EndsWith("/" + wanted, StringComparison.Ordinal)).ToArray();
        if (matches.Length == 1 && wanted.Length > 0)
        {
            return new WeightsRequest(spec, hintName, matches[0], string.Empty);
        }

        string detail = wanted.Trim().Length == 0
            ? "is no path: name a .safetensors or .gennn file that the project lists as an <AdditionalFiles> item"
            : matches.Length > 1
            ? $"matches {Invariant.Text(matches.Length)} AdditionalFiles ({Paths(matches)}); give its path from the project folder"
            : "is not among the project's AdditionalFiles "
              + (files.Count == 0 ? "(it has no .safetensors or .gennn ones)" : $"(its weights files are: {Paths(files)})")
              + $"; add <AdditionalFiles Include=\"{spec.WeightsPath}\" /> to the project";
        return new WeightsRequest(spec, hintName, null, detail);
    }

    private static string Paths(System.Collections.Generic.IEnumerable<WeightsFile> files)
        => string.Join(", ", files.Select(file => file.Path).OrderBy(path => path, StringComparer.Ordinal));

    private static string Normalize(string path)
    {
        string normalized = path.Replace('\\', '/');
        return normalized.StartsWith("./", StringComparison.Ordinal) ? normalized.Substring(2) : normalized;
    }
}
