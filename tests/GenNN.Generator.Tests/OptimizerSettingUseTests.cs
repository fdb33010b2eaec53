using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using GenNN.Generator.Parsing;
using GenNN.Training;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// The generator's table of which optimizers read which <c>[Optimizer]</c> setting (GNN0035) against the runtime's
/// update rules: for every optimizer and every setting, a few steps with the setting changed either move the
/// parameters differently (the optimizer reads it) or identically (it does not). A runtime optimizer that starts
/// reading a setting, or stops, fails here until the generator's table follows; so does <see cref="Optimizer{T}.Create"/>
/// if it accepts a setting the generator refuses, or refuses one it accepts.
/// </summary>
public sealed class OptimizerSettingUseTests
{
    /// <summary>Gradients that shrink sharply after the first step, so Adam's second moment falls and amsgrad's maximum differs.</summary>
    private static readonly double[][] Gradients =
    [
        [1.0, -2.0, 0.5],
        [0.01, 0.01, -0.01],
        [-0.5, 0.05, 1.5],
        [0.2, -0.3, 0.1],
    ];

    public static TheoryData<string> Settings => new(SettingProperties().Select(property => property.Name));

    [Fact]
    public void TheAttributeAndTheRuntimeOptions_HaveTheSameSettings()
    {
        string[] attribute = typeof(OptimizerAttribute).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanWrite)
            .Select(property => property.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(attribute, SettingProperties().Select(property => property.Name).Order(StringComparer.Ordinal));
        Assert.All(OptimizerParser.KindsUsing.Keys, setting => Assert.Contains(setting, attribute));
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void TheKindsTheGeneratorAllows_AreTheKindsWhoseUpdateTheSettingChanges(string setting)
    {
        PropertyInfo property = SettingProperties().Single(candidate => candidate.Name == setting);
        string[] reading = Enum.GetValues<OptimizerKind>()
            .Where(kind => !Train(BaseOptions(kind)).SequenceEqual(Train(Changed(BaseOptions(kind), property))))
            .Select(kind => kind.ToString())
            .ToArray();

        string[] allowed = OptimizerParser.KindsUsing.TryGetValue(setting, out string[]? kinds)
            ? kinds
            : Enum.GetNames<OptimizerKind>();
        Assert.Equal(reading.Order(StringComparer.Ordinal), allowed.Order(StringComparer.Ordinal));

        string[] accepted = Enum.GetValues<OptimizerKind>()
            .Where(kind => Record.Exception(() => Optimizer<double>.Create(Changed(BaseOptions(kind), property), 3)) is null)
            .Select(kind => kind.ToString())
            .ToArray();
        Assert.Equal(allowed.Order(StringComparer.Ordinal), accepted.Order(StringComparer.Ordinal));
    }

    /// <summary>The settings: <see cref="OptimizerOptions"/>' hyperparameters, all but the kind.</summary>
    private static IEnumerable<PropertyInfo> SettingProperties()
        => typeof(OptimizerOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanWrite && property.Name != nameof(OptimizerOptions.Kind));

    /// <summary>PyTorch's defaults, plus momentum for SGD, without which SGD ignores dampening and Nesterov.</summary>
    private static OptimizerOptions BaseOptions(OptimizerKind kind)
        => kind == OptimizerKind.Sgd ? OptimizerOptions.For(kind) with { Momentum = 0.5 } : OptimizerOptions.For(kind);

    /// <summary>A copy of <paramref name="options"/> with <paramref name="property"/> changed to another valid value.</summary>
    private static OptimizerOptions Changed(OptimizerOptions options, PropertyInfo property)
    {
        OptimizerOptions copy = options with { };
        object value = property.GetValue(options)! switch
        {
            bool flag => !flag,
            double number => number == 0 ? 0.3 : number / 2,
            object other => throw new InvalidOperationException($"{property.Name} is a {other.GetType().Name}, which this test cannot change."),
        };
        property.SetValue(copy, value);
        return copy;
    }

    /// <summary>The parameters after a few steps of the optimizer <paramref name="options"/> describes.</summary>
    private static double[] Train(OptimizerOptions options)
    {
        Optimizer<double> optimizer = Unchecked(options);
        double[] parameters = [0.5, -1.5, 2.0];
        foreach (double[] gradient in Gradients)
        {
            optimizer.Step(parameters, gradient);
        }

        return parameters;
    }

    /// <summary>
    /// The optimizer's own update rule, without <see cref="Optimizer{T}.Create"/>'s check, which refuses a setting the
    /// kind ignores: whether the kind reads it is what this test finds out.
    /// </summary>
    private static Optimizer<double> Unchecked(OptimizerOptions options)
    {
        string type = options.Kind switch
        {
            OptimizerKind.Sgd => "SgdOptimizer`1",
            OptimizerKind.Adam or OptimizerKind.AdamW => "AdamOptimizer`1",
            OptimizerKind.RMSprop => "RmsPropOptimizer`1",
            _ => "AdagradOptimizer`1",
        };
        Type optimizer = typeof(OptimizerOptions).Assembly.GetType("GenNN.Training." + type, throwOnError: true)!.MakeGenericType(typeof(double));
        return (Optimizer<double>)Activator.CreateInstance(optimizer, options, 3)!;
    }
}
