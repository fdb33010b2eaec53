using System;
using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;

namespace GenNN.Training;

/// <summary>A fit's training and validation samples, checked against the network's sizes.</summary>
internal readonly struct FitData<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private FitData(ReadOnlyMemory<T> trainingInputs, ReadOnlyMemory<T> trainingTargets, int trainingCount, ReadOnlyMemory<T> validationInputs, ReadOnlyMemory<T> validationTargets, int validationCount)
    {
        TrainingInputs = trainingInputs;
        TrainingTargets = trainingTargets;
        TrainingCount = trainingCount;
        ValidationInputs = validationInputs;
        ValidationTargets = validationTargets;
        ValidationCount = validationCount;
    }

    public ReadOnlyMemory<T> TrainingInputs { get; }

    public ReadOnlyMemory<T> TrainingTargets { get; }

    public int TrainingCount { get; }

    public ReadOnlyMemory<T> ValidationInputs { get; }

    public ReadOnlyMemory<T> ValidationTargets { get; }

    /// <summary>Validation samples; 0 for none.</summary>
    public int ValidationCount { get; }

    /// <summary>
    /// Checks the data (whole samples, every value finite) and, with a <paramref name="validationSplit"/>, holds out the
    /// last <c>count − ⌊count·(1 − split)⌋</c> samples for validation, as Keras does.
    /// </summary>
    public static FitData<T> Split(
        ReadOnlyMemory<T> inputs,
        ReadOnlyMemory<T> targets,
        ReadOnlyMemory<T> validationInputs,
        ReadOnlyMemory<T> validationTargets,
        double validationSplit,
        int inputSize,
        int outputSize)
    {
        int count = SpanGuard.CountSamples(inputs.Length, inputSize, nameof(inputs));
        SpanGuard.RequireBatchLength(targets.Length, outputSize, count, nameof(targets));
        RequireFinite(inputs.Span, inputSize, "inputs", nameof(inputs));
        RequireFinite(targets.Span, outputSize, "targets", nameof(targets));
        RequireFinite(validationInputs.Span, inputSize, "validation inputs", nameof(validationInputs));
        RequireFinite(validationTargets.Span, outputSize, "validation targets", nameof(validationTargets));
        bool hasValidationSet = !validationInputs.IsEmpty || !validationTargets.IsEmpty;
        if (hasValidationSet)
        {
            if (validationSplit != 0)
            {
                throw new ArgumentException("Pass either a validation set or a ValidationSplit, not both.", nameof(validationInputs));
            }

            int validationCount = SpanGuard.CountSamples(validationInputs.Length, inputSize, nameof(validationInputs));
            SpanGuard.RequireBatchLength(validationTargets.Length, outputSize, validationCount, nameof(validationTargets));
            return new FitData<T>(inputs, targets, count, validationInputs, validationTargets, validationCount);
        }

        if (validationSplit == 0)
        {
            return new FitData<T>(inputs, targets, count, ReadOnlyMemory<T>.Empty, ReadOnlyMemory<T>.Empty, 0);
        }

        int trainingCount = (int)Math.Floor(count * (1 - validationSplit));
        if (trainingCount == 0 || trainingCount == count)
        {
            throw new ArgumentException(
                $"A validation split of {validationSplit} of {count} samples leaves {trainingCount} for training and {count - trainingCount} for validation; both need at least one.",
                nameof(inputs));
        }

        return new FitData<T>(
            inputs.Slice(0, trainingCount * inputSize),
            targets.Slice(0, trainingCount * outputSize),
            trainingCount,
            inputs.Slice(trainingCount * inputSize),
            targets.Slice(trainingCount * outputSize),
            count - trainingCount);
    }

    /// <summary>
    /// Throws unless every value is finite: a NaN or an infinity in the data would otherwise surface as a diverged loss
    /// (with advice to lower the learning rate), or, in a validation set, as a NaN score that early stopping and
    /// schedules cannot rank.
    /// </summary>
    private static void RequireFinite(ReadOnlySpan<T> values, int sampleSize, string what, string paramName)
    {
        if (values.IsEmpty || TensorPrimitives.IsFiniteAll(values)) // IsFiniteAll is false for an empty span
        {
            return;
        }

        int i = 0;
        while (T.IsFinite(values[i]))
        {
            i++;
        }

        throw new ArgumentException(
            string.Create(
                CultureInfo.InvariantCulture,
                $"The {what} hold {values[i]} at sample {i / sampleSize}, value {i % sampleSize}: every value must be finite (clean or impute the data first)."),
            paramName);
    }
}
