using System;
using System.Linq;
using GenNN.Training;
using Xunit;

namespace GenNN.Tests.Training;

/// <summary>Optimizer behaviour beyond PyTorch's: the L1 penalty, decay worked out by hand, state handling, argument checks.</summary>
public sealed class OptimizerTests
{
    public static TheoryData<OptimizerKind> Kinds => new(Enum.GetValues<OptimizerKind>());

    [Fact]
    public void The_kind_cannot_be_changed_with_a_with_expression()
    {
        // The defaults follow the kind: `For(Sgd) with { Kind = Adam }` made an Adam with SGD's eps of 0, NaN on any
        // zero gradient. Kind has no init accessor, so such an expression does not compile.
        Assert.Null(typeof(OptimizerOptions).GetProperty(nameof(OptimizerOptions.Kind))!.SetMethod);
        Assert.Equal(1e-8, OptimizerOptions.For(OptimizerKind.Adam).Epsilon);
    }

    [Fact]
    public void Sgd_with_L2_and_L1_matches_the_hand_computed_step()
    {
        var options = OptimizerOptions.For(OptimizerKind.Sgd) with { LearningRate = 0.1, WeightDecay = 0.5, L1 = 0.01 };
        double[] parameters = [0.5, -0.5, 0];
        double[] gradients = [0.2, 0.2, 0.2];
        Optimizer<double>.Create(options, 3).Step(parameters, gradients);

        // g' = g + l1·sign(θ) + λθ = [0.2 + 0.01 + 0.25, 0.2 − 0.01 − 0.25, 0.2]; θ ← θ − 0.1·g'.
        Assert.Equal(0.5 - (0.1 * 0.46), parameters[0], 15);
        Assert.Equal(-0.5 - (0.1 * -0.06), parameters[1], 15);
        Assert.Equal(-0.02, parameters[2], 15);
    }

    [Fact]
    public void AdamW_first_step_decays_the_weights_then_moves_lr_against_the_gradient_sign()
    {
        // Step 1: m̂ = g and v̂ = g², so the update is lr·g/(|g| + ε) on top of θ(1 − lr·λ).
        var options = OptimizerOptions.For(OptimizerKind.AdamW) with { LearningRate = 0.01, WeightDecay = 0.1, Epsilon = 0 };
        double[] parameters = [2, -3, 0.5];
        Optimizer<double>.Create(options, 3).Step(parameters, [0.3, -4, 1e-3]);
        Assert.Equal((2 * 0.999) - 0.01, parameters[0], 15);
        Assert.Equal((-3 * 0.999) + 0.01, parameters[1], 15);
        Assert.Equal((0.5 * 0.999) - 0.01, parameters[2], 15);
    }

    [Fact]
    public void Adam_weight_decay_is_an_L2_penalty_on_the_gradient_not_a_decay()
    {
        // Adam's λθ joins the gradient, so on the first step it only changes the sign the update follows.
        var options = OptimizerOptions.For(OptimizerKind.Adam) with { LearningRate = 0.01, WeightDecay = 1, Epsilon = 0 };
        double[] parameters = [2];
        Optimizer<double>.Create(options, 1).Step(parameters, [-0.5]); // g' = −0.5 + 2 > 0
        Assert.Equal(2 - 0.01, parameters[0], 15);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void L1_is_the_gradient_plus_l1_times_the_sign_of_the_weight(OptimizerKind kind)
    {
        var random = new SeededRandom(4);
        double[] start = Enumerable.Range(0, 20).Select(i => i == 3 ? 0 : random.NextDouble(-1, 1)).ToArray();
        double[][] gradients = Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, 20).Select(_ => random.NextGaussian()).ToArray()).ToArray();
        OptimizerOptions plain = OptimizerOptions.For(kind) with { LearningRate = 0.05 };
        Optimizer<double> withL1 = Optimizer<double>.Create(plain with { L1 = 0.03 }, 20);
        Optimizer<double> manual = Optimizer<double>.Create(plain, 20);
        double[] ours = (double[])start.Clone();
        double[] reference = (double[])start.Clone();
        foreach (double[] gradient in gradients)
        {
            double[] penalized = gradient.Select((g, i) => g + (0.03 * Math.Sign(reference[i]))).ToArray();
            withL1.Step(ours, gradient);
            manual.Step(reference, penalized);
            Assert.Equal(reference, ours);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Restoring_State_and_StepCount_resumes_exactly(OptimizerKind kind)
    {
        // Every state each kind can keep.
        OptimizerOptions options = kind switch
        {
            OptimizerKind.Sgd => OptimizerOptions.For(kind) with { Momentum = 0.9 },
            OptimizerKind.Adam or OptimizerKind.AdamW => OptimizerOptions.For(kind) with { Amsgrad = true },
            OptimizerKind.RMSprop => OptimizerOptions.For(kind) with { Momentum = 0.9, Centered = true },
            _ => OptimizerOptions.For(kind) with { LearningRateDecay = 0.1, InitialAccumulatorValue = 0.1 },
        };
        var random = new SeededRandom(8);
        float[][] gradients = Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, 11).Select(_ => (float)random.NextGaussian()).ToArray()).ToArray();
        float[] uninterrupted = new float[11];
        Optimizer<float> first = Optimizer<float>.Create(options, 11);
        foreach (float[] gradient in gradients)
        {
            first.Step(uninterrupted, gradient);
        }

        float[] resumed = new float[11];
        Optimizer<float> before = Optimizer<float>.Create(options, 11);
        foreach (float[] gradient in gradients.Take(3))
        {
            before.Step(resumed, gradient);
        }

        Optimizer<float> after = Optimizer<float>.Create(before.Options, 11);
        before.State.CopyTo(after.State);
        after.StepCount = before.StepCount;
        foreach (float[] gradient in gradients.Skip(3))
        {
            after.Step(resumed, gradient);
        }

        Assert.Equal(uninterrupted, resumed);
        Assert.Equal(6, after.StepCount);
    }

    [Fact]
    public void State_is_one_block_per_buffer_the_optimizer_keeps()
    {
        Assert.Empty(State(OptimizerOptions.For(OptimizerKind.Sgd)).ToArray());
        Assert.Equal(10, State(OptimizerOptions.For(OptimizerKind.Sgd) with { Momentum = 0.9 }).Length);
        Assert.Equal(20, State(OptimizerOptions.For(OptimizerKind.Adam)).Length);
        Assert.Equal(30, State(OptimizerOptions.For(OptimizerKind.AdamW) with { Amsgrad = true }).Length);
        Assert.Equal(10, State(OptimizerOptions.For(OptimizerKind.RMSprop)).Length);
        Assert.Equal(30, State(OptimizerOptions.For(OptimizerKind.RMSprop) with { Momentum = 0.5, Centered = true }).Length);
        Assert.Equal(Enumerable.Repeat(0.25, 10), State(OptimizerOptions.For(OptimizerKind.Adagrad) with { InitialAccumulatorValue = 0.25 }).ToArray());

        // The names of the blocks, which model files record, cannot be changed through a cast.
        var names = (System.Collections.Generic.IList<string>)Optimizer<double>.Create(OptimizerOptions.For(OptimizerKind.Adam), 10).StateNames;
        Assert.Throws<NotSupportedException>(() => names[0] = "m");

        static Span<double> State(OptimizerOptions options) => Optimizer<double>.Create(options, 10).State;
    }

    [Fact]
    public void Reset_returns_to_the_initial_state()
    {
        Optimizer<double> optimizer = Optimizer<double>.Create(OptimizerOptions.For(OptimizerKind.Adagrad) with { InitialAccumulatorValue = 0.5 }, 4);
        optimizer.Step(new double[4], [1, 2, 3, 4]);
        optimizer.Reset();
        Assert.Equal(0, optimizer.StepCount);
        Assert.Equal([0.5, 0.5, 0.5, 0.5], optimizer.State.ToArray());
    }

    [Fact]
    public void Out_of_range_hyperparameters_are_rejected_naming_them()
    {
        AssertRejected(OptimizerOptions.For(OptimizerKind.Sgd) with { LearningRate = -1 }, "LearningRate");
        AssertRejected(OptimizerOptions.For(OptimizerKind.Sgd) with { Nesterov = true }, "Nesterov");
        AssertRejected(OptimizerOptions.For(OptimizerKind.Sgd) with { Momentum = 0.9, Dampening = 0.1, Nesterov = true }, "Nesterov");
        AssertRejected(OptimizerOptions.For(OptimizerKind.Adam) with { Beta1 = 1 }, "Beta1");
        AssertRejected(OptimizerOptions.For(OptimizerKind.AdamW) with { Beta2 = -0.1 }, "Beta2");
        AssertRejected(OptimizerOptions.For(OptimizerKind.Adam) with { Epsilon = double.NaN }, "Epsilon");
        AssertRejected(OptimizerOptions.For(OptimizerKind.RMSprop) with { WeightDecay = -1 }, "WeightDecay");
        AssertRejected(OptimizerOptions.For(OptimizerKind.Adagrad) with { LearningRateDecay = -1 }, "LearningRateDecay");
        AssertRejected(OptimizerOptions.For(OptimizerKind.Adagrad) with { L1 = -1 }, "L1");
        AssertRejected(OptimizerOptions.For(OptimizerKind.Sgd) with { Momentum = 0.9, Dampening = 1.5 }, "Dampening");
        AssertRejected(OptimizerOptions.For(OptimizerKind.RMSprop) with { Alpha = 1 }, "Alpha");

        static void AssertRejected(OptimizerOptions options, string name)
            => Assert.Contains(name, Assert.Throws<ArgumentException>(() => Optimizer<float>.Create(options, 3)).Message);
    }

    [Fact]
    public void Settings_the_optimizer_never_reads_are_refused_naming_them()
    {
        // torch.optim.Adam(params, momentum=0.9) is a TypeError, and [Optimizer] reports GNN0035: Nesterov on Adam is not NAdam.
        AssertIgnored(OptimizerOptions.For(OptimizerKind.Adam) with { Momentum = 0.9 }, "Momentum", "Adam");
        AssertIgnored(OptimizerOptions.For(OptimizerKind.AdamW) with { Nesterov = true }, "Nesterov", "AdamW");
        AssertIgnored(OptimizerOptions.For(OptimizerKind.Adam) with { Centered = true }, "Centered", "Adam");
        AssertIgnored(OptimizerOptions.For(OptimizerKind.Sgd) with { Epsilon = 1e-8 }, "Epsilon", "Sgd");
        AssertIgnored(OptimizerOptions.For(OptimizerKind.Sgd) with { Amsgrad = true }, "Amsgrad", "Sgd");
        AssertIgnored(OptimizerOptions.For(OptimizerKind.RMSprop) with { Beta2 = 0.9 }, "Beta2", "RMSprop");
        AssertIgnored(OptimizerOptions.For(OptimizerKind.Adagrad) with { Alpha = 0.9 }, "Alpha", "Adagrad");
        AssertIgnored(OptimizerOptions.For(OptimizerKind.RMSprop) with { LearningRateDecay = 0.1 }, "LearningRateDecay", "RMSprop");
        AssertIgnored(OptimizerOptions.For(OptimizerKind.Adam) with { InitialAccumulatorValue = 0.1 }, "InitialAccumulatorValue", "Adam");
        AssertIgnored(OptimizerOptions.For(OptimizerKind.Adagrad) with { Dampening = 0.5 }, "Dampening", "Adagrad");
        AssertIgnored(OptimizerOptions.For(OptimizerKind.Sgd) with { Dampening = 0.5 }, "Dampening", "Momentum");
        Assert.Contains("only Adam, AdamW, RMSprop and Adagrad read it", Assert.Throws<ArgumentException>(() => Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.Sgd) with { Epsilon = 1e-8 }, 3)).Message);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => Optimizer<float>.Create(new OptimizerOptions((OptimizerKind)99), 3)).ParamName);

        // Each kind's own settings, and the ones every kind reads, stay accepted.
        Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.Sgd) with { Momentum = 0.9, Dampening = 0.1, WeightDecay = 1e-4, L1 = 1e-5 }, 3);
        Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.RMSprop) with { Momentum = 0.9, Centered = true, Alpha = 0.9, Epsilon = 1e-6 }, 3);
        Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.AdamW) with { Beta1 = 0.5, Beta2 = 0.9, Amsgrad = true, Epsilon = 1e-6 }, 3);
        Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.Adagrad) with { LearningRateDecay = 0.1, InitialAccumulatorValue = 0.1, Epsilon = 1e-6 }, 3);

        static void AssertIgnored(OptimizerOptions options, string name, string named)
        {
            string message = Assert.Throws<ArgumentException>(() => Optimizer<float>.Create(options, 3)).Message;
            Assert.Contains(name, message);
            Assert.Contains(named, message);
        }
    }

    [Fact]
    public void Step_checks_its_spans_and_learning_rate()
    {
        Optimizer<float> optimizer = Optimizer<float>.Create(OptimizerOptions.For(OptimizerKind.Adam), 3);
        Assert.Throws<ArgumentException>(() => optimizer.Step(new float[2], new float[3]));
        Assert.Throws<ArgumentException>(() => optimizer.Step(new float[3], new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.Step(new float[3], new float[3], double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.Step(new float[3], new float[3], -0.1));
        Assert.Equal(0, optimizer.StepCount);
    }

    [Fact]
    public void A_learning_rate_of_zero_is_a_step_that_moves_nothing_as_a_schedule_may_reach()
    {
        Optimizer<double> sgd = Optimizer<double>.Create(OptimizerOptions.For(OptimizerKind.Sgd) with { LearningRate = 0.1 }, 3);
        double[] parameters = [1, 2, 3];

        sgd.Step(parameters, [1, 1, 1], learningRate: 0);

        Assert.Equal([1, 2, 3], parameters);
        Assert.Equal(1, sgd.StepCount);
    }
}
