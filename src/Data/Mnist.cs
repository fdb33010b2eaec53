using System;
using System.IO;
using System.Linq;
using System.Numerics;

namespace GenNN.Data;

/// <summary>
/// Loads MNIST and its drop-in relatives (Fashion-MNIST, KMNIST, and EMNIST given its file paths) from IDX files:
/// 28 × 28 grey images as features scaled to [0, 1], labels as class indices and one-hot targets.
/// </summary>
public static class Mnist
{
    /// <summary>The side of an image, in pixels.</summary>
    public const int ImageSide = 28;

    /// <summary>The number of pixels of an image: a network's input size.</summary>
    public const int PixelCount = ImageSide * ImageSide;

    /// <summary>MNIST's number of classes (the digits 0 to 9).</summary>
    public const int ClassCount = 10;

    /// <summary>The training images' file name, without <c>.gz</c>.</summary>
    public const string TrainingImagesFile = "train-images-idx3-ubyte";

    /// <summary>The training labels' file name, without <c>.gz</c>.</summary>
    public const string TrainingLabelsFile = "train-labels-idx1-ubyte";

    /// <summary>The test images' file name, without <c>.gz</c>.</summary>
    public const string TestImagesFile = "t10k-images-idx3-ubyte";

    /// <summary>The test labels' file name, without <c>.gz</c>.</summary>
    public const string TestLabelsFile = "t10k-labels-idx1-ubyte";

    /// <summary>Loads the 60,000 training samples from a folder holding the standard file names, raw or <c>.gz</c>.</summary>
    /// <exception cref="FileNotFoundException">A file is missing; the message lists the names looked for.</exception>
    /// <exception cref="InvalidDataException">A file is malformed, or images and labels do not match.</exception>
    public static Dataset<T> LoadTraining<T>(string folder)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Load<T>(Locate(folder, TrainingImagesFile), Locate(folder, TrainingLabelsFile));

    /// <summary>Loads the 10,000 test samples from a folder holding the standard file names, raw or <c>.gz</c>.</summary>
    /// <exception cref="FileNotFoundException">A file is missing; the message lists the names looked for.</exception>
    /// <exception cref="InvalidDataException">A file is malformed, or images and labels do not match.</exception>
    public static Dataset<T> LoadTest<T>(string folder)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Load<T>(Locate(folder, TestImagesFile), Locate(folder, TestLabelsFile));

    /// <summary>Loads an images file and its labels file: features are pixels / 255, targets one-hot.</summary>
    /// <param name="imagesPath">An IDX file of 28 × 28 unsigned-byte images (magic <c>0x00000803</c>), raw or gzip.</param>
    /// <param name="labelsPath">An IDX file of unsigned-byte labels (magic <c>0x00000801</c>), one per image.</param>
    /// <param name="classCount">The number of classes; every label must lie below it (EMNIST sets have more than 10).</param>
    /// <exception cref="InvalidDataException">
    /// A file is malformed, the images are not 28 × 28, the counts differ, or a label is out of range; the message
    /// names the file.
    /// </exception>
    public static Dataset<T> Load<T>(string imagesPath, string labelsPath, int classCount = ClassCount)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        IdxArray images = IdxFile.Read(imagesPath, expectedDimensions: 3);
        IdxArray labels = IdxFile.Read(labelsPath, expectedDimensions: 1);
        if (images.Dimensions[1] != ImageSide || images.Dimensions[2] != ImageSide)
        {
            throw new InvalidDataException(
                $"'{imagesPath}' holds {images.Dimensions[1]} x {images.Dimensions[2]} images; the MNIST family's are {ImageSide} x {ImageSide}.");
        }

        int count = images.Dimensions[0];
        if (labels.Dimensions[0] != count)
        {
            throw new InvalidDataException(
                $"'{imagesPath}' holds {count} images but '{labelsPath}' holds {labels.Dimensions[0]} labels: they are not a pair.");
        }

        var classes = new int[count];
        for (int i = 0; i < count; i++)
        {
            classes[i] = labels.Values[i];
            if (classes[i] >= classCount)
            {
                throw new InvalidDataException(
                    $"'{labelsPath}' has label {classes[i]} at index {i}, outside the {classCount} classes [0, {classCount - 1}].");
            }
        }

        var features = new T[images.Values.Length];
        T maximum = T.CreateChecked(byte.MaxValue);
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = T.CreateChecked(images.Values[i]) / maximum;
        }

        return Dataset<T>.ForClassification(features, PixelCount, classes, classCount);
    }

    /// <summary>
    /// The path of <paramref name="fileName"/> in <paramref name="folder"/>, compressed or not, also accepting the
    /// common variant with a dot before <c>idx</c> (<c>train-images.idx3-ubyte</c>).
    /// </summary>
    private static string Locate(string folder, string fileName)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string dotted = fileName.Replace("-idx", ".idx", StringComparison.Ordinal);
        string[] candidates = [fileName, fileName + ".gz", dotted, dotted + ".gz"];
        string? found = candidates.Select(name => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
        return found ?? throw new FileNotFoundException(
            $"No MNIST file '{fileName}' in '{Path.GetFullPath(folder)}' (looked for {string.Join(", ", candidates)}).",
            Path.Combine(folder, fileName));
    }
}
