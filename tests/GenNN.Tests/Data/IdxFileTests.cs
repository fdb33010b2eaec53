using System;
using System.IO;
using System.Linq;
using GenNN.Data;
using Xunit;

namespace GenNN.Tests.Data;

public sealed class IdxFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_dimensions_and_values_raw_or_gzipped(bool gzip)
    {
        byte[] file = IdxBytes.Build([2, 3], [1, 2, 3, 4, 5, 6]);
        string path = Write("matrix.idx", gzip ? IdxBytes.Gzip(file) : file);

        IdxArray array = IdxFile.Read(path, expectedDimensions: 2);

        Assert.Equal([2, 3], array.Dimensions);
        Assert.Equal([1, 2, 3, 4, 5, 6], array.Values);
    }

    [Fact]
    public void Compression_is_recognized_by_content_not_by_name()
    {
        string path = Write("labels-without-gz-extension", IdxBytes.Gzip(IdxBytes.Labels(7, 8, 9)));

        Assert.Equal([7, 8, 9], IdxFile.Read(path, expectedDimensions: 1).Values);
    }

    /// <summary>
    /// Padding after the gzip trailer is allowed, and the trailer is looked for from the end in 64 KiB windows: with
    /// 65,532 bytes of padding, the trailer's 8 bytes straddle the first window's start.
    /// </summary>
    [Fact]
    public void A_gzip_trailer_across_the_search_windows_is_found()
    {
        string path = Write("padded", [.. IdxBytes.Gzip(IdxBytes.Labels(7, 8, 9)), .. new byte[65_532]]);

        Assert.Equal([7, 8, 9], IdxFile.Read(path, expectedDimensions: 1).Values);
    }

    [Fact]
    public void A_file_that_does_not_start_with_two_zero_bytes_is_not_IDX()
    {
        byte[] file = IdxBytes.Labels(1, 2);
        file[0] = 0x12;

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(Write("bad-magic", file), 1));
        Assert.Contains("is not an IDX file", error.Message);
        Assert.Contains("bad-magic", error.Message);
    }

    [Fact]
    public void An_element_type_other_than_unsigned_byte_is_rejected_by_name()
    {
        byte[] file = IdxBytes.Build([2], [0, 0, 0, 0, 0, 0, 0, 0], typeCode: 0x0D);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(Write("floats", file), 1));
        Assert.Contains("element type 0x0D", error.Message);
    }

    [Fact]
    public void Images_passed_where_labels_are_expected_fail_on_the_dimension_count()
    {
        string path = Write("images", IdxBytes.Images(2, 4, 4));

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, expectedDimensions: 1));
        Assert.Contains("has 3 dimension(s)", error.Message);
        Assert.Contains("but 1 were expected", error.Message);
    }

    [Theory]
    [InlineData(3, "in the 4-byte magic number")]
    [InlineData(6, "in the size of dimension 0")]
    [InlineData(10, "in the size of dimension 1")]
    public void A_file_cut_inside_the_header_says_where(int length, string where)
    {
        byte[] file = IdxBytes.Build([2, 2], [1, 2, 3, 4]);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(Write("short", file.AsSpan(0, length).ToArray()), 2));
        Assert.Contains("is truncated", error.Message);
        Assert.Contains(where, error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_file_with_fewer_values_than_its_dimensions_is_truncated(bool gzip)
    {
        byte[] file = IdxBytes.Build([3, 2], [1, 2, 3, 4, 5, 6]);
        byte[] cut = file.AsSpan(0, file.Length - 2).ToArray();

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(Write("cut", gzip ? IdxBytes.Gzip(cut) : cut), 2));
        Assert.Contains("is truncated", error.Message);
        Assert.Contains("need 6 bytes of data, but only 4", error.Message);
    }

    [Fact]
    public void Bytes_beyond_the_declared_values_are_an_error()
    {
        byte[] file = IdxBytes.Build([2], [1, 2, 3]);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(Write("long", file), 1));
        Assert.Contains("has bytes after the 2", error.Message);
    }

    /// <summary>
    /// 26 bytes whose header declares 20000 × 10000 × 10 = 2·10⁹ values: refused from the sizes alone, raw or gzip,
    /// without allocating anything near the 2 GB declared (the reader's own buffers stay under a few megabytes).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_header_declaring_far_more_values_than_the_file_holds_is_refused_before_allocating_them(bool gzip)
    {
        byte[] file = IdxBytes.Build([20_000, 10_000, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        Assert.Equal(26, file.Length);
        string path = Write("huge", gzip ? IdxBytes.Gzip(file) : file);

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, expectedDimensions: 3));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Contains("is truncated: its dimensions 20000 x 10000 x 10 need 2000000000 bytes of data, but only 10 follow the header", error.Message);
        Assert.True(allocated < 4 << 20, $"reading the 26-byte file allocated {allocated} bytes");
    }

    [Fact]
    public void Dimensions_too_large_for_an_array_are_reported_as_the_file_declares_them()
    {
        byte[] file = IdxBytes.Build([65_536, 65_536, 2], []);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(Write("overflow", file), 3));
        Assert.Contains("declares dimensions 65536 x 65536 x 2, more values than an array can hold", error.Message);
    }

    [Fact]
    public void A_zero_dimension_after_large_ones_is_an_empty_array_not_an_overflow()
    {
        byte[] file = IdxBytes.Build([65_536, 65_536, 0], []);

        IdxArray array = IdxFile.Read(Write("empty", file), 3);

        Assert.Equal([65_536, 65_536, 0], array.Dimensions);
        Assert.Empty(array.Values);
    }

    [Fact]
    public void A_gzip_file_whose_values_are_whole_but_whose_trailer_is_cut_is_an_error()
    {
        // Every declared value decompresses, but the file ends inside its gzip trailer: it was cut short, and only its
        // trailer could tell (it was read without a word).
        byte[] gzip = IdxBytes.Gzip(IdxBytes.Build([3, 4], [.. Enumerable.Range(0, 12).Select(i => (byte)i)]));
        for (int cut = 1; cut <= 8; cut++)
        {
            var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(Write($"cut{cut}", gzip[..^cut]), 2));
            Assert.Contains("(gzip) is", error.Message);
        }

        Assert.Equal(12, IdxFile.Read(Write("whole", gzip), 2).Values.Length);
    }

    [Fact]
    public void A_negative_size_is_an_error()
    {
        byte[] file = IdxBytes.Build([-1], []);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(Write("negative", file), 1));
        Assert.Contains("negative size (-1)", error.Message);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = _folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
