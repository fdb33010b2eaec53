using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using GenNN.Data;
using Xunit;

namespace GenNN.Tests.Data;

public sealed class DatasetTests
{
    /// <summary>Sample i has features [i, 10i] and label i mod 3, so every row can be traced after shuffling.</summary>
    private static Dataset<float> Numbered(int count)
    {
        var features = new float[count * 2];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            features[2 * i] = i;
            features[(2 * i) + 1] = 10 * i;
            labels[i] = i % 3;
        }

        return Dataset<float>.ForClassification(features, 2, labels, classCount: 3);
    }

    /// <summary>Sample k of <paramref name="data"/> is numbered sample <c>expected[k]</c>: its features, label and one-hot target all moved with it.</summary>
    private static void AssertOrder(int[] expected, Dataset<float> data)
    {
        Assert.Equal(expected, Enumerable.Range(0, data.Count).Select(k => (int)data.FeaturesOf(k)[0]));
        for (int k = 0; k < data.Count; k++)
        {
            Assert.Equal(10f * expected[k], data.FeaturesOf(k)[1]);
            Assert.Equal(expected[k] % 3, data.LabelOf(k));
            Assert.Equal(1f, data.TargetsOf(k)[expected[k] % 3]);
        }
    }

    [Fact]
    public void ForClassification_builds_one_hot_targets_from_the_labels()
    {
        Dataset<double> data = Dataset<double>.ForClassification([1, 2, 3], 1, [2, 0, 1], classCount: 3);

        Assert.Equal([0.0, 0, 1, 1, 0, 0, 0, 1, 0], data.Targets.ToArray());
        Assert.Equal(3, data.Count);
        Assert.True(data.HasLabels);
    }

    [Fact]
    public void The_constructor_rejects_arrays_that_do_not_hold_whole_matching_samples()
    {
        Assert.Contains("not a multiple", Assert.Throws<ArgumentException>(() => new Dataset<float>(new float[5], 2, new float[2], 1)).Message);
        Assert.Contains("need 3 targets", Assert.Throws<ArgumentException>(() => new Dataset<float>(new float[6], 2, new float[2], 1)).Message);
        Assert.Contains("need 3 labels", Assert.Throws<ArgumentException>(() => new Dataset<float>(new float[6], 2, new float[6], 2, [0, 1])).Message);
        Assert.Contains("label 2", Assert.Throws<ArgumentException>(() => new Dataset<float>(new float[6], 2, new float[6], 2, [0, 1, 2])).Message);
    }

    [Fact]
    public void Regression_sets_have_no_labels_and_say_so()
    {
        var data = new Dataset<float>([1, 2], 1, [3, 4], 1);

        Assert.False(data.HasLabels);
        Assert.Contains("no class labels", Assert.Throws<InvalidOperationException>(() => data.LabelOf(0)).Message);
    }

    [Fact]
    public void Shuffle_moves_whole_samples_as_the_seeded_Fisher_Yates_permutation_of_their_indices()
    {
        Dataset<float> data = Numbered(50);

        data.Shuffle(seed: 9);

        int[] expected = Enumerable.Range(0, 50).ToArray();
        new SeededRandom(9).Shuffle(expected.AsSpan());
        AssertOrder(expected, data);
    }

    [Fact]
    public void Shuffling_with_one_generator_continues_its_stream_each_epoch()
    {
        Dataset<float> data = Numbered(30);
        var random = new SeededRandom(1);

        data.Shuffle(ref random);
        data.Shuffle(ref random);

        // The second epoch reorders the first epoch's order with the generator's next draws.
        int[] expected = Enumerable.Range(0, 30).ToArray();
        var reference = new SeededRandom(1);
        reference.Shuffle(expected.AsSpan());
        reference.Shuffle(expected.AsSpan());
        AssertOrder(expected, data);
    }

    [Fact]
    public void Split_gives_disjoint_sets_of_the_rounded_sizes_covering_every_sample()
    {
        Dataset<float> data = Numbered(100);

        DatasetSplit<float> split = data.Split(validationFraction: 0.15, testFraction: 0.2, seed: 4);

        Assert.Equal((65, 15, 20), (split.Train.Count, split.Validation.Count, split.Test.Count));
        IEnumerable<int> Ids(Dataset<float> set) => Enumerable.Range(0, set.Count).Select(k => (int)set.FeaturesOf(k)[0]);
        Assert.Equal(Enumerable.Range(0, 100), Ids(split.Train).Concat(Ids(split.Validation)).Concat(Ids(split.Test)).Order());
        Assert.All(Enumerable.Range(0, split.Test.Count), k => Assert.Equal((int)split.Test.FeaturesOf(k)[0] % 3, split.Test.LabelOf(k)));
        // The source is untouched, and the same seed splits the same way.
        Assert.Equal(Numbered(100).Features.ToArray(), data.Features.ToArray());
        Assert.Equal(split.Test.Features.ToArray(), data.Split(0.15, 0.2, seed: 4).Test.Features.ToArray());
    }

    [Fact]
    public void Splits_are_copies_so_shuffling_one_leaves_the_others_alone()
    {
        DatasetSplit<float> split = Numbered(40).Split(0.25, 0.25, seed: 1);
        float[] validation = split.Validation.Features.ToArray();

        split.Train.Shuffle(seed: 2);

        Assert.Equal(validation, split.Validation.Features.ToArray());
    }

    [Theory]
    [InlineData(-0.1, 0.1)]
    [InlineData(0.1, 1.5)]
    [InlineData(0.6, 0.5)]
    [InlineData(double.NaN, 0)]
    public void Split_rejects_fractions_outside_the_unit_interval_or_adding_past_one(double validation, double test) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(10).Split(validation, test, seed: 1));

    [Fact]
    public void Split_accepts_fractions_whose_binary_sum_rounds_above_one()
    {
        DatasetSplit<float> split = Numbered(10).Split(0.2, 0.8, seed: 1);

        Assert.Equal((0, 2, 8), (split.Train.Count, split.Validation.Count, split.Test.Count));
    }

    [Fact]
    public void Minibatches_are_views_of_the_dataset_in_order_with_a_short_last_batch()
    {
        Dataset<float> data = Numbered(10);
        var batches = new List<(int Start, int Count)>();

        foreach (Minibatch<float> batch in data.Minibatches(4))
        {
            batches.Add((batch.Start, batch.Count));
            Assert.Equal(batch.Count * 2, batch.Inputs.Length);
            Assert.Equal(batch.Count * 3, batch.Targets.Length);
            Assert.Equal(batch.Start, (int)batch.Inputs[0]);
            Assert.Equal(batch.Start % 3, batch.Labels[0]);
            // A view, not a copy: the batch's first input is the dataset's own element.
            Assert.True(Unsafe.AreSame(ref Unsafe.AsRef(in batch.Inputs[0]), ref data.Features[batch.Start * 2]));
        }

        Assert.Equal([(0, 4), (4, 4), (8, 2)], batches);
        Assert.Equal(3, data.Minibatches(4).Count);
        int enumerated = 0;
        foreach (Minibatch<float> batch in Numbered(8).Minibatches(4))
        {
            enumerated++;
        }

        Assert.Equal((2, 2), (Numbered(8).Minibatches(4).Count, enumerated));
    }

    [Fact]
    public void Split_rounds_a_size_at_exactly_half_away_from_zero()
    {
        DatasetSplit<float> split = Numbered(10).Split(0, 0.25, seed: 1);

        Assert.Equal((7, 0, 3), (split.Train.Count, split.Validation.Count, split.Test.Count));
    }

    [Fact]
    public void Subset_copies_a_range_of_samples()
    {
        Dataset<float> data = Numbered(10);

        Dataset<float> subset = data.Subset(3, 4);
        data.Features.Clear();

        Assert.Equal(4, subset.Count);
        Assert.Equal([3f, 30, 4, 40, 5, 50, 6, 60], subset.Features.ToArray());
        Assert.Equal([0, 1, 2, 0], subset.Labels.ToArray());
        Assert.Equal([1, 2, 0], Numbered(10).Subset(1, 3).Labels.ToArray());
    }
}
