using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenNN.Kernels;

internal static partial class VectorMath
{
    // fdlibm's coefficients for erf (Sun Microsystems, 1993: s_erf.c, also behind glibc's and so PyTorch's CPU erf),
    // highest degree first, as Horner's rule takes them.

    // [0, 0.84375): erf(x) = x + x·P(x²)/Q(x²).
    private static ReadOnlySpan<double> SmallNumerator =>
    [
        -2.37630166566501626084e-05, -5.77027029648944159157e-03, -2.84817495755985104766e-02, -3.25042107247001499370e-01,
        1.28379167095512558561e-01,
    ];

    private static ReadOnlySpan<double> SmallDenominator =>
    [
        -3.96022827877536812320e-06, 1.32494738004321644526e-04, 5.08130628187576562776e-03, 6.50222499887672944485e-02,
        3.97917223959155352819e-01, 1,
    ];

    // [0.84375, 1.25): erf(x) = c + P(s)/Q(s) with s = x − 1 and c = erf(1) rounded to 24 bits.
    private const double NearOneOffset = 8.45062911510467529297e-01;

    private static ReadOnlySpan<double> NearOneNumerator =>
    [
        -2.16637559486879084300e-03, 3.54783043256182359371e-02, -1.10894694282396677476e-01, 3.18346619901161753674e-01,
        -3.72207876035701323847e-01, 4.14856118683748331666e-01, -2.36211856075265944077e-03,
    ];

    private static ReadOnlySpan<double> NearOneDenominator =>
    [
        1.19844998467991074170e-02, 1.36370839120290507362e-02, 1.26171219808761642112e-01, 7.18286544141962662868e-02,
        5.40397917702171048937e-01, 1.06420880400844228286e-01, 1,
    ];

    // [1.25, ∞): erf(x) = 1 − e^(−x² − 0.5625 + R(1/x²)/S(1/x²))/x, with one set of coefficients below 1/0.35 and
    // another above (whose polynomials are a degree lower: their leading zeros keep the two sets the same length).
    private const double TailSplit = 1 / 0.35;

    private static ReadOnlySpan<double> TailNumeratorBelowSplit =>
    [
        -9.81432934416914548592e+00, -8.12874355063065934246e+01, -1.84605092906711035994e+02, -1.62396669462573470355e+02,
        -6.23753324503260060396e+01, -1.05586262253232909814e+01, -6.93858572707181764372e-01, -9.86494403484714822705e-03,
    ];

    private static ReadOnlySpan<double> TailNumeratorAboveSplit =>
    [
        0, -4.83519191608651397019e+02, -1.02509513161107724954e+03, -6.37566443368389627722e+02,
        -1.60636384855821916062e+02, -1.77579549177547519889e+01, -7.99283237680523006574e-01, -9.86494292470009928597e-03,
    ];

    private static ReadOnlySpan<double> TailDenominatorBelowSplit =>
    [
        -6.04244152148580987438e-02, 6.57024977031928170135e+00, 1.08635005541779435134e+02, 4.29008140027567833386e+02,
        6.45387271733267880336e+02, 4.34565877475229228821e+02, 1.37657754143519042600e+02, 1.96512716674392571292e+01, 1,
    ];

    private static ReadOnlySpan<double> TailDenominatorAboveSplit =>
    [
        0, -2.24409524465858183362e+01, 4.74528541206955367215e+02, 2.55305040643316442583e+03,
        3.19985821950859553908e+03, 1.53672958608443695994e+03, 3.25792512996573918826e+02, 3.03380607434824582924e+01, 1,
    ];

    // Single precision: erf(x) = x·P(x²)/Q(x²) on [−4, 4] (beyond, erf rounds to ±1 in float), the rational
    // approximation of Eigen and XLA, highest degree first.
    private const float SingleClamp = 4;

    private static ReadOnlySpan<float> SingleNumerator =>
    [
        -2.72614225801306e-10f, 2.77068142495902e-08f, -2.10102402082508e-06f, -5.69250639462346e-05f,
        -7.34990630326855e-04f, -2.95459980854025e-03f, -1.60960333262415e-02f,
    ];

    private static ReadOnlySpan<float> SingleDenominator =>
    [
        -1.45660718464996e-05f, -2.13374055278905e-04f, -1.68282697438203e-03f, -7.37332916720468e-03f,
        -1.42647390514189e-02f,
    ];

    /// <summary>
    /// The error function lane by lane. Double lanes take fdlibm's approximations, to about an ulp; float lanes one
    /// rational function, within a few float ulps (a double computation rounded to float would cost four times as
    /// much, for accuracy no float network can use).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Erf<T>(Vector<T> x)
    {
        if (typeof(T) == typeof(double))
        {
            return Erf(x.As<T, double>()).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            return Erf(x.As<T, float>()).As<float, T>();
        }

        throw new NotSupportedException($"No vector error function for {typeof(T)}.");
    }

    private static Vector<float> Erf(Vector<float> x)
    {
        // Clamped by selects, not Min and Max, so a NaN stays NaN.
        Vector<float> clamped = Vector.ConditionalSelect(Vector.GreaterThan(Vector.Abs(x), new Vector<float>(SingleClamp)), new Vector<float>(SingleClamp) | (x & new Vector<float>(-0f)), x);
        Vector<float> square = clamped * clamped;
        Vector<float> erf = clamped * Polynomial(square, SingleNumerator) / Polynomial(square, SingleDenominator);
        return Vector.Min(Vector.Max(erf, -Vector<float>.One), Vector<float>.One);
    }

    /// <summary>
    /// fdlibm's approximations on <c>|x|</c> in <c>[0, 0.84375)</c>, <c>[0.84375, 1.25)</c> and beyond, each lane
    /// taking its interval's (a vector evaluates all three).
    /// </summary>
    /// <remarks>
    /// fdlibm splits <c>e^(−x²)</c> to keep <c>erfc</c>'s relative error small; <c>erf = 1 − erfc</c> does not need
    /// that (the rounding of <c>x²</c> changes <c>erfc</c> by a few of its ulps, far below one of <c>erf</c>'s), so
    /// one exponential serves.
    /// </remarks>
    private static Vector<double> Erf(Vector<double> x)
    {
        Vector<double> magnitude = Vector.Abs(x);
        Vector<double> square = magnitude * magnitude;

        Vector<double> small = magnitude + (magnitude * (Polynomial(square, SmallNumerator) / Polynomial(square, SmallDenominator)));

        Vector<double> s = magnitude - Vector<double>.One;
        Vector<double> nearOne = new Vector<double>(NearOneOffset) + (Polynomial(s, NearOneNumerator) / Polynomial(s, NearOneDenominator));

        Vector<double> inverseSquare = Vector<double>.One / square;
        Vector<long> aboveSplit = Vector.GreaterThanOrEqual(magnitude, new Vector<double>(TailSplit));
        Vector<double> ratio = Polynomial(inverseSquare, aboveSplit, TailNumeratorAboveSplit, TailNumeratorBelowSplit)
            / Polynomial(inverseSquare, aboveSplit, TailDenominatorAboveSplit, TailDenominatorBelowSplit);
        Vector<double> tail = Vector<double>.One - (Exp(ratio - new Vector<double>(0.5625) - square) / magnitude);

        // A NaN fails every comparison and keeps the first interval's result, NaN; ±∞ takes the tail's, 1.
        Vector<double> result = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(magnitude, new Vector<double>(0.84375)), nearOne, small);
        result = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(magnitude, new Vector<double>(1.25)), tail, result);

        // erf is odd: x's sign bit onto |erf(x)|.
        return result | (x & new Vector<double>(-0.0));
    }

    private static Vector<float> Polynomial(Vector<float> x, ReadOnlySpan<float> coefficients)
    {
        var sum = new Vector<float>(coefficients[0]);
        for (int i = 1; i < coefficients.Length; i++)
        {
            sum = MultiplyAdd(sum, x, new Vector<float>(coefficients[i]));
        }

        return sum;
    }

    private static Vector<double> Polynomial(Vector<double> x, ReadOnlySpan<double> coefficients)
    {
        var sum = new Vector<double>(coefficients[0]);
        for (int i = 1; i < coefficients.Length; i++)
        {
            sum = MultiplyAdd(sum, x, new Vector<double>(coefficients[i]));
        }

        return sum;
    }

    /// <summary>A polynomial whose coefficients are <paramref name="whereSet"/>'s in the lanes <paramref name="mask"/> selects, <paramref name="elsewhere"/>'s in the others.</summary>
    private static Vector<double> Polynomial(Vector<double> x, Vector<long> mask, ReadOnlySpan<double> whereSet, ReadOnlySpan<double> elsewhere)
    {
        Vector<double> sum = Vector.ConditionalSelect(mask, new Vector<double>(whereSet[0]), new Vector<double>(elsewhere[0]));
        for (int i = 1; i < whereSet.Length; i++)
        {
            sum = MultiplyAdd(sum, x, Vector.ConditionalSelect(mask, new Vector<double>(whereSet[i]), new Vector<double>(elsewhere[i])));
        }

        return sum;
    }
}
