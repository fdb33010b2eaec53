using System;
using System.Globalization;

namespace GenNN.Training;

/// <summary>
/// The range checks <c>torch.optim</c>'s constructors make, with messages that name the hyperparameter, and no
/// setting the optimizer ignores (as <c>torch.optim.Adam(params, momentum=0.9)</c> is a <c>TypeError</c>, and
/// <c>[Optimizer]</c>'s GNN0035).
/// </summary>
internal static class OptimizerOptionsValidator
{
    /// <summary>The settings each kind-specific hyperparameter is read by, as the generator's table for <c>[Optimizer]</c> has them.</summary>
    private static readonly KindSpecificSetting[] KindSpecificSettings =
    [
        new("Momentum (momentum)", options => options.Momentum, [OptimizerKind.Sgd, OptimizerKind.RMSprop]),
        new("Dampening (dampening)", options => options.Dampening, [OptimizerKind.Sgd]),
        new("Nesterov (nesterov)", options => options.Nesterov, [OptimizerKind.Sgd]),
        new("Beta1 (betas[0])", options => options.Beta1, [OptimizerKind.Adam, OptimizerKind.AdamW]),
        new("Beta2 (betas[1])", options => options.Beta2, [OptimizerKind.Adam, OptimizerKind.AdamW]),
        new("Amsgrad (amsgrad)", options => options.Amsgrad, [OptimizerKind.Adam, OptimizerKind.AdamW]),
        new("Epsilon (eps)", options => options.Epsilon, [OptimizerKind.Adam, OptimizerKind.AdamW, OptimizerKind.RMSprop, OptimizerKind.Adagrad]),
        new("Alpha (alpha)", options => options.Alpha, [OptimizerKind.RMSprop]),
        new("Centered (centered)", options => options.Centered, [OptimizerKind.RMSprop]),
        new("LearningRateDecay (lr_decay)", options => options.LearningRateDecay, [OptimizerKind.Adagrad]),
        new("InitialAccumulatorValue (initial_accumulator_value)", options => options.InitialAccumulatorValue, [OptimizerKind.Adagrad]),
    ];

    public static void Validate(OptimizerOptions options)
    {
        if (!Enum.IsDefined(options.Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "Unknown optimizer.");
        }

        RequireUsedOnly(options);
        RequireNonNegative(options.LearningRate, "LearningRate (lr)");
        RequireNonNegative(options.Epsilon, "Epsilon (eps)");
        RequireNonNegative(options.WeightDecay, "WeightDecay (weight_decay)");
        RequireNonNegative(options.L1, "L1");
        switch (options.Kind)
        {
            case OptimizerKind.Sgd:
                RequireNonNegative(options.Momentum, "Momentum (momentum)");
                RequireUnitInterval(options.Dampening, "Dampening (dampening)");
                if (options.Nesterov && (options.Momentum <= 0 || options.Dampening != 0))
                {
                    throw new ArgumentException("Nesterov momentum requires a momentum > 0 and zero dampening (as in torch.optim.SGD).", nameof(options));
                }

                break;
            case OptimizerKind.Adam or OptimizerKind.AdamW:
                RequireUnitInterval(options.Beta1, "Beta1 (betas[0])");
                RequireUnitInterval(options.Beta2, "Beta2 (betas[1])");
                break;
            case OptimizerKind.RMSprop:
                RequireUnitInterval(options.Alpha, "Alpha (alpha)");
                RequireNonNegative(options.Momentum, "Momentum (momentum)");
                break;
            case OptimizerKind.Adagrad:
                RequireNonNegative(options.LearningRateDecay, "LearningRateDecay (lr_decay)");
                RequireNonNegative(options.InitialAccumulatorValue, "InitialAccumulatorValue (initial_accumulator_value)");
                break;
        }
    }

    /// <summary>Refuses a kind-specific setting changed from its default on a kind that never reads it, and SGD's dampening without momentum.</summary>
    private static void RequireUsedOnly(OptimizerOptions options)
    {
        OptimizerOptions defaults = OptimizerOptions.For(options.Kind);
        foreach (KindSpecificSetting setting in KindSpecificSettings)
        {
            if (Array.IndexOf(setting.ReadBy, options.Kind) < 0 && !Equals(setting.Read(options), setting.Read(defaults)))
            {
                string readers = string.Join(", ", setting.ReadBy[..^1]) + (setting.ReadBy.Length > 1 ? " and " : string.Empty) + setting.ReadBy[^1];
                throw new ArgumentException(
                    $"{setting.Name} has no effect on {options.Kind}: only {readers} read it. Leave it at its default, or choose an optimizer that uses it.", nameof(options));
            }
        }

        if (options.Kind == OptimizerKind.Sgd && options.Dampening != 0 && options.Momentum == 0)
        {
            throw new ArgumentException("Dampening (dampening) has no effect without Momentum (momentum) > 0: SGD damps its momentum buffer, and without momentum there is none.", nameof(options));
        }
    }

    private static void RequireNonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw Invalid(value, name, "finite and ≥ 0");
        }
    }

    private static void RequireUnitInterval(double value, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            throw Invalid(value, name, "in [0, 1)");
        }
    }

    private static ArgumentException Invalid(double value, string name, string requirement)
        => new(string.Create(CultureInfo.InvariantCulture, $"Invalid {name}: {value}; it must be {requirement}."), "options");

    /// <summary>A hyperparameter only some kinds read: its name in messages, how to read it, and the kinds that do.</summary>
    private sealed record KindSpecificSetting(string Name, Func<OptimizerOptions, object> Read, OptimizerKind[] ReadBy);
}
