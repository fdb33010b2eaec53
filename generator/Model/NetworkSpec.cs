using System.Linq;
using GenNN.Generator.Helpers;

namespace GenNN.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one network, and nothing from Roslyn: only strings, numbers, enums and
/// equatable arrays, so two parses of an unchanged network compare equal and the emit step stays cached.
/// </summary>
/// <param name="Type">Where the class is declared.</param>
/// <param name="Numeric">The element type.</param>
/// <param name="Seed">The seed of the generated parameterless constructor.</param>
/// <param name="InputShape">The shape of one input sample.</param>
/// <param name="Layers">The layers, input to output.</param>
/// <param name="Loss">The loss, or <see langword="null"/> for an inference-only network.</param>
/// <param name="Optimizer">The declared optimizer, or <see langword="null"/> for the default.</param>
/// <param name="EmitConstructors">Whether the user declared no constructor, so the generator provides them.</param>
internal sealed record NetworkSpec(
    TypeHierarchySpec Type,
    NumericType Numeric,
    long Seed,
    TensorShape InputShape,
    EquatableArray<LayerSpec> Layers,
    LossKind? Loss,
    OptimizerSpec? Optimizer,
    bool EmitConstructors)
{
    /// <summary>
    /// The weights file named by <c>[Network(Weights = "...")]</c>, as written, or <see langword="null"/> when the
    /// network starts from random weights. Its values are emitted apart (<c>Weights/</c>); the network's own code only
    /// needs to know they exist.
    /// </summary>
    public string? WeightsPath { get; init; }

    /// <summary>
    /// Whether the user gave the class a summary (a <c>///</c> comment with one on one of its declarations): the compiler
    /// merges the comments of every part, and the generated table then goes into <c>remarks</c>, leaving the user's
    /// summary the only one.
    /// </summary>
    public bool ClassHasOwnSummary { get; init; }

    /// <summary>
    /// Whether the passes whose scratch is on the stack skip zeroing it (<c>[SkipLocalsInit]</c>): set by the wiring
    /// when the project allows unsafe code, which the attribute needs. Every pass writes its scratch before reading it,
    /// as it must anyway for the scratch it rents from a pool, which comes back as the last pass left it.
    /// </summary>
    public bool SkipsLocalsInit { get; init; }

    public LayerSpec OutputLayer => Layers[Layers.Count - 1];

    /// <summary>
    /// The activation of the network's output head: the last layer's. The last layer writes its pre-activations
    /// (the logits), and the head turns them into the output, fused with the loss where that is exact and cheaper.
    /// </summary>
    public ActivationSpec HeadActivation => OutputLayer.Activation;

    /// <summary>Whether any layer draws random numbers in training, so training methods take a random generator.</summary>
    public bool HasDropout => Layers.Any(layer => layer.DrawsRandom);

    public int InputSize => InputShape.Length;

    public int OutputSize => OutputLayer.OutputSize;

    public int ParameterCount => Layers.Sum(layer => layer.ParameterCount);

    public int BufferCount => Layers.Sum(layer => layer.BufferCount);

    public long Flops => Layers.Sum(layer => layer.Flops);
}
