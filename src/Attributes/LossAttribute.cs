using System;

namespace GenNN;

/// <summary>
/// Declares the loss the network trains against. Without it the network is inference-only: the generator emits
/// <c>Forward</c> but no <c>Backward</c> or training steps.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LossAttribute : Attribute
{
    /// <summary>Declares the loss function.</summary>
    public LossAttribute(LossFunction function) => Function = function;

    /// <summary>The loss function.</summary>
    public LossFunction Function { get; }
}
