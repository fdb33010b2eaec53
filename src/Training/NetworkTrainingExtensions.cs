using System;
using System.Collections.Generic;
using System.Numerics;
using System.Threading;
using GenNN.Data;

namespace GenNN.Training;

/// <summary>
/// <c>network.Fit(...)</c> and <c>network.Evaluate(...)</c>: a one-call fit loop and evaluation over a throwaway
/// <see cref="Trainer{T}"/>, on arrays laid out sample after sample or on a <see cref="Dataset{T}"/>.
/// </summary>
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

    /// <summary>
    /// Trains <paramref name="network"/> on <paramref name="training"/>, validating on
    /// <see cref="FitOptions.ValidationSplit"/> of it when set. The dataset's arrays are used where they lie, neither
    /// copied nor reordered: the fit loop shuffles an index and gathers each batch from it.
    /// </summary>
    /// <param name="network">The network; its parameters are trained in place.</param>
    /// <param name="training">The samples to train on, of the network's input and output sizes.</param>
    /// <param name="options">The fit's settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops the fit between batches.</param>
    /// <returns>The loss and metrics of every epoch, and how the fit ended.</returns>
    /// <exception cref="ArgumentException">The dataset's sample sizes are not the network's, a value is NaN or infinite, or an option does not fit the data.</exception>
    /// <exception cref="TrainingDivergedException">A loss or a weight became NaN or infinite; the network keeps the weights from before that batch.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled; the network keeps the weights of the last completed batch.</exception>
    public static TrainingHistory Fit<T>(
        this ITrainableNetwork<T> network,
        Dataset<T> training,
        FitOptions? options = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
        => new Trainer<T>(network, options).Fit(training, cancellationToken);

    /// <summary>
    /// Trains <paramref name="network"/> on <paramref name="training"/> and validates after each epoch on
    /// <paramref name="validation"/> (<c>val_loss</c>, and every metric as <c>val_</c> + its name), both read where
    /// they lie.
    /// </summary>
    /// <param name="network">The network; its parameters are trained in place.</param>
    /// <param name="training">The samples to train on, of the network's input and output sizes.</param>
    /// <param name="validation">The samples to validate on, of the same sizes.</param>
    /// <param name="options">The fit's settings (without a <see cref="FitOptions.ValidationSplit"/>); <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops the fit between batches.</param>
    /// <inheritdoc cref="Fit{T}(ITrainableNetwork{T}, Dataset{T}, FitOptions?, CancellationToken)"/>
    public static TrainingHistory Fit<T>(
        this ITrainableNetwork<T> network,
        Dataset<T> training,
        Dataset<T> validation,
        FitOptions? options = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
        => new Trainer<T>(network, options).Fit(training, validation, cancellationToken);

    /// <summary>
    /// Measures <paramref name="network"/> on <paramref name="data"/> without training (inference mode: no dropout):
    /// the mean loss, as <c>loss</c>, and each metric by its name.
    /// </summary>
    /// <param name="network">The network, unchanged.</param>
    /// <param name="data">The samples, of the network's input and output sizes.</param>
    /// <param name="metrics">
    /// The metrics to report besides the loss; <see langword="null"/> (the default) reports
    /// <see cref="Metric.Accuracy"/> for a classifier (a dataset with class labels, or a network trained with
    /// cross-entropy or binary cross-entropy) and nothing else otherwise.
    /// </param>
    /// <returns>The values by name: <c>loss</c>, <c>accuracy</c>, ...</returns>
    /// <exception cref="ArgumentException">The dataset is empty or its sample sizes are not the network's, or two metrics share a name.</exception>
    public static IReadOnlyDictionary<string, double> Evaluate<T>(
        this ITrainableNetwork<T> network,
        Dataset<T> data,
        IReadOnlyList<Metric>? metrics = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        metrics ??= IsClassifier(network, data) ? [Metric.Accuracy] : [];

        // Evaluation never steps an optimizer or splits a batch: plain SGD keeps no state and one chunk one buffer,
        // so the throwaway trainer allocates little beyond what the evaluation itself needs.
        var options = new FitOptions { Metrics = metrics, ChunksPerBatch = 1, Optimizer = OptimizerOptions.For(OptimizerKind.Sgd) };
        return new Trainer<T>(network, options).Evaluate(data);
    }

    /// <summary>Trains on <paramref name="training"/> with this trainer's options and optimizer (which carries over to later fits).</summary>
    /// <inheritdoc cref="Fit{T}(ITrainableNetwork{T}, Dataset{T}, FitOptions?, CancellationToken)"/>
    public static TrainingHistory Fit<T>(this Trainer<T> trainer, Dataset<T> training, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(trainer);
        RequireSizes(trainer.Network, training, nameof(training));
        return trainer.Fit(training.FeatureMemory, training.TargetMemory, cancellationToken);
    }

    /// <summary>Trains on <paramref name="training"/> and validates on <paramref name="validation"/> with this trainer's options and optimizer.</summary>
    /// <inheritdoc cref="Fit{T}(ITrainableNetwork{T}, Dataset{T}, Dataset{T}, FitOptions?, CancellationToken)"/>
    public static TrainingHistory Fit<T>(this Trainer<T> trainer, Dataset<T> training, Dataset<T> validation, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(trainer);
        RequireSizes(trainer.Network, training, nameof(training));
        RequireSizes(trainer.Network, validation, nameof(validation));
        return trainer.Fit(training.FeatureMemory, training.TargetMemory, validation.FeatureMemory, validation.TargetMemory, cancellationToken);
    }

    /// <summary>Measures the loss and this trainer's <see cref="FitOptions.Metrics"/> on <paramref name="data"/>, without training.</summary>
    /// <exception cref="ArgumentException">The dataset is empty or its sample sizes are not the network's.</exception>
    public static IReadOnlyDictionary<string, double> Evaluate<T>(this Trainer<T> trainer, Dataset<T> data)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(trainer);
        RequireSizes(trainer.Network, data, nameof(data));
        return trainer.Evaluate(data.FeatureMemory, data.TargetMemory);
    }

    private static bool IsClassifier<T>(ITrainableNetwork<T> network, Dataset<T> data)
        where T : unmanaged, IFloatingPointIeee754<T>
        => data.HasLabels || network.Description.Loss is LossFunction.CrossEntropy or LossFunction.BinaryCrossEntropy;

    /// <summary>Checks that a dataset holds samples of the network's sizes, naming both when not.</summary>
    private static void RequireSizes<T>(ITrainableNetwork<T> network, Dataset<T> data, string parameterName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data, parameterName);
        if (data.FeatureSize != network.InputSize || data.TargetSize != network.OutputSize)
        {
            throw new ArgumentException(
                $"The {parameterName} set has {data.FeatureSize} features and {data.TargetSize} targets per sample, but {network.Description.Name} "
                + $"takes {network.InputSize} inputs and gives {network.OutputSize} outputs.",
                parameterName);
        }

        if (data.Count == 0)
        {
            throw new ArgumentException($"The {parameterName} set is empty.", parameterName);
        }
    }
}
