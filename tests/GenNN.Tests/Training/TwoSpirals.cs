using System;

namespace GenNN.Tests.Training;

/// <summary>
/// The two-spiral benchmark as flat arrays: two interleaved Archimedean spirals of two turns, one per class, with
/// a little Gaussian noise, generated deterministically from a seed (the same construction as samples/Spirals).
/// </summary>
internal sealed class TwoSpirals
{
    private const double Turns = 2;
    private const double Noise = 0.025;
    private const double StartRadius = 0.08;

    private TwoSpirals(float[] inputs, float[] targets)
    {
        Inputs = inputs;
        Targets = targets;
    }

    /// <summary>(x, y) pairs, sample after sample.</summary>
    public float[] Inputs { get; }

    /// <summary>One-hot classes, sample after sample.</summary>
    public float[] Targets { get; }

    public int Count => Targets.Length / 2;

    /// <summary><paramref name="pointsPerClass"/> points on each spiral, the classes alternating.</summary>
    public static TwoSpirals Generate(int pointsPerClass, long seed)
    {
        var random = new SeededRandom(seed);
        float[] inputs = new float[4 * pointsPerClass];
        float[] targets = new float[4 * pointsPerClass];
        double maxAngle = Turns * 2 * Math.PI;
        for (int i = 0; i < 2 * pointsPerClass; i++)
        {
            int label = i % 2;
            double radius = StartRadius + ((1 - StartRadius) * random.NextDouble());
            double angle = (radius * maxAngle) + (label * Math.PI);
            inputs[2 * i] = (float)((radius * Math.Cos(angle)) + (Noise * random.NextGaussian()));
            inputs[(2 * i) + 1] = (float)((radius * Math.Sin(angle)) + (Noise * random.NextGaussian()));
            targets[(2 * i) + label] = 1;
        }

        return new TwoSpirals(inputs, targets);
    }
}
