using System.Numerics;

namespace GenNN.Training;

/// <summary>
/// An optimizer's update rule for one block of <see cref="Vector{T}.Count"/> parameters, with up to three state
/// buffers. Implemented by structs, so <see cref="Optimizer{T}"/>'s block loop is specialized and inlined per rule.
/// Lane-wise IEEE arithmetic gives exactly the results of the same formula on scalars.
/// </summary>
internal interface IUpdateKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Updates <paramref name="parameter"/> and the state for the <paramref name="gradient"/> of this step.</summary>
    void Update(ref Vector<T> parameter, Vector<T> gradient, ref Vector<T> state0, ref Vector<T> state1, ref Vector<T> state2);
}
