using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace GenNN.Benchmarks.Peers;

/// <summary>Moves parameters between a GenNN network's flat parameter vector and a TorchSharp model's tensors.</summary>
internal static class TorchSharpParameters
{
    /// <summary>
    /// Copies the GenNN tensor <paramref name="stored"/> out of <paramref name="parameters"/> into <paramref name="target"/>,
    /// transposed for a dense layer's weights (GenNN stores them input-major, <c>[in, out]</c>; <c>nn.Linear</c> holds
    /// <c>[out, in]</c>). Call it under <c>no_grad</c>.
    /// </summary>
    public static void CopyInto(Tensor target, float[] parameters, TensorDescription stored, bool transpose)
    {
        using Tensor source = tensor(parameters.AsSpan(stored.Offset, stored.Length).ToArray(), stored.Shape.Select(d => (long)d).ToArray());
        using Tensor laidOut = transpose ? source.t() : source.alias();
        target.copy_(laidOut);
    }

    /// <summary><paramref name="tensors"/>' values one after another: a GenNN parameter vector when they are in its order and layout.</summary>
    public static float[] Flatten(IEnumerable<Tensor> tensors)
        => tensors.SelectMany(tensor => tensor.contiguous().data<float>().ToArray()).ToArray();
}
