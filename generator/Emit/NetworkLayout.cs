using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary>
/// Where each layer's per-sample vectors live in the two scratch spans generated methods take from the stack:
/// hidden activations (every layer but the last, whose output goes to the caller's span) and backward deltas
/// (every layer).
/// </summary>
internal sealed class NetworkLayout
{
    public NetworkLayout(NetworkSpec spec)
    {
        int layers = spec.Layers.Count;
        ActivationOffsets = new int[layers];
        DeltaOffsets = new int[layers];
        for (int l = 0; l < layers; l++)
        {
            int size = spec.Layers[l].OutputSize;
            ActivationOffsets[l] = HiddenActivationLength;
            DeltaOffsets[l] = DeltaLength;
            DeltaLength += size;
            if (l < layers - 1)
            {
                HiddenActivationLength += size;
            }
        }
    }

    /// <summary>The offset of each hidden layer's activations (by 0-based layer position).</summary>
    public int[] ActivationOffsets { get; }

    /// <summary>The offset of each layer's delta (by 0-based layer position).</summary>
    public int[] DeltaOffsets { get; }

    public int HiddenActivationLength { get; }

    public int DeltaLength { get; }

    /// <summary>The name of the span holding layer <paramref name="index"/>'s (1-based) output; 0 is the input.</summary>
    public static string ActivationName(NetworkSpec spec, int index)
        => index == 0 ? "input" : index == spec.Layers.Count ? "output" : "a" + Helpers.Invariant.Text(index);

    /// <summary>The name of the span holding layer <paramref name="index"/>'s (1-based) delta.</summary>
    public static string DeltaName(int index) => "d" + Helpers.Invariant.Text(index);
}
