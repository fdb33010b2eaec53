namespace GenNN;

/// <summary>The floating-point type a network computes in.</summary>
public enum Precision
{
    /// <summary>32-bit <see langword="float"/>: the fast default.</summary>
    Single = 0,

    /// <summary>64-bit <see langword="double"/>: for gradient checks and numerically demanding work.</summary>
    Double = 1,
}
