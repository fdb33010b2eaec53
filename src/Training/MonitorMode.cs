namespace GenNN.Training;

/// <summary>Whether a monitored metric improves by going down or up (PyTorch's and Keras's <c>mode</c>).</summary>
public enum MonitorMode
{
    /// <summary>
    /// Decided by the metric: up for accuracy and custom metrics declared higher-is-better, down for losses and the
    /// rest (Keras's <c>"auto"</c>).
    /// </summary>
    Auto = 0,

    /// <summary>Lower is better (<c>"min"</c>).</summary>
    Min = 1,

    /// <summary>Higher is better (<c>"max"</c>).</summary>
    Max = 2,
}
