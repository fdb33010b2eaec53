using System;
using System.IO;
using GenNN.Onnx;
using GenNN.Serialization;
using Xunit;

namespace GenNN.Tests.Serialization;

/// <summary>
/// Every way of saving a network writes through a hidden temporary file beside the target; when saving fails, the
/// exception must name the file the caller asked for, never that temporary file, and leave nothing behind.
/// </summary>
public sealed class SaveErrorTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Savers => new() { "model file", "safetensors", "ONNX" };

    [Theory]
    [MemberData(nameof(Savers))]
    public void Saving_into_a_missing_folder_names_the_path_given_and_the_missing_folder(string saver)
    {
        string missingFolder = Path.Combine(_folder.Path, "runs", "today");
        string path = Path.Combine(missingFolder, "model.bin");

        var error = Assert.Throws<DirectoryNotFoundException>(() => Save(saver, path));

        Assert.Equal($"Cannot save '{path}': the folder '{missingFolder}' does not exist.", error.Message);
        Assert.False(Directory.Exists(missingFolder));
    }

    [Theory]
    [MemberData(nameof(Savers))]
    public void Saving_over_a_folder_leads_with_the_path_given_and_leaves_no_temporary_file(string saver)
    {
        string path = _folder.File("taken");
        Directory.CreateDirectory(path);

        Exception error = Assert.ThrowsAny<Exception>(() => Save(saver, path));

        Assert.True(error is IOException or UnauthorizedAccessException, error.GetType().Name);
        Assert.StartsWith($"Cannot save '{path}': ", error.Message);
        Assert.Equal([path], Directory.GetFileSystemEntries(_folder.Path));
    }

    private static void Save(string saver, string path)
    {
        var network = new TanhNet();
        switch (saver)
        {
            case "model file":
                ModelFile.Save(network, path);
                break;
            case "safetensors":
                Safetensors.Export(network, path);
                break;
            default:
                OnnxExporter.Save(network, path);
                break;
        }
    }
}
