using GenNN.Generator.Helpers;

namespace GenNN.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one network, and nothing from Roslyn: only strings, numbers, enums and
/// equatable arrays, so two parses of an unchanged network compare equal and the emit step stays cached.
/// </summary>
/// <param name="Type">Where the class is declared.</param>
/// <param name="Numeric">The element type.</param>
/// <param name="Seed">The seed of the generated parameterless constructor.</param>
/// <param name="InputSize">The input length.</param>
/// <param name="Layers">The layers, input to output.</param>
/// <param name="Loss">The loss, or <see langword="null"/> for an inference-only network.</param>
/// <param name="Optimizer">The declared optimizer, or <see langword="null"/> for the default.</param>
/// <param name="EmitConstructors">Whether the user declared no constructor, so the generator provides them.</param>
internal sealed record NetworkSpec(
    TypeHierarchySpec Type,
    NumericType Numeric,
    long Seed,
    int InputSize,
    EquatableArray<LayerSpec> Layers,
    LossKind? Loss,
    OptimizerSpec? Optimizer,
    bool EmitConstructors)
{
    public LayerSpec OutputLayer => Layers[Layers.Count - 1];

    /// <summary>Whether any layer drops outputs in training, so training methods take a random generator.</summary>
    public bool HasDropout
    {
        get
        {
            foreach (LayerSpec layer in Layers)
            {
                if (layer.HasDropout)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public int OutputSize => OutputLayer.OutputSize;

    public int ParameterCount
    {
        get
        {
            int count = 0;
            foreach (LayerSpec layer in Layers)
            {
                count += layer.ParameterCount;
            }

            return count;
        }
    }

    public long Flops
    {
        get
        {
            long flops = 0;
            foreach (LayerSpec layer in Layers)
            {
                flops += layer.Flops;
            }

            return flops;
        }
    }
}
