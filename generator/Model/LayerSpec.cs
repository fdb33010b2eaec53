using System.Collections.Generic;

namespace GenNN.Generator.Model;

/// <summary>
/// One layer of a network, as the emitter needs it. Each layer kind derives its own record in its folder under
/// <c>Layers/</c>; records compare by value, so a spec only changes when the user's topology does.
/// </summary>
/// <param name="Name">The member-name prefix (<c>Hidden1</c>), a valid identifier, unique in the network.</param>
/// <param name="InputSize">The length of the vector the layer reads.</param>
/// <param name="OutputSize">The length of the vector the layer produces.</param>
/// <param name="Activation">The activation applied to the layer's pre-activations.</param>
/// <param name="Strategy">How the layer's code is written out.</param>
/// <param name="DropoutRate">The probability that training drops each output (0: no dropout).</param>
internal abstract record LayerSpec(string Name, int InputSize, int OutputSize, ActivationSpec Activation, CodeStrategy Strategy, double DropoutRate)
{
    public bool HasDropout => DropoutRate > 0;

    /// <summary>What the documentation calls the layer kind ("Dense").</summary>
    public abstract string KindName { get; }

    /// <summary>The layer's trainable tensors, in storage order.</summary>
    public abstract IReadOnlyList<ParameterTensor> Tensors { get; }

    /// <summary>The number of trainable parameters.</summary>
    public int ParameterCount
    {
        get
        {
            int count = 0;
            foreach (ParameterTensor tensor in Tensors)
            {
                count += tensor.Length;
            }

            return count;
        }
    }

    /// <summary>Floating-point operations per inference (a multiply-add counts as two), activation excluded.</summary>
    public abstract long Flops { get; }
}
