using System;
using System.Numerics;
using System.Threading;

namespace GenNN.Training;

/// <summary><c>network.Fit(...)</c>: a one-call fit loop over a throwaway <see cref="Trainer{T}"/>.</summary>
public static class NetworkTrainingExtensions
{
    /// <summary>
    /// Trains <paramref name="network"/> on <paramref name="inputs"/> and <paramref name="targets"/> (sample after
    /// sample), as Keras's <c>model.fit</c>; validates on <see cref="FitOptions.ValidationSplit"/> of them when set.
    /// To continue training later with the optimizer's state, keep a <see cref="Trainer{T}"/> instead.
    /// </summary>
    /// <inheritdoc cref="Trainer{T}.Fit(ReadOnlyMemory{T}, ReadOnlyMemory{T}, ReadOnlyMemory{T}, ReadOnlyMemory{T}, CancellationToken)"/>
    public static TrainingHistory Fit<T>(
        this ITrainableNetwork<T> network,
        ReadOnlyMemory<T> inputs,
        ReadOnlyMemory<T> targets,
        FitOptions? options = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
        => new Trainer<T>(network, options).Fit(inputs, targets, cancellationToken);

    /// <summary>
    /// Trains <paramref name="network"/> on <paramref name="inputs"/> and <paramref name="targets"/>, validating after
    /// each epoch on <paramref name="validationInputs"/> and <paramref name="validationTargets"/>.
    /// </summary>
    /// <inheritdoc cref="Trainer{T}.Fit(ReadOnlyMemory{T}, ReadOnlyMemory{T}, ReadOnlyMemory{T}, ReadOnlyMemory{T}, CancellationToken)"/>
    public static TrainingHistory Fit<T>(
        this ITrainableNetwork<T> network,
        ReadOnlyMemory<T> inputs,
        ReadOnlyMemory<T> targets,
        ReadOnlyMemory<T> validationInputs,
        ReadOnlyMemory<T> validationTargets,
        FitOptions? options = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
        => new Trainer<T>(network, options).Fit(inputs, targets, validationInputs, validationTargets, cancellationToken);
}
