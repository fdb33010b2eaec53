using System.Numerics.Tensors;
using GenNN.Data;
using Xunit;

namespace GenNN.Tests.Data;

/// <summary>Reads the real MNIST files when they are beside the repository (see <see cref="MnistFolder"/>).</summary>
public sealed class MnistRealFilesTests
{
    [RequiresMnistFact]
    public void The_real_files_hold_60000_training_and_10000_test_digits_of_every_class()
    {
        Dataset<float> training = Mnist.LoadTraining<float>(MnistFolder.Path!);
        Dataset<float> test = Mnist.LoadTest<float>(MnistFolder.Path!);

        Assert.Equal(60_000, training.Count);
        Assert.Equal(10_000, test.Count);
        Assert.Equal(784, training.FeatureSize);
        // MNIST's published class counts, digits 0 to 9.
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], ClassCounts(training));
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], ClassCounts(test));
        Assert.Equal(0f, TensorPrimitives.Min<float>(training.Features));
        Assert.Equal(1f, TensorPrimitives.Max<float>(training.Features));
        // The first training digit of the canonical file is a 5, the first test digit a 7.
        Assert.Equal(5, training.LabelOf(0));
        Assert.Equal(7, test.LabelOf(0));
    }

    private static int[] ClassCounts(Dataset<float> data)
    {
        int[] counts = new int[Mnist.ClassCount];
        foreach (int label in data.Labels)
        {
            counts[label]++;
        }

        return counts;
    }
}
