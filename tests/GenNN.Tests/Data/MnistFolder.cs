using System;
using System.IO;
using System.Linq;
using GenNN.Data;

namespace GenNN.Tests.Data;

/// <summary>
/// Where the real MNIST files are, if anywhere: <c>mnist</c> in the <see cref="SharedDatasets"/>. Tests that need them
/// skip, saying why, when absent.
/// </summary>
internal static class MnistFolder
{
    private static readonly Lazy<string?> Found = new(Locate);

    /// <summary>The folder holding all four MNIST files, or <see langword="null"/>.</summary>
    public static string? Path => Found.Value;

    /// <summary>Why <see cref="Path"/> is <see langword="null"/>, for the skip message.</summary>
    public static string MissingReason =>
        $"The real MNIST files are not here: expected {Mnist.TrainingImagesFile}(.gz) and the three others in "
        + $"'{Expected() ?? "../shared/datasets/mnist (no GenNN.sln found above the test binaries)"}'.";

    private static string? Locate()
    {
        string? folder = Expected();
        string[] files = [Mnist.TrainingImagesFile, Mnist.TrainingLabelsFile, Mnist.TestImagesFile, Mnist.TestLabelsFile];
        return folder is not null && files.All(file => File.Exists(System.IO.Path.Combine(folder, file)) || File.Exists(System.IO.Path.Combine(folder, file + ".gz")))
            ? folder
            : null;
    }

    private static string? Expected() => SharedDatasets.Folder("mnist");
}
