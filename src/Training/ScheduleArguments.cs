using System;

namespace GenNN.Training;

/// <summary>Argument checks shared by the learning-rate schedules.</summary>
internal static class ScheduleArguments
{
    /// <summary>Throws unless <paramref name="value"/> is finite and ≥ 0 (decay factors, minimum rates).</summary>
    public static void RequireFactor(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be finite and ≥ 0.");
        }
    }
}
