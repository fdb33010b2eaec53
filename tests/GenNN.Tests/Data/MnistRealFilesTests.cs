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
        // Every digit appears, between about 5,400 and 6,800 times in training (MNIST's known class counts).
        int[] counts = new int[10];
        foreach (int label in training.Labels)
        {
            counts[label]++;
        }

        Assert.All(counts, count => Assert.InRange(count, 5_400, 6_800));
        Assert.Equal(0f, TensorPrimitives.Min<float>(training.Features));
        Assert.Equal(1f, TensorPrimitives.Max<float>(training.Features));
        // The first training digit of the canonical file is a 5, the first test digit a 7.
        Assert.Equal(5, training.LabelOf(0));
        Assert.Equal(7, test.LabelOf(0));
    }
}
