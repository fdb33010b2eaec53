using System;
using System.Numerics;

namespace GenNN.Kernels;

internal static partial class VectorMath
{
    // fdlibm's coefficients for erf (Sun Microsystems, 1993: s_erf.c, also behind glibc's scalar erf),
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

    // [0.84375, 1.25): erf(x) = c + P(s)/Q(s) with s = x − 1 and c = 0.84506291151 rounded to 24 bits (near erf(1),
    // 0.8427, and exact in float too).
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

    // Float, |x| < 0.84375: fdlibm's small-argument rational, its coefficients in float (SmallNumerator's and
    // SmallDenominator's, rounded): a float constant loads straight into a vector, where a double one converted in the
    // loop would chain every coefficient to the one before (the conversion writes only part of its register).
    private static ReadOnlySpan<float> SingleSmallNumerator => [-2.3763017452e-05f, -5.7702702470e-03f, -2.8481749818e-02f, -3.2504209876e-01f, 1.2837916613e-01f];

    private static ReadOnlySpan<float> SingleSmallDenominator => [-3.9602282413e-06f, 1.3249473704e-04f, 5.0813062117e-03f, 6.5022252500e-02f, 3.9791721106e-01f, 1];

    // Float, |x| ≥ 0.84375: erf = 1 − erfc, erfc(x) = t·e^(−x² + P(t)) with t = 1/(1 + x/2), the Chebyshev fit of
    // Numerical Recipes (§6.2), within 1.2e-7 of erfc relative to its value: under half an ulp of erf from 0.84375 on.
    private static ReadOnlySpan<float> SingleComplementExponent =>
    [
        0.17087277f, -0.82215223f, 1.48851587f, -1.13520398f, 0.27886807f, -0.18628806f, 0.09678418f, 0.37409196f,
        1.00002368f, -1.26551223f,
    ];

    /// <summary>
    /// The error function lane by lane, each lane taking its interval's formula (a vector evaluates all of them).
    /// Double: fdlibm's approximations on <c>|x|</c> in <c>[0, 0.84375)</c>, <c>[0.84375, 1.25)</c> and beyond, within
    /// an ulp. Float: fdlibm's below 0.84375, <c>1 − erfc</c> from there, within two float ulps (fdlibm's three
    /// intervals in float measured 1.6 times as slow, Eigen's single rational function four times as fast but up to
    /// 7 ulps off).
    /// </summary>
    public static Vector<T> Erf<T>(Vector<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> magnitude = Vector.Abs(x);
        Vector<T> result;
        if (typeof(T) == typeof(float))
        {
            Vector<float> m = magnitude.As<T, float>();
            Vector<float> square = m * m;
            Vector<float> small = m + (m * (Polynomial(square, SingleSmallNumerator) / Polynomial(square, SingleSmallDenominator)));
            Vector<float> t = Vector<float>.One / (Vector<float>.One + (m * 0.5f));
            Vector<float> complement = t * Exp(Polynomial(t, SingleComplementExponent) - square);

            // A NaN fails the comparison and keeps the small argument's result, NaN; ±∞ gives 1 − 0.
            result = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(m, new Vector<float>(0.84375f)), Vector<float>.One - complement, small).As<float, T>();
        }
        else
        {
            Vector<T> square = magnitude * magnitude;
            Vector<T> small = magnitude + (magnitude * (Polynomial<T>(square, SmallNumerator) / Polynomial<T>(square, SmallDenominator)));
            Vector<T> s = magnitude - Vector<T>.One;
            Vector<T> nearOne = Constant<T>(NearOneOffset) + (Polynomial<T>(s, NearOneNumerator) / Polynomial<T>(s, NearOneDenominator));

            // A NaN fails every comparison and keeps the first interval's result, NaN; ±∞ takes the tail's, 1.
            result = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(magnitude, Constant<T>(0.84375)), nearOne, small);
            result = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(magnitude, Constant<T>(1.25)), Tail(magnitude), result);
        }

        // erf is odd: x's sign bit onto |erf(x)|.
        return result | (x & new Vector<T>(T.NegativeZero));
    }

    /// <summary>
    /// fdlibm's <c>erf</c> from <c>|x| = 1.25</c> on, <c>1 − e^(−x² − 0.5625 + R/S)/|x|</c>: ±∞ gives 1, NaN NaN.
    /// </summary>
    /// <remarks>
    /// fdlibm splits <c>e^(−x²)</c> to keep <c>erfc</c>'s relative error small; <c>erf = 1 − erfc</c> does not need
    /// that (the rounding of <c>x²</c> changes <c>erfc</c> by some of its ulps, about 16 near 6, which is still far
    /// below one of <c>erf</c>'s), so one exponential serves.
    /// </remarks>
    private static Vector<T> Tail<T>(Vector<T> magnitude)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> square = magnitude * magnitude;
        Vector<T> inverseSquare = Vector<T>.One / square;
        Vector<T> aboveSplit = Vector.GreaterThanOrEqual(magnitude, Constant<T>(TailSplit));
        Vector<T> ratio = Polynomial(inverseSquare, aboveSplit, TailNumeratorAboveSplit, TailNumeratorBelowSplit)
            / Polynomial(inverseSquare, aboveSplit, TailDenominatorAboveSplit, TailDenominatorBelowSplit);
        return Vector<T>.One - (Exp(ratio - Constant<T>(0.5625) - square) / magnitude);
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

    private static Vector<T> Constant<T>(double value)
        where T : unmanaged, IFloatingPointIeee754<T>
        => new(T.CreateTruncating(value));

    private static Vector<T> Polynomial<T>(Vector<T> x, ReadOnlySpan<double> coefficients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> sum = Constant<T>(coefficients[0]);
        for (int i = 1; i < coefficients.Length; i++)
        {
            sum = MultiplyAdd(sum, x, Constant<T>(coefficients[i]));
        }

        return sum;
    }

    /// <summary>A polynomial whose coefficients are <paramref name="whereSet"/>'s in the lanes <paramref name="mask"/> selects, <paramref name="elsewhere"/>'s in the others.</summary>
    private static Vector<T> Polynomial<T>(Vector<T> x, Vector<T> mask, ReadOnlySpan<double> whereSet, ReadOnlySpan<double> elsewhere)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> sum = Vector.ConditionalSelect(mask, Constant<T>(whereSet[0]), Constant<T>(elsewhere[0]));
        for (int i = 1; i < whereSet.Length; i++)
        {
            sum = MultiplyAdd(sum, x, Vector.ConditionalSelect(mask, Constant<T>(whereSet[i]), Constant<T>(elsewhere[i])));
        }

        return sum;
    }
}
