using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using GenNN.Generator.Diagnostics;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GenNN.Generator.Parsing;

/// <summary>
/// Reads <c>[Optimizer(kind, Name = value, ...)]</c>. The settings are copied as given into the generated
/// <c>DefaultOptimizer</c>; values no optimizer accepts, and settings the declared optimizer never reads, are reported
/// here rather than thrown or silently ignored at run time.
/// </summary>
internal static class OptimizerParser
{
    /// <summary>Mirrors <c>GenNN.Training.OptimizerKind</c>; the values must match.</summary>
    private static readonly string[] Kinds = { "Sgd", "Adam", "AdamW", "RMSprop", "Adagrad" };

    /// <summary>
    /// The settings only some optimizers read, each with those kinds, as the runtime's update rules
    /// (<c>src/Training/*Optimizer.cs</c>) read <c>OptimizerOptions</c>. Every kind reads the others: <c>LearningRate</c>,
    /// <c>WeightDecay</c> and <c>L1</c>. A setting given to a kind that ignores it is reported (GNN0035).
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string[]> KindsUsing = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Momentum"] = new[] { "Sgd", "RMSprop" },
        ["Dampening"] = new[] { "Sgd" },
        ["Nesterov"] = new[] { "Sgd" },
        ["Beta1"] = new[] { "Adam", "AdamW" },
        ["Beta2"] = new[] { "Adam", "AdamW" },
        ["Amsgrad"] = new[] { "Adam", "AdamW" },
        ["Epsilon"] = new[] { "Adam", "AdamW", "RMSprop", "Adagrad" },
        ["Alpha"] = new[] { "RMSprop" },
        ["Centered"] = new[] { "RMSprop" },
        ["LearningRateDecay"] = new[] { "Adagrad" },
        ["InitialAccumulatorValue"] = new[] { "Adagrad" },
    };

    /// <summary>Settings that must be below 1: decay rates of running averages, and dampening.</summary>
    private static readonly HashSet<string> Fractions = new(StringComparer.Ordinal) { "Beta1", "Beta2", "Alpha", "Dampening" };

    public static OptimizerSpec? Parse(AttributeReader? attribute, bool trainable, List<Diagnostic> diagnostics)
    {
        if (attribute is null)
        {
            return null;
        }

        if (!trainable)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidOptimizer, attribute.Location, "an inference-only network (no [Loss]) has nothing to optimize"));
            return null;
        }

        int kind = attribute.Argument("kind", 0);
        if (kind < 0 || kind >= Kinds.Length)
        {
            diagnostics.Add(Diagnostic.Create(
                DiagnosticDescriptors.UndefinedEnumValue, attribute.ArgumentLocation("kind"), Invariant.Text(kind), "OptimizerKind", string.Join(", ", Kinds)));
            return null;
        }

        var settings = ImmutableArray.CreateBuilder<OptimizerSetting>();
        int errors = diagnostics.Count;
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (KindsUsing.TryGetValue(named.Key, out string[]? users) && Array.IndexOf(users, Kinds[kind]) < 0)
            {
                // Ignored by this optimizer: whatever its value, it would not change training.
                diagnostics.Add(Diagnostic.Create(
                    DiagnosticDescriptors.InapplicableOptimizerSetting, attribute.NamedLocation(named.Key), named.Key, Kinds[kind], Names(users)));
                continue;
            }

            switch (named.Value.Value)
            {
                case bool flag:
                    settings.Add(new OptimizerSetting(named.Key, flag ? "true" : "false"));
                    break;
                case double value when IsValid(named.Key, value):
                    settings.Add(new OptimizerSetting(named.Key, NumericType.Double.Literal(value)));
                    break;
                case double value:
                    diagnostics.Add(Diagnostic.Create(
                        DiagnosticDescriptors.InvalidOptimizer,
                        attribute.NamedLocation(named.Key),
                        $"{named.Key} = {Invariant.Text(value)} is out of range: it must be finite, {(named.Key == "LearningRate" ? "positive" : "non-negative")}{(Fractions.Contains(named.Key) ? " and below 1" : string.Empty)}"));
                    break;
            }
        }

        if (Kinds[kind] == "Sgd" && attribute.HasNamed("Dampening") && attribute.Named("Momentum", 0.0) <= 0)
        {
            // SGD damps its momentum buffer; without momentum there is none, and the setting changes nothing.
            diagnostics.Add(Diagnostic.Create(
                DiagnosticDescriptors.InapplicableOptimizerSetting, attribute.NamedLocation("Dampening"), "Dampening", "Sgd", "Sgd with Momentum > 0"));
        }

        if (Kinds[kind] == "Sgd" && attribute.Named("Nesterov", false) && (attribute.Named("Momentum", 0.0) <= 0 || attribute.Named("Dampening", 0.0) != 0))
        {
            diagnostics.Add(Diagnostic.Create(
                DiagnosticDescriptors.InvalidOptimizer,
                attribute.NamedLocation("Nesterov"),
                "Nesterov momentum needs Momentum > 0 and Dampening = 0 (as torch.optim.SGD requires)"));
        }

        return diagnostics.Count == errors ? new OptimizerSpec(Kinds[kind], new EquatableArray<OptimizerSetting>(settings.ToImmutable())) : null;
    }

    /// <summary><c>Sgd</c>, <c>Sgd and RMSprop</c>, <c>Adam, AdamW, RMSprop and Adagrad</c>.</summary>
    private static string Names(string[] kinds)
        => kinds.Length == 1 ? kinds[0] : string.Join(", ", kinds, 0, kinds.Length - 1) + " and " + kinds[kinds.Length - 1];

    private static bool IsValid(string name, double value)
        => !double.IsNaN(value) && !double.IsInfinity(value)
           && (name == "LearningRate" ? value > 0 : value >= 0)
           && (!Fractions.Contains(name) || value < 1);
}
