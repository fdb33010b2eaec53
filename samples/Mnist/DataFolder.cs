using System;
using System.IO;

namespace GenNN.Samples.Mnist;

/// <summary>Finds the MNIST files when no folder is given: <c>../shared/datasets/mnist</c> beside the repository root.</summary>
internal static class DataFolder
{
    /// <summary>
    /// The default folder, found from the repository root (the folder holding GenNN.sln) above the current directory
    /// or above the running binary; <see langword="null"/> when neither is inside the repository.
    /// </summary>
    public static string? Default()
    {
        string? root = RepositoryRoot(Directory.GetCurrentDirectory()) ?? RepositoryRoot(AppContext.BaseDirectory);
        return root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "datasets", "mnist"));
    }

    private static string? RepositoryRoot(string start)
    {
        for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GenNN.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
