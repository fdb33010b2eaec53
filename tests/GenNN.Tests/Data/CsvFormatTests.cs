using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;
using GenNN.Data;
using Xunit;

namespace GenNN.Tests.Data;

/// <summary>
/// CSV files as they come: without a header, in scikit-learn's format, gzip-compressed, with labels spelled as
/// floats, and the mistakes a first attempt makes (a header that is data, a header that is scikit-learn's, a label
/// cell left empty, a file with nothing under its header).
/// </summary>
public sealed class CsvFormatTests : IDisposable
{
    /// <summary>The first rows of scikit-learn's iris.csv, its header declaring the 6 samples that follow.</summary>
    private const string ScikitLearnIris = """
        6,4,setosa,versicolor,virginica
        5.1,3.5,1.4,0.2,0
        7.0,3.2,4.7,1.4,1
        6.3,3.3,6.0,2.5,2
        4.9,3.0,1.4,0.2,0
        6.4,3.2,4.5,1.5,1
        5.8,2.7,5.1,1.9,2
        """;

    /// <summary>Headerless rows as scikit-learn's digits.csv.gz stores them: features, then the label last.</summary>
    private const string Headerless = """
        0,1,5,3
        2,0,4,1
        1,1,0,3
        """;

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CsvDataset<T> Read<T>(string text, CsvOptions options)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        => CsvDataset.Load<T>(new StringReader(text), options, "test.csv");

    [Fact]
    public void Without_a_header_every_row_is_a_sample_and_columns_are_named_by_position()
    {
        CsvDataset<float> csv = Read<float>(Headerless, new CsvOptions(-1) { Header = CsvHeader.None });

        Assert.Equal(3, csv.Data.Count);
        Assert.Equal(["0", "1", "2"], csv.FeatureNames);
        Assert.Equal("3", csv.LabelColumn);
        Assert.Equal(["1", "3"], csv.ClassNames);
        Assert.Equal([1, 0, 1], csv.Data.Labels.ToArray());
        Assert.Equal([0f, 1, 5, 2, 0, 4, 1, 1, 0], csv.Data.Features.ToArray());
    }

    [Theory]
    [InlineData(0, "0", new[] { "1", "2", "3" })]
    [InlineData(2, "2", new[] { "0", "1", "3" })]
    [InlineData(-2, "2", new[] { "0", "1", "3" })]
    [InlineData(-4, "0", new[] { "1", "2", "3" })]
    public void The_label_column_is_taken_by_position_counting_from_the_end_when_negative(int index, string label, string[] features)
    {
        CsvDataset<double> csv = Read<double>(Headerless, new CsvOptions(index) { Header = CsvHeader.None, Targets = CsvTargetEncoding.Regression });

        Assert.Equal(label, csv.LabelColumn);
        Assert.Equal(features, csv.FeatureNames);
    }

    [Fact]
    public void Positions_also_pick_columns_of_a_file_with_a_header()
    {
        const string text = "sepal_length,sepal_width,species,id\n5.1,3.5,setosa,1\n7.0,3.2,versicolor,2\n";

        CsvDataset<float> csv = Read<float>(text, new CsvOptions(2) { FeatureColumns = [-1, "sepal_length"] });

        Assert.Equal("species", csv.LabelColumn);
        Assert.Equal(["id", "sepal_length"], csv.FeatureNames);
        Assert.Equal([2f, 7.0f], csv.Data.FeaturesOf(1).ToArray());
    }

    [Theory]
    [InlineData(4, "test.csv has 4 columns, so there is no label column at index 4 (0 to 3, or -4 to -1 from the end).")]
    [InlineData(-5, "test.csv has 4 columns, so there is no label column at index -5 (0 to 3, or -4 to -1 from the end).")]
    public void A_position_outside_the_row_names_the_valid_range(int index, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => Read<float>(Headerless, new CsvOptions(index) { Header = CsvHeader.None }));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void A_name_cannot_pick_a_column_of_a_file_read_without_names()
    {
        var error = Assert.Throws<ArgumentException>(() => Read<float>(Headerless, new CsvOptions("label") { Header = CsvHeader.None }));

        Assert.StartsWith("test.csv is read without a header of names (CsvHeader.None), so give the label column by position, not as 'label'.", error.Message);
    }

    [Fact]
    public void A_first_row_of_numbers_read_as_column_names_suggests_reading_without_a_header()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read<float>(Headerless, new CsvOptions(-1)));

        Assert.Equal(
            "test.csv, line 1: every field is a number ('0,1,5,3'), so the first row looks like data, not column names. "
            + "If the file has no header row, set CsvOptions.Header = CsvHeader.None and give columns by position (-1 for the last).",
            error.Message);
    }

    [Fact]
    public void A_scikit_learn_header_read_as_column_names_suggests_the_scikit_learn_options()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read<float>(ScikitLearnIris, new CsvOptions(-1)));

        Assert.Equal(
            "test.csv, line 1: '6,4,setosa,versicolor,virginica' looks like scikit-learn's header (6 samples, 4 features and classes setosa, versicolor, virginica), "
            + "not column names: read the file with CsvOptions.ScikitLearn.",
            error.Message);
    }

    [Fact]
    public void The_scikit_learn_format_gives_class_names_from_the_header_and_class_indices_from_the_last_column()
    {
        CsvDataset<float> csv = Read<float>(ScikitLearnIris, CsvOptions.ScikitLearn);

        Assert.Equal(6, csv.Data.Count);
        Assert.Equal(["setosa", "versicolor", "virginica"], csv.ClassNames);
        Assert.Equal(["0", "1", "2", "3"], csv.FeatureNames);
        Assert.Equal("4", csv.LabelColumn);
        Assert.Equal([0, 1, 2, 0, 1, 2], csv.Data.Labels.ToArray());
        Assert.Equal([6.3f, 3.3f, 6.0f, 2.5f], csv.Data.FeaturesOf(2).ToArray());
        Assert.Equal([0f, 0, 1], csv.Data.TargetsOf(5).ToArray());
    }

    [Fact]
    public void Scikit_learn_class_indices_may_be_written_as_floats_and_fix_the_order_even_when_a_class_is_absent()
    {
        const string text = "3,1,cat,dog,bird\n0.5,2.0\n1.5,0\n2.5,2\n";

        CsvDataset<double> csv = Read<double>(text, CsvOptions.ScikitLearn);

        Assert.Equal(["cat", "dog", "bird"], csv.ClassNames);
        Assert.Equal([2, 0, 2], csv.Data.Labels.ToArray());
    }

    [Fact]
    public void A_scikit_learn_header_without_class_names_takes_the_classes_from_the_labels()
    {
        CsvDataset<float> csv = Read<float>("2,2\n1,2,7\n3,4,5\n", CsvOptions.ScikitLearn);

        Assert.Equal(["5", "7"], csv.ClassNames);
        Assert.Equal([1, 0], csv.Data.Labels.ToArray());
    }

    [Theory]
    [InlineData("7,4,a,b\n1,2,3,4,0\n", "test.csv: the scikit-learn header declares 7 samples, but 1 rows follow it (truncated?).")]
    [InlineData("1,4,a,b\n1,2,3,4,0\n1,2,3,4,1\n", "test.csv: the scikit-learn header declares 1 samples, but 2 rows follow it.")]
    [InlineData("2,4,a,b\n1,2,3,4,0\n1,2,3,1\n", "test.csv, line 3: 4 fields, but the scikit-learn header declares 4 features and a label (5 fields).")]
    [InlineData("1,4,a,b\n1,2,3,4,2\n", "test.csv, line 2: label '2' is not a class index: the header names 2 classes, 0 to 1.")]
    [InlineData("1,4,a,b\n1,2,3,4,0.5\n", "test.csv, line 2: label '0.5' is not a class index: the header names 2 classes, 0 to 1.")]
    [InlineData("1,4,a,b\n1,2,3,4,b\n", "test.csv, line 2: label 'b' is not a class index: the header names 2 classes, 0 to 1.")]
    [InlineData("sepal,petal,species\n1,2,a\n", "test.csv, line 1: 'sepal,petal,species' is not a scikit-learn header")]
    [InlineData("3,0\n\n", "test.csv, line 1: '3,0' is not a scikit-learn header")]
    public void The_scikit_learn_header_is_checked_against_the_rows(string text, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Read<float>(text, CsvOptions.ScikitLearn));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void A_scikit_learn_file_with_class_names_is_not_a_regression_file()
    {
        var error = Assert.Throws<ArgumentException>(() => Read<float>(ScikitLearnIris, CsvOptions.ScikitLearn with { Targets = CsvTargetEncoding.Regression }));

        Assert.StartsWith("test.csv's header names classes (setosa, versicolor, virginica), so its labels are class indices, not regression targets.", error.Message);
    }

    [Theory]
    [InlineData("data.csv.gz", true)]
    [InlineData("data.csv", true)]
    [InlineData("data.csv.gz", false)]
    public void Gzip_compression_is_told_from_the_content_not_the_name(string fileName, bool compress)
    {
        string path = _folder.File(fileName);
        byte[] text = Encoding.UTF8.GetBytes(ScikitLearnIris);
        File.WriteAllBytes(path, compress ? Gzip(text) : text);

        CsvDataset<float> csv = CsvDataset.Load<float>(path, CsvOptions.ScikitLearn);

        Assert.Equal([0, 1, 2, 0, 1, 2], csv.Data.Labels.ToArray());
        Assert.Equal([5.8f, 2.7f, 5.1f, 1.9f], csv.Data.FeaturesOf(5).ToArray());
    }

    [Fact]
    public void A_gzip_file_cut_short_anywhere_is_an_error_never_fewer_rows()
    {
        // .NET's GZipStream ends quietly at some cuts inside the compressed data: such a file loaded with some of its
        // rows (18 of 600 cuts of scikit-learn's digits file did). Every cut must be an error.
        var text = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 3000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i * 0.37:R},{Math.Sin(i):R},{(char)('a' + (i % 3))}\n");
        }

        byte[] whole = Gzip(Encoding.UTF8.GetBytes(text.ToString()));
        string path = _folder.File("cut.csv.gz");
        File.WriteAllBytes(path, whole);
        Assert.Equal(3000, CsvDataset.Load<float>(path, new CsvOptions("label")).Data.Count);

        for (int cut = 10; cut < whole.Length; cut += Math.Max(1, whole.Length / 400))
        {
            File.WriteAllBytes(path, whole[..cut]);
            Assert.Throws<InvalidDataException>(() => CsvDataset.Load<float>(path, new CsvOptions("label")));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(70000)]
    public void Bytes_after_a_gzip_files_trailer_are_padding(int padding)
    {
        // gzip's own tools ignore them; the trailer is found from the end, past them (over more than one window).
        byte[] text = Encoding.UTF8.GetBytes("x,label\n1,a\n2,b\n");
        string path = _folder.File("padded.csv.gz");
        File.WriteAllBytes(path, [.. Gzip(text), .. new byte[padding]]);

        Assert.Equal(2, CsvDataset.Load<float>(path, new CsvOptions("label")).Data.Count);
    }

    [Fact]
    public void A_gzip_file_of_two_members_is_refused_not_read_in_part()
    {
        // No trailer covers both members' data, so they cannot be told from a file cut short; the message says both.
        string path = _folder.File("members.csv.gz");
        File.WriteAllBytes(path, [.. Gzip(Encoding.UTF8.GetBytes("x,label\n1,a\n")), .. Gzip(Encoding.UTF8.GetBytes("2,b\n"))]);

        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Load<float>(path, new CsvOptions("label")));

        Assert.Contains("is cut short or corrupted, or holds several gzip members: the 16 bytes it decompresses to match no CRC-32", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_label_in_Latin_1_is_an_error_not_a_merged_class()
    {
        // "café" and "cafè" in Latin-1 both read as "caf\uFFFD" from UTF-8: two classes would silently become one.
        string path = _folder.File("latin1.csv");
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes("x,label\n1,caf\u00e9\n2,caf\u00e8\n"));

        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Load<float>(path, new CsvOptions("label")));

        Assert.Contains("line 2: the label (column 'label') holds bytes that are not UTF-8", error.Message);
    }

    [Fact]
    public void Lines_of_spaces_and_tabs_are_blank_like_empty_lines()
    {
        // An empty line was skipped while a line of spaces was an error about its field count.
        string path = _folder.File("spaces.csv");
        File.WriteAllText(path, "x,label\n1,a\n   \n\t\n\n2,b\n  \n");

        CsvDataset<float> csv = CsvDataset.Load<float>(path, new CsvOptions("label"));

        Assert.Equal(2, csv.Data.Count);
        Assert.Equal([1f, 2f], csv.Data.Features.ToArray());
    }

    [Fact]
    public void Errors_in_a_gzip_file_say_it_was_decompressed()
    {
        string path = _folder.File("bad.csv.gz");
        File.WriteAllBytes(path, Gzip(Encoding.UTF8.GetBytes("x,label\n1,a\n2,\n")));

        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Load<float>(path, new CsvOptions("label")));

        Assert.Equal($"'{path}' (gzip), line 3: the label (column 'label') is empty; every sample needs one.", error.Message);
    }

    [Fact]
    public void A_binary_file_in_another_compression_format_is_not_read_as_column_names()
    {
        string path = _folder.File("data.zip");
        using (ZipArchive archive = ZipFile.Open(path, ZipArchiveMode.Create))
        using (var writer = new StreamWriter(archive.CreateEntry("data.csv").Open()))
        {
            writer.Write(ScikitLearnIris);
        }

        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Load<float>(path, new CsvOptions(-1)));

        Assert.Equal(
            $"'{path}' is not text: its first row holds NUL bytes. Is it compressed in a format other than gzip (zip, xz, ...)? Decompress it first.",
            error.Message);
    }

    [Fact]
    public void Tab_separated_files_read_with_the_delimiter_option()
    {
        CsvDataset<float> csv = Read<float>("a\tb\tlabel\n1.5\t2\tx\n3\t4.5\ty\n", new CsvOptions("label") { Delimiter = '\t' });

        Assert.Equal(["a", "b"], csv.FeatureNames);
        Assert.Equal([1.5f, 2, 3, 4.5f], csv.Data.Features.ToArray());
    }

    [Fact]
    public void Classes_are_sorted_by_default_or_kept_in_the_order_first_seen()
    {
        const string text = "x,animal\n1,dog\n2,cat\n3,emu\n4,cat\n";

        CsvDataset<float> sorted = Read<float>(text, new CsvOptions("animal"));
        CsvDataset<float> firstSeen = Read<float>(text, new CsvOptions("animal") { ClassOrder = CsvClassOrder.FirstSeen });

        Assert.Equal(["cat", "dog", "emu"], sorted.ClassNames);
        Assert.Equal([1, 0, 2, 0], sorted.Data.Labels.ToArray());
        Assert.Equal(["dog", "cat", "emu"], firstSeen.ClassNames);
        Assert.Equal([0, 1, 2, 1], firstSeen.Data.Labels.ToArray());
    }

    [Fact]
    public void Numeric_labels_are_one_class_however_they_are_spelled()
    {
        const string text = "x,label\n1,1\n2,1.0\n3, 2.50 \n4,1e0\n5,2.5\n6,-0\n7,0.0\n";

        CsvDataset<float> csv = Read<float>(text, new CsvOptions("label"));

        Assert.Equal(["0", "1", "2.5"], csv.ClassNames);
        Assert.Equal([1, 1, 2, 1, 2, 0, 0], csv.Data.Labels.ToArray());
    }

    [Fact]
    public void Given_class_names_match_labels_by_value()
    {
        CsvDataset<float> csv = Read<float>("x,label\n1,1.0\n2,0\n", new CsvOptions("label") { ClassNames = ["0", "1"] });

        Assert.Equal(["0", "1"], csv.ClassNames);
        Assert.Equal([1, 0], csv.Data.Labels.ToArray());
        Assert.StartsWith(
            "The class names list '1.0' twice (numbers are compared by value).",
            Assert.Throws<ArgumentException>(() => Read<float>("x,label\n1,1\n", new CsvOptions("label") { ClassNames = ["1", "1.0"] })).Message);
    }

    [Theory]
    [InlineData(CsvTargetEncoding.OneHot)]
    [InlineData(CsvTargetEncoding.Regression)]
    public void An_empty_label_cell_names_its_line(CsvTargetEncoding targets)
    {
        var error = Assert.Throws<InvalidDataException>(() => Read<float>("x,label\n1,3\n2, \n3,4\n", new CsvOptions("label") { Targets = targets }));

        Assert.Equal("test.csv, line 3: the label (column 'label') is empty; every sample needs one.", error.Message);
    }

    [Theory]
    [InlineData("x,label\n", "default")]
    [InlineData("x,label\r\n\r\n", "default")]
    [InlineData("4,1,a,b\n", "scikit-learn")]
    public void A_header_with_no_rows_under_it_is_a_data_error(string text, string format)
    {
        CsvOptions options = format == "default" ? new CsvOptions("label") : CsvOptions.ScikitLearn;

        var error = Assert.Throws<InvalidDataException>(() => Read<float>(text, options));

        Assert.Equal("test.csv has a header row but no data rows: there is nothing to learn from.", error.Message);
    }

    [Fact]
    public void An_empty_headerless_file_says_it_is_empty()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read<float>("\n\n", new CsvOptions(-1) { Header = CsvHeader.None }));

        Assert.Equal("test.csv is empty.", error.Message);
    }

    [Fact]
    public void Headerless_rows_must_all_have_the_first_row_s_length()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read<float>("1,2,3\n4,5\n", new CsvOptions(-1) { Header = CsvHeader.None }));

        Assert.Equal("test.csv, line 2: 2 fields, but the first row has 3.", error.Message);
    }

    [Fact]
    public void Values_of_a_headerless_file_are_reported_by_position()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read<float>("1,2,3\n4,x,6\n", new CsvOptions(-1) { Header = CsvHeader.None }));

        Assert.Equal("test.csv, line 2, column at index 1: 'x' is not a finite number.", error.Message);
    }

    [Fact]
    public void Options_without_a_label_column_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Read<float>(Headerless, new CsvOptions(default(CsvColumn))));

        Assert.StartsWith("Name the label column, by header name or by position (-1 for the last).", error.Message);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
