using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Tests.Infrastructure;

/// <summary>
/// Reads the incremental pipeline's tracked steps (drivers made by <see cref="GeneratorHarness.CreateDriver"/> track
/// them): what each named step produced in the last run, and why it ran.
/// </summary>
internal static class TrackedSteps
{
    /// <summary>Every step name declared in <see cref="TrackingNames"/>, found by reflection so a new step is checked too.</summary>
    public static IReadOnlyList<string> AllNames { get; } = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!)
        .OrderBy(name => name, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The outputs of step <paramref name="stepName"/> in the last run, one per item, in pipeline order.</summary>
    public static IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> Outputs(this GeneratorDriver driver, string stepName)
    {
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        if (!result.TrackedSteps.TryGetValue(stepName, out var steps))
        {
            throw new InvalidOperationException(
                $"Step '{stepName}' was not tracked; tracked: {string.Join(", ", result.TrackedSteps.Keys.OrderBy(k => k, StringComparer.Ordinal))}.");
        }

        return steps.SelectMany(step => step.Outputs).ToArray();
    }

    /// <summary>Why each output of step <paramref name="stepName"/> was produced in the last run.</summary>
    public static IncrementalStepRunReason[] Reasons(this GeneratorDriver driver, string stepName)
        => driver.Outputs(stepName).Select(output => output.Reason).ToArray();

    /// <summary>The values step <paramref name="stepName"/> produced in the last run.</summary>
    public static T[] Values<T>(this GeneratorDriver driver, string stepName)
        => driver.Outputs(stepName).Select(output => (T)output.Value).ToArray();

    /// <summary>Why each source output downstream of step <paramref name="stepName"/> ran in the last run (one per item).</summary>
    public static IncrementalStepRunReason[] SourceOutputReasons(this GeneratorDriver driver, string stepName)
        => driver.GetRunResult().Results.Single().TrackedOutputSteps
            .SelectMany(pair => pair.Value)
            .Where(step => IsDownstreamOf(step, stepName))
            .SelectMany(step => step.Outputs)
            .Select(output => output.Reason)
            .ToArray();

    /// <summary>Why every source output ran in the last run, whatever step fed it.</summary>
    public static IncrementalStepRunReason[] AllSourceOutputReasons(this GeneratorDriver driver)
        => driver.GetRunResult().Results.Single().TrackedOutputSteps
            .SelectMany(pair => pair.Value)
            .SelectMany(step => step.Outputs)
            .Select(output => output.Reason)
            .ToArray();

    /// <summary>The generated files of the last run, hint name to text, in hint-name order.</summary>
    public static (string HintName, string Text)[] GeneratedTexts(this GeneratorDriver driver)
        => driver.GetRunResult().Results.Single().GeneratedSources
            .Select(source => (source.HintName, source.SourceText.ToString()))
            .OrderBy(source => source.HintName, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Whether <paramref name="step"/> consumes, directly or through other steps, the step named <paramref name="stepName"/>.</summary>
    private static bool IsDownstreamOf(IncrementalGeneratorRunStep step, string stepName)
        => step.Inputs.Any(input => input.Source.Name == stepName || IsDownstreamOf(input.Source, stepName));
}
