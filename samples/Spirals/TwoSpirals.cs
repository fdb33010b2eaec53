using System;

namespace GenNN.Samples.Spirals;

/// <summary>
/// The classic two-spiral benchmark: two interleaved Archimedean spirals, one per class, that no straight line
/// can separate. Generated here, so the sample needs no download and every run sees the same points.
/// </summary>
internal static class TwoSpirals
{
    /// <summary>How many times each spiral winds around the origin; every extra turn makes the task harder.</summary>
    public const double Turns = 2;

    /// <summary>
    /// Standard deviation of the Gaussian noise added to each coordinate. Neighbouring arms of the two classes run
    /// <c>1 / (2·Turns)</c> = 0.25 apart, five noise deviations each side of the midline, so the classes stay
    /// separable (100 % is reachable) while the curves are still blurred.
    /// </summary>
    public const double Noise = 0.025;

    /// <summary>
    /// Where each spiral starts, as a fraction of its final radius. At the origin both spirals meet, so starting a
    /// little way out keeps the classes from overlapping there.
    /// </summary>
    private const double StartRadius = 0.08;

    /// <summary>
    /// Generates <paramref name="pointsPerClass"/> points on each spiral, deterministically from
    /// <paramref name="seed"/>, the classes alternating. Coordinates lie within about [-1, 1].
    /// </summary>
    public static LabeledPoints Generate(int pointsPerClass, long seed)
    {
        var random = new SeededRandom(seed);
        var points = new LabeledPoints(LabeledPoints.ClassCount * pointsPerClass);
        double maxAngle = Turns * 2 * Math.PI;

        for (int i = 0; i < pointsPerClass; i++)
        {
            for (int label = 0; label < LabeledPoints.ClassCount; label++)
            {
                // The radius grows linearly with the angle (Archimedean). Class 1 is class 0 turned by half a turn,
                // which puts each of its arms midway between two arms of class 0.
                double radius = StartRadius + ((1 - StartRadius) * random.NextDouble());
                double angle = (radius * maxAngle) + (label * Math.PI);
                double x = (radius * Math.Cos(angle)) + (Noise * random.NextGaussian());
                double y = (radius * Math.Sin(angle)) + (Noise * random.NextGaussian());
                points.Set((LabeledPoints.ClassCount * i) + label, (float)x, (float)y, label);
            }
        }

        return points;
    }
}
