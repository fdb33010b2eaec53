using System;
using System.IO;
using System.Linq;
using GenNN.Data;
using Xunit;

namespace GenNN.Tests.Data;

public sealed class MnistTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Loads_a_folder_of_gzipped_files_as_scaled_pixels_and_one_hot_targets()
    {
        WriteSet("train", IdxBytes.Images(3), IdxBytes.Labels(5, 0, 9), gzip: true);

        Dataset<float> data = Mnist.LoadTraining<float>(_folder.Path);

        Assert.Equal(3, data.Count);
        Assert.Equal(784, data.FeatureSize);
        Assert.Equal(10, data.TargetSize);
        Assert.Equal([5, 0, 9], data.Labels.ToArray());
        Assert.Equal(1f, data.TargetsOf(0)[5]);
        Assert.Equal(1f, data.TargetsOf(2).ToArray().Sum());
        // Pixel j of image i is (7i + j) mod 256 (see IdxBytes.Images): image 1, pixel 3 is 10.
        Assert.Equal(10 / 255f, data.FeaturesOf(1)[3]);
        Assert.Equal(255 / 255f, data.FeaturesOf(0)[255]);
    }

    [Fact]
    public void Loads_uncompressed_files_and_the_dotted_name_variant_in_double()
    {
        File.WriteAllBytes(_folder.File("t10k-images.idx3-ubyte"), IdxBytes.Images(2));
        File.WriteAllBytes(_folder.File("t10k-labels.idx1-ubyte"), IdxBytes.Labels(1, 2));

        Dataset<double> data = Mnist.LoadTest<double>(_folder.Path);

        Assert.Equal(2, data.Count);
        Assert.Equal(7 / 255.0, data.FeaturesOf(1)[0]);
    }

    [Fact]
    public void A_missing_file_lists_the_names_looked_for()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Mnist.LoadTest<float>(_folder.Path));

        Assert.Contains("t10k-images-idx3-ubyte.gz", error.Message);
        Assert.Contains(_folder.Path, error.Message);
    }

    [Fact]
    public void Images_and_labels_of_different_counts_are_not_a_pair()
    {
        WriteSet("train", IdxBytes.Images(3), IdxBytes.Labels(1, 2), gzip: false);

        var error = Assert.Throws<InvalidDataException>(() => Mnist.LoadTraining<float>(_folder.Path));
        Assert.Contains("holds 3 images but", error.Message);
        Assert.Contains("holds 2 labels", error.Message);
    }

    [Fact]
    public void Images_that_are_not_28_by_28_are_rejected()
    {
        WriteSet("train", IdxBytes.Images(2, rows: 28, columns: 27), IdxBytes.Labels(1, 2), gzip: false);

        var error = Assert.Throws<InvalidDataException>(() => Mnist.LoadTraining<float>(_folder.Path));
        Assert.Contains("28 x 27 images", error.Message);
    }

    [Fact]
    public void A_label_beyond_the_class_count_is_reported_with_its_index()
    {
        WriteSet("train", IdxBytes.Images(2), IdxBytes.Labels(3, 12), gzip: false);

        var error = Assert.Throws<InvalidDataException>(() => Mnist.LoadTraining<float>(_folder.Path));
        Assert.Contains("label 12 at index 1", error.Message);
    }

    [Fact]
    public void More_classes_can_be_declared_for_EMNIST_style_sets()
    {
        string images = _folder.File("letters-images");
        string labels = _folder.File("letters-labels");
        File.WriteAllBytes(images, IdxBytes.Images(2));
        File.WriteAllBytes(labels, IdxBytes.Labels(3, 25));

        Dataset<float> data = Mnist.Load<float>(images, labels, classCount: 26);

        Assert.Equal(26, data.TargetSize);
        Assert.Equal(25, data.LabelOf(1));
    }

    [Fact]
    public void A_labels_file_given_as_images_fails_on_its_dimensions()
    {
        string labels = _folder.File("labels");
        File.WriteAllBytes(labels, IdxBytes.Labels(1, 2));

        var error = Assert.Throws<InvalidDataException>(() => Mnist.Load<float>(labels, labels));
        Assert.Contains("has 1 dimension(s)", error.Message);
    }

    private void WriteSet(string prefix, byte[] images, byte[] labels, bool gzip)
    {
        string name = prefix == "train" ? "train" : "t10k";
        string suffix = gzip ? ".gz" : "";
        File.WriteAllBytes(_folder.File($"{name}-images-idx3-ubyte{suffix}"), gzip ? IdxBytes.Gzip(images) : images);
        File.WriteAllBytes(_folder.File($"{name}-labels-idx1-ubyte{suffix}"), gzip ? IdxBytes.Gzip(labels) : labels);
    }
}
