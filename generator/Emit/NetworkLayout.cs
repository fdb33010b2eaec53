using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary>
/// Where each layer's per-sample vectors live in the scratch spans generated methods take from the stack, and
/// what the spans are called in generated code. <c>hidden</c> holds every layer's activations but the last's (which
/// go to the caller's span) plus, for dropout layers, the retained activations the next layer reads; <c>deltas</c>
/// holds backward's per-layer gradients; <c>masks</c> the dropout masks of a training pass.
/// </summary>
internal sealed class NetworkLayout
{
    public NetworkLayout(NetworkSpec spec)
    {
        _spec = spec;
        int layers = spec.Layers.Count;
        ActivationOffsets = new int[layers];
        RetainedOffsets = new int[layers];
        MaskOffsets = new int[layers];
        DeltaOffsets = new int[layers];
        for (int l = 0; l < layers; l++)
        {
            LayerSpec layer = spec.Layers[l];
            int size = layer.OutputSize;
            DeltaOffsets[l] = DeltaLength;
            DeltaLength += size;
            if (l == layers - 1)
            {
                continue;
            }

            ActivationOffsets[l] = HiddenActivationLength;
            HiddenActivationLength += size;
            if (layer.HasDropout)
            {
                RetainedOffsets[l] = HiddenActivationLength;
                HiddenActivationLength += size;
                MaskOffsets[l] = MaskLength;
                MaskLength += size;
            }
        }
    }

    private readonly NetworkSpec _spec;

    /// <summary>The offset of each hidden layer's activations in <c>hidden</c> (by 0-based layer position).</summary>
    public int[] ActivationOffsets { get; }

    /// <summary>The offset of each dropout layer's retained activations in <c>hidden</c>.</summary>
    public int[] RetainedOffsets { get; }

    /// <summary>The offset of each dropout layer's mask in <c>masks</c>.</summary>
    public int[] MaskOffsets { get; }

    /// <summary>The offset of each layer's delta in <c>deltas</c>.</summary>
    public int[] DeltaOffsets { get; }

    public int HiddenActivationLength { get; }

    public int MaskLength { get; }

    public int DeltaLength { get; }

    /// <summary>The span holding layer <paramref name="index"/>'s (1-based) activations: <c>a2</c>, or <c>output</c> for the last.</summary>
    public string OutputOf(int index) => index == _spec.Layers.Count ? "output" : "a" + Invariant.Text(index);

    /// <summary>
    /// The span layer <paramref name="index"/> (1-based) reads: <c>input</c> for the first layer, else the previous
    /// layer's activations, or their retained (dropout-masked) copy <c>r1</c> when that layer has dropout.
    /// </summary>
    public string InputOf(int index)
        => index == 1 ? "input"
            : _spec.Layers[index - 2].HasDropout ? RetainedName(index - 1)
            : OutputOf(index - 1);

    /// <summary>The retained activations of dropout layer <paramref name="index"/>: <c>r1</c>.</summary>
    public static string RetainedName(int index) => "r" + Invariant.Text(index);

    /// <summary>The dropout mask of layer <paramref name="index"/>: <c>m1</c>.</summary>
    public static string MaskName(int index) => "m" + Invariant.Text(index);

    /// <summary>The span holding layer <paramref name="index"/>'s (1-based) delta: <c>d2</c>.</summary>
    public static string DeltaName(int index) => "d" + Invariant.Text(index);
}
