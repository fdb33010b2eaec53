using System;
using System.Numerics;
using GenNN.Training;

namespace GenNN.Serialization;

/// <summary>The optimizer part of a model file to write: absent, or an optimizer's kind, step count, state and the names of its blocks.</summary>
internal readonly ref struct OptimizerSection<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public OptimizerSection(OptimizerKind kind, long stepCount, ReadOnlySpan<T> state, string stateNames)
    {
        IsPresent = true;
        Kind = kind;
        StepCount = stepCount;
        State = state;
        StateNames = stateNames;
    }

    /// <summary>Whether the file stores optimizer state.</summary>
    public bool IsPresent { get; }

    public OptimizerKind Kind { get; }

    public long StepCount { get; }

    public ReadOnlySpan<T> State { get; }

    /// <summary><see cref="Optimizer{T}.StateNames"/> as the file stores them (<see cref="ModelFileFormat.StateNamesOf"/>).</summary>
    public string StateNames { get; }
}
