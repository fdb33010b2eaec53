using System;
using System.Collections.Generic;
using System.Linq;

namespace GenNN.Generator.Model;

/// <summary>
/// One layer of a network, as the emitter needs it. Each layer kind derives its own record in its folder under
/// <c>Layers/</c>, declaring what it stores, what scratch it needs and what it documents; records compare by value,
/// so a spec only changes when the user's topology does.
/// </summary>
/// <param name="Name">The member-name prefix (<c>Hidden1</c>), a valid identifier, unique in the network.</param>
/// <param name="InputShape">The shape of one sample's input.</param>
/// <param name="OutputShape">The shape of one sample's output.</param>
internal abstract record LayerSpec(string Name, TensorShape InputShape, TensorShape OutputShape)
{
    public int InputSize => InputShape.Length;

    public int OutputSize => OutputShape.Length;

    /// <summary>What the documentation and <c>NetworkDescription</c> call the layer kind (<c>Dense</c>, <c>Conv2D</c>).</summary>
    public abstract string KindName { get; }

    /// <summary>The activation the layer applies last; Identity for kinds without one.</summary>
    public virtual ActivationSpec Activation => ActivationSpec.Identity;

    /// <summary>
    /// The nonlinearities inside the layer itself, for the class's layer table (a recurrent cell's gates), where
    /// <see cref="Activation"/> alone would read as a linear layer; <see langword="null"/> for layers without any.
    /// </summary>
    public virtual string? InnerNonlinearity => null;

    /// <summary>The trainable tensors, in storage order.</summary>
    public virtual IReadOnlyList<ParameterTensor> Tensors => Array.Empty<ParameterTensor>();

    /// <summary>The state tensors, which training updates but optimizers never touch (BatchNorm's running statistics).</summary>
    public virtual IReadOnlyList<ParameterTensor> Buffers => Array.Empty<ParameterTensor>();

    /// <summary>Working memory beyond the input and output values.</summary>
    public virtual IReadOnlyList<ScratchRegion> Scratch => Array.Empty<ScratchRegion>();

    /// <summary>The hyperparameters, in a fixed order, for <c>NetworkDescription</c> and the model-file signature.</summary>
    public virtual IReadOnlyList<LayerSetting> Settings => Array.Empty<LayerSetting>();

    /// <summary>Whether training draws random numbers (dropout masks).</summary>
    public virtual bool DrawsRandom => false;

    /// <summary>
    /// Whether the output is the input itself, so the layer computes nothing: Flatten always, and an activation
    /// layer whose activation the network's output head applies instead.
    /// </summary>
    public virtual bool AliasesInput(bool isOutputLayer) => false;

    /// <summary>
    /// This layer as the first one that computes, reading the network's input, whose gradient nothing needs: a layer
    /// that would prepare for computing <c>dL/dx</c> (scratch, a transposed copy) returns a copy of itself without that.
    /// </summary>
    public virtual LayerSpec AsFirstComputingLayer() => this;

    /// <summary>
    /// This layer on one step of a sequence: for a layer on <c>[T, F]</c> whose output at each step is computed from
    /// that step's input alone, in inference, the same layer on <c>[F]</c>, its parameters unchanged, so that a
    /// streaming <c>Step</c> can run it frame by frame; <see langword="null"/> for a layer that works across steps.
    /// </summary>
    public virtual LayerSpec? OneStep => null;

    /// <summary>
    /// For a layer without <see cref="OneStep"/> that a setting would give one, that setting, named in the summary of a
    /// network that cannot stream; <see langword="null"/> otherwise.
    /// </summary>
    public virtual string? OneStepHint => null;

    /// <summary>The convention of a two-axis input this layer reads (<see cref="SignalAxes"/>), or <see langword="null"/> when it has none.</summary>
    public virtual SignalAxes? ReadsAxes => null;

    /// <summary>
    /// The convention of this layer's two-axis output, given its input's (<see langword="null"/>: unknown, or not two
    /// axes). By default a layer that keeps two axes keeps the convention (activations, dropout, normalization).
    /// </summary>
    public virtual SignalAxes? WritesAxes(SignalAxes? input) => InputShape.Rank == 2 && OutputShape.Rank == 2 ? input : null;

    /// <summary>One-line summary of the operation for the generated code's comments (<c>Conv2D 3×3, stride 1, 1 → 8 channels</c>).</summary>
    public virtual string Summary => KindName;

    /// <summary>Floating-point operations per inference (a multiply-add counts as two), activation excluded.</summary>
    public virtual long Flops => 0;

    /// <summary>
    /// The number of <c>nn.Sequential</c> modules the layer takes in the equivalent PyTorch model: one, plus its
    /// activation's for a layer that applies one itself. Numbers every module after it, as the runtime's
    /// <c>TorchLayerMapping.ModuleCount</c> does.
    /// </summary>
    public virtual int TorchModuleCount => 1;

    /// <summary>
    /// The layer's <c>state_dict()</c> entries under <paramref name="module"/> (its <c>nn.Sequential</c> index), in
    /// PyTorch's order, parameters then buffers, which is also GenNN's storage order; none for a parameterless layer.
    /// </summary>
    public virtual IReadOnlyList<TorchTensorSpec> TorchTensors(string module) => Array.Empty<TorchTensorSpec>();

    public int ParameterCount => Tensors.Sum(tensor => tensor.Length);

    public int BufferCount => Buffers.Sum(tensor => tensor.Length);
}
