using System;
using System.Globalization;

namespace GenNN.Training;

/// <summary>The range checks <c>torch.optim</c>'s constructors make, with messages that name the hyperparameter.</summary>
internal static class OptimizerOptionsValidator
{
    public static void Validate(OptimizerOptions options)
    {
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
