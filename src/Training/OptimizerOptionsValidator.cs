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
    public static void Validate(OptimizerOptions options)
    {
        RequireUsedOnly(options);
        RequireNonNegative(options.LearningRate, "LearningRate (lr)");
        RequireNonNegative(options.Epsilon, "Epsilon (eps)");
        RequireNonNegative(options.WeightDecay, "WeightDecay (weight_decay)");
        RequireNonNegative(options.L1, "L1");
        switch (options.Kind)
        {
            case OptimizerKind.Sgd:
                RequireNonNegative(options.Momentum, "Momentum (momentum)");
                RequireFinite(options.Dampening, "Dampening (dampening)");
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
                RequireNonNegative(options.Alpha, "Alpha (alpha)");
                RequireNonNegative(options.Momentum, "Momentum (momentum)");
                break;
            case OptimizerKind.Adagrad:
                RequireNonNegative(options.LearningRateDecay, "LearningRateDecay (lr_decay)");
                RequireNonNegative(options.InitialAccumulatorValue, "InitialAccumulatorValue (initial_accumulator_value)");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "Unknown optimizer.");
        }
    }

    /// <summary>Refuses a kind-specific setting changed from its default on a kind that never reads it (SGD's dampening without momentum included).</summary>
    private static void RequireUsedOnly(OptimizerOptions options)
    {
        OptimizerKind kind = options.Kind;
        OptimizerOptions defaults = OptimizerOptions.For(kind);
        const OptimizerKind Sgd = OptimizerKind.Sgd, Adam = OptimizerKind.Adam, AdamW = OptimizerKind.AdamW, RMSprop = OptimizerKind.RMSprop, Adagrad = OptimizerKind.Adagrad;
        RequireUsed(options.Momentum != defaults.Momentum, "Momentum (momentum)", kind, Sgd, RMSprop);
        RequireUsed(options.Dampening != defaults.Dampening, "Dampening (dampening)", kind, Sgd);
        RequireUsed(options.Nesterov != defaults.Nesterov, "Nesterov (nesterov)", kind, Sgd);
        RequireUsed(options.Beta1 != defaults.Beta1, "Beta1 (betas[0])", kind, Adam, AdamW);
        RequireUsed(options.Beta2 != defaults.Beta2, "Beta2 (betas[1])", kind, Adam, AdamW);
        RequireUsed(options.Amsgrad != defaults.Amsgrad, "Amsgrad (amsgrad)", kind, Adam, AdamW);
        RequireUsed(options.Epsilon != defaults.Epsilon, "Epsilon (eps)", kind, Adam, AdamW, RMSprop, Adagrad);
        RequireUsed(options.Alpha != defaults.Alpha, "Alpha (alpha)", kind, RMSprop);
        RequireUsed(options.Centered != defaults.Centered, "Centered (centered)", kind, RMSprop);
        RequireUsed(options.LearningRateDecay != defaults.LearningRateDecay, "LearningRateDecay (lr_decay)", kind, Adagrad);
        RequireUsed(options.InitialAccumulatorValue != defaults.InitialAccumulatorValue, "InitialAccumulatorValue (initial_accumulator_value)", kind, Adagrad);
        if (kind == Sgd && options.Dampening != 0 && options.Momentum == 0)
        {
            throw new ArgumentException("Dampening (dampening) has no effect without Momentum (momentum) > 0: SGD damps its momentum buffer, and without momentum there is none.", nameof(options));
        }
    }

    private static void RequireUsed(bool changed, string name, OptimizerKind kind, params OptimizerKind[] users)
    {
        if (changed && Array.IndexOf(users, kind) < 0)
        {
            throw new ArgumentException($"{name} has no effect on {kind}: only {string.Join(" and ", users)} read it. Leave it at its default, or choose an optimizer that uses it.", "options");
        }
    }

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw Invalid(value, name, "finite");
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
}
