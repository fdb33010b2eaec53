using System.Linq;
using GenNN.Data;
using Xunit;

namespace GenNN.Tests.Data;

/// <summary>
/// scikit-learn's own CSV exports load as they come, when they are beside the repository (see
/// <see cref="ScikitLearnFolder"/>). Expected counts are those the data sets' descriptions publish.
/// </summary>
public sealed class ScikitLearnRealFilesTests
{
    [RequiresScikitLearnFact]
    public void Iris_has_150_samples_of_4_features_50_per_species()
    {
        CsvDataset<float> iris = CsvDataset.Load<float>(ScikitLearnFolder.File("iris.csv"), CsvOptions.ScikitLearn);

        Assert.Equal(["setosa", "versicolor", "virginica"], iris.ClassNames);
        Assert.Equal((150, 4), (iris.Data.Count, iris.Data.FeatureSize));
        Assert.Equal([50, 50, 50], ClassCounts(iris));
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], iris.Data.FeaturesOf(0).ToArray());
        Assert.Equal(2, iris.Data.LabelOf(149));
    }

    [RequiresScikitLearnFact]
    public void Wine_has_178_samples_of_13_features_59_71_and_48_per_class()
    {
        CsvDataset<double> wine = CsvDataset.Load<double>(ScikitLearnFolder.File("wine_data.csv"), CsvOptions.ScikitLearn);

        Assert.Equal(["class_0", "class_1", "class_2"], wine.ClassNames);
        Assert.Equal((178, 13), (wine.Data.Count, wine.Data.FeatureSize));
        Assert.Equal([59, 71, 48], ClassCounts(wine));
    }

    [RequiresScikitLearnFact]
    public void Breast_cancer_has_569_samples_of_30_features_212_malignant_and_357_benign()
    {
        CsvDataset<float> cancer = CsvDataset.Load<float>(ScikitLearnFolder.File("breast_cancer.csv"), CsvOptions.ScikitLearn);

        Assert.Equal(["malignant", "benign"], cancer.ClassNames);
        Assert.Equal((569, 30), (cancer.Data.Count, cancer.Data.FeatureSize));
        Assert.Equal([212, 357], ClassCounts(cancer));
    }

    [RequiresScikitLearnFact]
    public void Digits_is_gzip_without_a_header_1797_images_of_64_pixels_with_the_digit_last()
    {
        CsvDataset<float> digits = CsvDataset.Load<float>(ScikitLearnFolder.File("digits.csv.gz"), new CsvOptions(-1) { Header = CsvHeader.None });

        Assert.Equal(Enumerable.Range(0, 10).Select(digit => digit.ToString(System.Globalization.CultureInfo.InvariantCulture)), digits.ClassNames);
        Assert.Equal((1797, 64), (digits.Data.Count, digits.Data.FeatureSize));
        // scikit-learn's np.bincount(load_digits().target).
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180], ClassCounts(digits));
        Assert.Equal(16f, digits.Data.Features.ToArray().Max());
    }

    private static int[] ClassCounts<T>(CsvDataset<T> csv)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var counts = new int[csv.ClassNames!.Count];
        foreach (int label in csv.Data.Labels)
        {
            counts[label]++;
        }

        return counts;
    }
}
