namespace GenNN.Samples.Adding;

/// <summary>
/// The adding problem (Hochreiter and Schmidhuber, 1997): a sequence of <see cref="Steps"/> steps, each a value drawn
/// from [0, 1] and a marker; exactly two steps are marked, one in each half, and the target is the sum of their two
/// values. Guessing the mean sum, 1, scores a mean squared error of about 0.167; solving it needs memory of the first
/// marked value across the steps in between.
/// </summary>
internal static class AddingProblem
{
    public const int Steps = 30;

    /// <summary>A prediction within this of the target counts as correct for <c>accuracy</c>.</summary>
    public const double Tolerance = 0.05;

    /// <summary><paramref name="count"/> sequences, flattened step after step as [value, marker], and their targets.</summary>
    public static (float[] Inputs, float[] Targets) Generate(int count, ref SeededRandom random)
    {
        var inputs = new float[count * Steps * 2];
        var targets = new float[count];
        for (int sample = 0; sample < count; sample++)
        {
            int first = random.NextInt32(Steps / 2);
            int second = (Steps / 2) + random.NextInt32(Steps / 2);
            float sum = 0;
            for (int step = 0; step < Steps; step++)
            {
                float value = (float)random.NextDouble();
                bool marked = step == first || step == second;
                inputs[(((sample * Steps) + step) * 2) + 0] = value;
                inputs[(((sample * Steps) + step) * 2) + 1] = marked ? 1 : 0;
                sum += marked ? value : 0;
            }

            targets[sample] = sum;
        }

        return (inputs, targets);
    }
}
