using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GenNN.Generator.Tests.Infrastructure;
using Xunit;

namespace GenNN.Generator.Tests;

/// <summary>
/// Settings that would be silently ignored: an activation's own setting given with another activation (GNN0034), and
/// an optimizer setting the declared optimizer never reads (GNN0035). Each wrong pairing is reported on the setting;
/// each right one compiles.
/// </summary>
public sealed partial class DiagnosticsTests
{
    // ---------------------------------------------------------------- GNN0034 activation setting does not apply

    /// <summary>Every attribute that takes <c>NegativeSlope</c> and <c>Alpha</c>: the attributes before it, and the attribute with <c>ARGS</c> for its activation arguments.</summary>
    private static readonly (string Before, string Layer)[] ActivationAttributes =
    {
        ("[Input(4)]", "Dense(3, ARGS)"),
        ("[Input(2, 8)]", "Conv1D(2, 3, ARGS)"),
        ("[Input(1, 6, 6)]", "Conv2D(2, 3, ARGS)"),
        ("[Input(4)][Dense(3)]", "Activation(ARGS)"),
    };

    /// <summary>Each attribute with each activation (empty: the attribute's default) and a setting that activation ignores, the activation's name, and the one the setting applies to.</summary>
    public static TheoryData<string, string, string, string, string, string> InapplicableActivationSettings()
    {
        var data = new TheoryData<string, string, string, string, string, string>();
        (string Activation, string Setting, string Given, string Owner)[] pairs =
        {
            ("Activation.ReLU", "NegativeSlope = 0.2", "ReLU", "LeakyReLU"),
            ("Activation.ELU", "NegativeSlope = 0.2", "ELU", "LeakyReLU"),
            ("Activation.Tanh", "NegativeSlope = 1.5", "Tanh", "LeakyReLU"), // out of range too: GNN0013 is only LeakyReLU's
            ("Activation.Sigmoid", "Alpha = 0.5", "Sigmoid", "ELU"),
            ("Activation.LeakyReLU", "Alpha = 0.5", "LeakyReLU", "ELU"),
            ("Activation.GELU", "Alpha = -1", "GELU", "ELU"), // out of range too: GNN0022 is only ELU's
            (string.Empty, "NegativeSlope = 0.01", "Identity", "LeakyReLU"), // the default value, still given
            (string.Empty, "Alpha = 1", "Identity", "ELU"),
        };
        foreach ((string before, string layer) in ActivationAttributes)
        {
            foreach ((string activation, string setting, string given, string owner) in pairs)
            {
                // The Activation attribute has no default function: Identity stands in for the others' default.
                string function = activation.Length == 0 && layer.StartsWith("Activation(", System.StringComparison.Ordinal) ? "Activation.Identity" : activation;
                data.Add(before, layer, function, setting, given, owner);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InapplicableActivationSettings))]
    public void GNN0034_SettingOfAnotherActivation_OnThatSetting(string before, string layer, string activation, string setting, string given, string owner)
    {
        string arguments = (activation.Length == 0 ? string.Empty : activation + ", ") + "{|GNN0034:" + setting + "|}";
        GeneratorRun run = Verify(Network($"""
            [Network]
            {before}
            [{layer.Replace("ARGS", arguments, System.StringComparison.Ordinal)}]
            """));

        string name = setting.Substring(0, setting.IndexOf(' ', System.StringComparison.Ordinal));
        AssertMessage(run, $"{name} is given with activation {given}, which does not use it; {name} applies to {owner} only");
    }

    [Fact]
    public void GNN0034_BothSettingsWithAThirdActivation_OnEachSetting_AndLaterLayersStillChecked()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(4)]
            [Dense(3, Activation.Tanh, {|GNN0034:NegativeSlope = 0.2|}, Name = "hidden", {|GNN0034:Alpha = 0.5|})]
            [Activation(Activation.ReLU, {|GNN0034:Alpha = 2|})]
            """));

        Assert.Equal(
            new[]
            {
                "NegativeSlope is given with activation Tanh, which does not use it; NegativeSlope applies to LeakyReLU only",
                "Alpha is given with activation Tanh, which does not use it; Alpha applies to ELU only",
                "Alpha is given with activation ReLU, which does not use it; Alpha applies to ELU only",
            },
            Messages(run));
    }

    /// <summary>Each attribute with each setting given to its own activation, and with neither setting.</summary>
    public static TheoryData<string, string> ApplicableActivationSettings()
    {
        var data = new TheoryData<string, string>();
        foreach ((string before, string layer) in ActivationAttributes)
        {
            foreach (string arguments in new[] { "Activation.LeakyReLU, NegativeSlope = 0.2", "Activation.ELU, Alpha = 0.5", "Activation.ReLU", "Activation.LeakyReLU", "Activation.ELU" })
            {
                data.Add(before, layer.Replace("ARGS", arguments, System.StringComparison.Ordinal));
            }
        }

        data.Add("[Input(4)]", "Dense(3, activation: Activation.LeakyReLU, NegativeSlope = 0.2)");
        return data;
    }

    [Theory]
    [MemberData(nameof(ApplicableActivationSettings))]
    public void ActivationSettingOfItsOwnActivation_ReportsNothing_AndCompiles(string before, string layer)
    {
        GeneratorRun run = Verify(Network($"""
            [Network]
            {before}
            [{layer}]
            [Loss(LossFunction.MeanSquaredError)]
            """));

        Assert.Single(run.GeneratedSources);
    }

    // ---------------------------------------------------------------- GNN0035 optimizer setting does not apply

    /// <summary>
    /// Which optimizers read each setting, from the update rules in <c>src/Training/*Optimizer.cs</c> (and checked
    /// against them by <see cref="OptimizerSettingUseTests"/>); <c>LearningRate</c>, <c>WeightDecay</c> and <c>L1</c>
    /// are every optimizer's.
    /// </summary>
    private static readonly (string Setting, string Value, string[] Kinds)[] OptimizerSettings =
    {
        ("LearningRate", "0.01", ["Sgd", "Adam", "AdamW", "RMSprop", "Adagrad"]),
        ("WeightDecay", "0.01", ["Sgd", "Adam", "AdamW", "RMSprop", "Adagrad"]),
        ("L1", "0.001", ["Sgd", "Adam", "AdamW", "RMSprop", "Adagrad"]),
        ("Momentum", "0.9", ["Sgd", "RMSprop"]),
        ("Dampening", "0.1", ["Sgd"]),
        ("Nesterov", "true", ["Sgd"]),
        ("Beta1", "0.8", ["Adam", "AdamW"]),
        ("Beta2", "0.99", ["Adam", "AdamW"]),
        ("Amsgrad", "true", ["Adam", "AdamW"]),
        ("Epsilon", "1e-6", ["Adam", "AdamW", "RMSprop", "Adagrad"]),
        ("Alpha", "0.9", ["RMSprop"]),
        ("Centered", "true", ["RMSprop"]),
        ("LearningRateDecay", "0.01", ["Adagrad"]),
        ("InitialAccumulatorValue", "0.1", ["Adagrad"]),
    };

    private static readonly string[] OptimizerKinds = ["Sgd", "Adam", "AdamW", "RMSprop", "Adagrad"];

    /// <summary>Every setting with every optimizer that ignores it, and the message's list of those that read it.</summary>
    public static TheoryData<string, string, string, string> InapplicableOptimizerSettings()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach ((string setting, string value, string[] kinds) in OptimizerSettings)
        {
            string users = kinds.Length == 1 ? kinds[0] : string.Join(", ", kinds[..^1]) + " and " + kinds[^1];
            foreach (string kind in OptimizerKinds.Except(kinds))
            {
                data.Add(kind, setting, value, users);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InapplicableOptimizerSettings))]
    public void GNN0035_SettingTheOptimizerDoesNotRead_OnThatSetting(string kind, string setting, string value, string users)
    {
        GeneratorRun run = Verify(Network($$"""
            [Network]
            [Input(3)]
            [Dense(2)]
            [Loss(LossFunction.MeanSquaredError)]
            [Optimizer(OptimizerKind.{{kind}}, LearningRate = 0.01, {|GNN0035:{{setting}} = {{value}}|})]
            """));

        AssertMessage(run, $"{setting} is given for optimizer {kind}, which does not use it; {setting} applies to {users} only");
    }

    [Theory]
    [InlineData("{|GNN0035:Dampening = 0.1|}")]
    [InlineData("Momentum = 0, {|GNN0035:Dampening = 0.1|}")]
    public void GNN0035_DampeningForSgdWithoutMomentum_OnDampening(string settings)
    {
        GeneratorRun run = Verify(Network($$"""
            [Network]
            [Input(3)]
            [Dense(2)]
            [Loss(LossFunction.MeanSquaredError)]
            [Optimizer(OptimizerKind.Sgd, {{settings}})]
            """));

        AssertMessage(run, "Dampening is given for optimizer Sgd, which does not use it; Dampening applies to Sgd with Momentum > 0 only");
    }

    [Fact]
    public void GNN0035_MomentumAndCenteredForAdam_OnEachSetting()
    {
        GeneratorRun run = Verify(Network("""
            [Network]
            [Input(3)]
            [Dense(2)]
            [Loss(LossFunction.MeanSquaredError)]
            [Optimizer(OptimizerKind.Adam, {|GNN0035:Momentum = 0.9|}, Beta1 = 0.8, {|GNN0035:Centered = true|})]
            """));

        Assert.Equal(
            new[]
            {
                "Momentum is given for optimizer Adam, which does not use it; Momentum applies to Sgd and RMSprop only",
                "Centered is given for optimizer Adam, which does not use it; Centered applies to RMSprop only",
            },
            Messages(run));
    }

    [Theory]
    [InlineData("Adam", "{|GNN0035:Alpha = 1.5|}")]                            // out of range too (GNN0019), but RMSprop's
    [InlineData("Sgd", "{|GNN0035:Epsilon = -1|}")]
    [InlineData("Adam", "{|GNN0035:Nesterov = true|}")]                        // without Momentum too (GNN0019 for SGD), but SGD's
    [InlineData("RMSprop", "Momentum = 0.9, {|GNN0035:Nesterov = true|}")]
    public void GNN0035_OutOfRangeOrInconsistentSettingTheOptimizerDoesNotRead_IsOnlyGNN0035(string kind, string settings)
        => Verify(Network($$"""
            [Network]
            [Input(3)]
            [Dense(2)]
            [Loss(LossFunction.MeanSquaredError)]
            [Optimizer(OptimizerKind.{{kind}}, {{settings}})]
            """));

    /// <summary>Every optimizer with every setting it reads, all at once, in range and consistent.</summary>
    public static TheoryData<string> ApplicableOptimizerSettings()
    {
        var data = new TheoryData<string>();
        foreach (string kind in OptimizerKinds)
        {
            IEnumerable<string> settings = OptimizerSettings
                .Where(setting => setting.Kinds.Contains(kind))
                .Where(setting => !(kind == "Sgd" && setting.Setting == "Dampening")) // Nesterov needs zero dampening
                .Select(setting => $"{setting.Setting} = {setting.Value}");
            data.Add($"OptimizerKind.{kind}, " + string.Join(", ", settings));
        }

        data.Add("OptimizerKind.Sgd, Momentum = 0.9, Dampening = 0.1");
        return data;
    }

    [Theory]
    [MemberData(nameof(ApplicableOptimizerSettings))]
    public void OptimizerSettingsTheOptimizerReads_ReportNothing_AndCompile(string arguments)
    {
        GeneratorRun run = Verify(Network($"""
            [Network]
            [Input(3)]
            [Dense(2)]
            [Loss(LossFunction.MeanSquaredError)]
            [Optimizer({arguments})]
            """));

        Assert.Single(run.GeneratedSources);
    }

    /// <summary>The messages of the run's diagnostics in source order, in the invariant culture.</summary>
    private static string[] Messages(GeneratorRun run)
        => run.GeneratorDiagnostics
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d => d.GetMessage(CultureInfo.InvariantCulture))
            .ToArray();
}
