using System;
using System.Collections.Generic;

namespace GenNN.Data;

/// <summary>
/// The contents of one IDX file of unsigned bytes (the MNIST family's format): its dimensions and its values,
/// row-major, exactly as stored.
/// </summary>
public sealed class IdxArray
{
    /// <summary>Wraps dimensions and values read from an IDX file.</summary>
    /// <exception cref="ArgumentException">The values do not fill the dimensions exactly.</exception>
    public IdxArray(IReadOnlyList<int> dimensions, byte[] values)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(values);
        long expected = 1;
        foreach (int dimension in dimensions)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension, nameof(dimensions));
            expected *= dimension;
        }

        if (expected != values.Length)
        {
            throw new ArgumentException($"The dimensions hold {expected} values, but {values.Length} were given.", nameof(values));
        }

        Dimensions = dimensions;
        Values = values;
    }

    /// <summary>The size of each dimension, outermost first (for images: count, rows, columns).</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>The values, row-major.</summary>
    public byte[] Values { get; }
}
