namespace GenNN.Training;

/// <summary>How <see cref="ReduceOnPlateauSchedule"/> measures a significant improvement (PyTorch's <c>threshold_mode</c>).</summary>
public enum ThresholdMode
{
    /// <summary><c>"rel"</c>: better than <c>best · (1 ∓ threshold)</c>.</summary>
    Relative = 0,

    /// <summary><c>"abs"</c>: better than <c>best ∓ threshold</c>.</summary>
    Absolute = 1,
}
