using System;
using System.IO;

namespace GenNN.Tests.Data;

/// <summary>
/// The workspace's shared folder of real data sets, <c>../shared/datasets</c> beside the repository root (the folder
/// holding GenNN.sln), as in the workspace and in CI's checkout. Tests that need a data set from it skip, saying
/// why, when it is absent.
/// </summary>
internal static class SharedDatasets
{
    /// <summary>The full path of <paramref name="subfolder"/> of the shared data sets, or <see langword="null"/> when no GenNN.sln is found above the test binaries.</summary>
    public static string? Folder(string subfolder)
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GenNN.sln")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "datasets", subfolder));
            }
        }

        return null;
    }
}
