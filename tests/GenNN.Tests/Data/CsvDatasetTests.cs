using System;
using System.IO;
using GenNN.Data;
using Xunit;

namespace GenNN.Tests.Data;

public sealed class CsvDatasetTests
{
    private const string Iris = """
        sepal_length,sepal_width,species,id
        5.1,3.5,setosa,1
        7.0,3.2,versicolor,2
        6.3,3.3,virginica,3
        4.9,3.0,setosa,4
        """;

    private static CsvDataset<T> Read<T>(string text, CsvOptions options)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        => CsvDataset.Load<T>(new StringReader(text), options, "test.csv");

    [Fact]
    public void Classification_one_hot_encodes_the_label_column_and_keeps_the_other_columns_as_features()
    {
        CsvDataset<float> csv = Read<float>(Iris, new CsvOptions("species"));

        Assert.Equal(["sepal_length", "sepal_width", "id"], csv.FeatureNames);
        Assert.Equal(["setosa", "versicolor", "virginica"], csv.ClassNames);
        Assert.Equal("species", csv.LabelColumn);
        Assert.Equal(4, csv.Data.Count);
        Assert.Equal([7.0f, 3.2f, 2], csv.Data.FeaturesOf(1).ToArray());
        Assert.Equal([0, 1, 2, 0], csv.Data.Labels.ToArray());
        Assert.Equal([0f, 0, 1], csv.Data.TargetsOf(2).ToArray());
    }

    [Fact]
    public void Feature_columns_can_be_chosen_and_ordered()
    {
        CsvDataset<double> csv = Read<double>(Iris, new CsvOptions("species") { FeatureColumns = ["sepal_width", "sepal_length"] });

        Assert.Equal(["sepal_width", "sepal_length"], csv.FeatureNames);
        Assert.Equal([3.5, 5.1], csv.Data.FeaturesOf(0).ToArray());
    }

    [Fact]
    public void Numeric_class_values_are_ordered_as_numbers()
    {
        CsvDataset<float> csv = Read<float>("x,digit\n1,10\n2,9\n3,2\n4,10\n", new CsvOptions("digit"));

        Assert.Equal(["2", "9", "10"], csv.ClassNames);
        Assert.Equal([2, 1, 0, 2], csv.Data.Labels.ToArray());
    }

    [Fact]
    public void Given_class_names_fix_the_output_order_and_reject_other_labels()
    {
        var options = new CsvOptions("species") { ClassNames = ["virginica", "versicolor", "setosa"] };

        Assert.Equal([2, 1, 0, 2], Read<float>(Iris, options).Data.Labels.ToArray());
        var error = Assert.Throws<InvalidDataException>(() => Read<float>(Iris, options with { ClassNames = ["setosa", "virginica"] }));
        Assert.Contains("test.csv, line 3: label 'versicolor' is not one of the given classes", error.Message);
    }

    [Fact]
    public void Regression_takes_the_label_value_as_the_single_target()
    {
        CsvDataset<double> csv = Read<double>("area;rooms;price\n50;2;1.5e5\n80;3;2.25e5\n", new CsvOptions("price") { Targets = CsvTargetEncoding.Regression, Delimiter = ';' });

        Assert.Null(csv.ClassNames);
        Assert.False(csv.Data.HasLabels);
        Assert.Equal(1, csv.Data.TargetSize);
        Assert.Equal([150_000.0, 225_000], csv.Data.Targets.ToArray());
        Assert.Equal([80.0, 3], csv.Data.FeaturesOf(1).ToArray());
    }

    [Fact]
    public void Quoted_fields_may_hold_delimiters_quotes_and_line_breaks()
    {
        const string text = "\"size, cm\",label\r\n1.5,\"big \"\"one\"\", really\"\r\n2.5,\"two\nlines\"\r\n\r\n3,\"big \"\"one\"\", really\"";

        CsvDataset<float> csv = Read<float>(text, new CsvOptions("label"));

        Assert.Equal(["size, cm"], csv.FeatureNames);
        Assert.Equal(["big \"one\", really", "two\nlines"], csv.ClassNames);
        Assert.Equal([0, 1, 0], csv.Data.Labels.ToArray());
    }

    [Fact]
    public void Reads_from_a_file_with_a_byte_order_mark()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("iris.csv");
        File.WriteAllText(path, Iris, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        CsvDataset<float> csv = CsvDataset.Load<float>(path, new CsvOptions("species"));

        Assert.Equal("sepal_length", csv.FeatureNames[0]);
        Assert.Equal(4, csv.Data.Count);
    }

    [Theory]
    [InlineData("a,b,label\n1,2\n", "test.csv, line 2: 2 fields, but the header has 3 columns.")]
    [InlineData("a,label\n1,x\nfoo,y\n", "test.csv, line 3, column 'a': 'foo' is not a finite number.")]
    [InlineData("a,label\n1,x\n,y\n", "test.csv, line 3, column 'a': an empty value is not a finite number.")]
    [InlineData("a,label\nNaN,x\n", "test.csv, line 2, column 'a': 'NaN' is not a finite number.")]
    [InlineData("a,label\n1,\"x\n", "test.csv, line 2: a quoted field is never closed.")]
    [InlineData("a,label\n1,\"x\"y\n", "test.csv, line 2: 'y' follows a closing quote")]
    [InlineData("", "test.csv is empty: it has no header row.")]
    [InlineData("a,a,label\n1,2,x\n", "test.csv: the header names column 'a' twice (a, a, label).")]
    [InlineData("a,label\r\n1,\"x\r\ny\"\r\noops,z\r\n", "test.csv, line 4, column 'a': 'oops' is not a finite number.")] // a CRLF inside quotes is one line
    public void Malformed_text_is_reported_with_its_line_and_column(string text, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Read<float>(text, new CsvOptions("label")));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_label_column_the_header_lacks_is_named_with_the_columns_there_are()
    {
        var error = Assert.Throws<ArgumentException>(() => Read<float>(Iris, new CsvOptions("class")));

        Assert.Contains("has no column 'class'; its columns are: sepal_length, sepal_width, species, id", error.Message);
    }

    [Fact]
    public void A_non_numeric_regression_label_is_reported()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read<float>(Iris, new CsvOptions("species") { Targets = CsvTargetEncoding.Regression }));

        Assert.Contains("line 2, column 'species': 'setosa' is not a finite number", error.Message);
    }

    [Fact]
    public void The_label_cannot_also_be_a_feature()
    {
        var error = Assert.Throws<ArgumentException>(() => Read<float>(Iris, new CsvOptions("species") { FeatureColumns = ["species"] }));

        Assert.Equal("The label (column 'species') cannot also be a feature. (Parameter 'options')", error.Message);
    }

    [Fact]
    public void Scaling_is_fitted_on_the_training_split_only()
    {
        CsvDataset<double> csv = Read<double>("x,y\n0,1\n10,2\n20,3\n30,4\n40,5\n1000,6\n", new CsvOptions("y") { Targets = CsvTargetEncoding.Regression });
        Dataset<double> training = csv.Data.Subset(0, 5);
        Dataset<double> test = csv.Data.Subset(5, 1);

        FeatureScaler<double> scaler = FeatureScaler<double>.FitMinMax(training);
        scaler.Transform(training);
        scaler.Transform(test);

        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1], training.Features.ToArray());
        Assert.Equal(25.0, test.Features[0]);
    }
}
