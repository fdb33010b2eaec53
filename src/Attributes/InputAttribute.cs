using System;

namespace GenNN;

/// <summary>Declares the length of the network's input vector. Place it before the first layer.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Declares an input of <paramref name="size"/> features.</summary>
    public InputAttribute(int size) => Size = size;

    /// <summary>The number of input features.</summary>
    public int Size { get; }
}
