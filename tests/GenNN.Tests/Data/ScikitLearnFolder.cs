using System;
using System.Linq;

namespace GenNN.Tests.Data;

/// <summary>
/// Where scikit-learn's bundled CSV files are, if anywhere: <c>sklearn</c> in the <see cref="SharedDatasets"/>. Tests
/// that need them skip, saying why, when absent.
/// </summary>
internal static class ScikitLearnFolder
{
    /// <summary>The files the tests read, as scikit-learn ships them.</summary>
    public static readonly string[] Files = ["iris.csv", "wine_data.csv", "breast_cancer.csv", "digits.csv.gz"];

    private static readonly Lazy<string?> Found = new(() =>
    {
        string? folder = SharedDatasets.Folder("sklearn");
        return folder is not null && Files.All(file => System.IO.File.Exists(System.IO.Path.Combine(folder, file))) ? folder : null;
    });

    /// <summary>The folder holding every file of <see cref="Files"/>, or <see langword="null"/>.</summary>
    public static string? Path => Found.Value;

    /// <summary>The full path of one of <see cref="Files"/>; only valid when <see cref="Path"/> is not <see langword="null"/>.</summary>
    public static string File(string name) => System.IO.Path.Combine(Path!, name);

    /// <summary>Why <see cref="Path"/> is <see langword="null"/>, for the skip message.</summary>
    public static string MissingReason =>
        $"scikit-learn's CSV files are not here: expected {string.Join(", ", Files)} in "
        + $"'{SharedDatasets.Folder("sklearn") ?? "../shared/datasets/sklearn (no GenNN.sln found above the test binaries)"}'.";
}
