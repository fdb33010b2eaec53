namespace GenNN.Training;

/// <summary>Why a fit ended without an exception.</summary>
public enum StopReason
{
    /// <summary>Every epoch ran.</summary>
    Completed = 0,

    /// <summary><see cref="FitOptions.EarlyStopping"/> ended it.</summary>
    EarlyStopping = 1,
}
