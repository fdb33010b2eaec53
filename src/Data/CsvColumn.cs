using System;
using System.Globalization;

namespace GenNN.Data;

/// <summary>
/// A column of a CSV file, by its header name or by its position. Strings and integers convert implicitly, so
/// <c>new CsvOptions("species")</c> and <c>new CsvOptions(-1)</c> both work.
/// </summary>
/// <remarks>
/// Positions count from 0 at the first column; negative positions count from the end, <c>-1</c> being the last
/// column (as Python indexes). Names need a header row (<see cref="CsvHeader.ColumnNames"/>).
/// </remarks>
public readonly record struct CsvColumn
{
    private readonly string? _name;
    private readonly int? _index;

    private CsvColumn(string? name, int? index)
    {
        _name = name;
        _index = index;
    }

    /// <summary>The last column: where scikit-learn's files, and many others, keep the label.</summary>
    public static CsvColumn Last => new(null, -1);

    /// <summary>The header name, or <see langword="null"/> for a column given by position.</summary>
    public string? Name => _name;

    /// <summary>The position (negative from the end), or <see langword="null"/> for a column given by name.</summary>
    public int? Index => _index;

    /// <summary>Whether this names or locates a column; <see langword="false"/> for <see langword="default"/>.</summary>
    public bool IsSpecified => _name is not null || _index is not null;

    /// <summary>The column whose header is <paramref name="name"/> (compared after trimming spaces).</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    public static CsvColumn Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new CsvColumn(name.Trim(), null);
    }

    /// <summary>The column at <paramref name="index"/>: 0 is the first, <c>-1</c> the last.</summary>
    public static CsvColumn At(int index) => new(null, index);

    /// <summary>Same as <see cref="Named"/>.</summary>
    public static implicit operator CsvColumn(string name) => Named(name);

    /// <summary>Same as <see cref="At"/>.</summary>
    public static implicit operator CsvColumn(int index) => At(index);

    /// <summary>How messages show the column: <c>'species'</c>, <c>index -1</c>, or <c>(none)</c>.</summary>
    public override string ToString() =>
        _name is not null ? $"'{_name}'" : _index is int index ? string.Create(CultureInfo.InvariantCulture, $"index {index}") : "(none)";
}
