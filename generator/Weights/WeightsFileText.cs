using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace GenNN.Generator.Weights;

/// <summary>
/// Reads the project's weights files from the compiler's AdditionalFiles. GenNN.targets replaces each
/// <c>.safetensors</c> or <c>.gennn</c> item with a text file (<see cref="EncodedExtension"/>): a header line naming the
/// original path, then the bytes in base64, since a generator sees AdditionalFiles only as decoded text. An item
/// that still has its binary extension reached the compiler without that step; it is kept, with the reason, so a
/// network naming it gets a diagnostic that says what to import.
/// </summary>
internal static class WeightsFileText
{
    /// <summary>The extension of the files GenNN.targets writes.</summary>
    public const string EncodedExtension = ".gennn-weights.txt";

    /// <summary>The first line's prefix; the rest of the line is the item's project-relative path.</summary>
    public const string Header = "GenNN weights file: ";

    /// <summary>Whether the pipeline should read <paramref name="path"/>: an encoded file, or a weights file that was not encoded.</summary>
    public static bool IsWeightsItem(string path)
        => path.EndsWith(EncodedExtension, StringComparison.OrdinalIgnoreCase) || IsWeightsExtension(path);

    private static bool IsWeightsExtension(string path)
        => path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".gennn", StringComparison.OrdinalIgnoreCase);

    public static WeightsFile Read(AdditionalText file, CancellationToken cancellationToken)
    {
        if (!file.Path.EndsWith(EncodedExtension, StringComparison.OrdinalIgnoreCase))
        {
            return new WeightsFile(
                file.Path.Replace('\\', '/'),
                content: null,
                "it reached the compiler as a binary AdditionalFiles item, which a generator cannot read exactly; GenNN.targets, which encodes it, was not imported "
                + "(the GenNN package imports it; a project referencing the generator project must import src/build/GenNN.targets itself)");
        }

        SourceText? text = file.GetText(cancellationToken);
        return text is null
            ? new WeightsFile(file.Path.Replace('\\', '/'), content: null, "its encoded text could not be read")
            : Decode(text.ToString(), file.Path.Replace('\\', '/'));
    }

    /// <summary>Decodes the text GenNN.targets writes; a file with a <see cref="WeightsFile.Problem"/> when it is not that text.</summary>
    public static WeightsFile Decode(string text, string encodedPath)
    {
        int lineEnd = text.IndexOf('\n');
        if (!text.StartsWith(Header, StringComparison.Ordinal) || lineEnd < 0)
        {
            return new WeightsFile(encodedPath, content: null, $"its encoded text does not start with the line '{Header}<path>'");
        }

        string path = text.Substring(Header.Length, lineEnd - Header.Length).TrimEnd('\r');
        try
        {
            return new WeightsFile(path, Convert.FromBase64String(text.Substring(lineEnd + 1)), problem: null);
        }
        catch (FormatException)
        {
            return new WeightsFile(path, content: null, "its encoded text is not valid base64 (edited by hand?); rebuild to encode it again");
        }
    }
}
