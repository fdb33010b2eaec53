using System.Collections.Generic;
using System.Linq;
using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary>
/// The names the emitter declares in a network class, so the parser can report clashes (GNN0017) before they
/// become compiler errors in generated code: between two layers (<c>hidden</c> + <c>InputSize</c> and
/// <c>hiddenInput</c> + <c>Size</c>), between a layer and the network (<c>Input</c> + <c>Size</c>), with the
/// class's own name, or with a member the class declares (checked against the names this network gets for certain:
/// a class may keep a <c>Step</c> of its own until it streams).
/// </summary>
internal static class GeneratedMembers
{
    /// <summary>Members every network has.</summary>
    public static readonly IReadOnlyList<string> OfEveryNetwork = new[]
    {
        "InputSize", "OutputSize", "ParameterCount", "BufferCount", "DefaultSeed", "_parameters", "Parameters", "Buffers",
        "InitializeParameters", "Forward", "InferencePass", "ForwardBatch", "BatchBlockSize", "Description", "InferenceSampleLength",
        "TemporaryLength", "ForwardScratchLength", "InferenceBlockScratchLength",
    };

    /// <summary>Members every network with a loss has.</summary>
    public static readonly IReadOnlyList<string> OfTrainableNetwork = new[]
    {
        "_gradients", "Gradients", "EvaluateBatch", "ComputeLoss", "Backward", "ApplyGradients", "ZeroGradients", "TrainStep",
        "TrainBatch", "AccumulateGradients", "AccumulateBatch", "DefaultOptimizer", "ActivatedOutputOffset", "TrainingSampleLength",
        "BlockScratchLength", "TrainingScratchLength",
    };

    /// <summary>
    /// Members only some networks have: with dropout, with buffers, with a fused SGD step, with a pass large enough to
    /// rent its scratch, streaming ones, and with compiled-in weights.
    /// </summary>
    public static readonly IReadOnlyList<string> OfSomeNetworks = new[]
    {
        "_dropoutRandom", "_buffers", "_gradientsPending", ScratchLayout.PoolName("ForwardScratchLength"), ScratchLayout.PoolName("InferenceBlockScratchLength"),
        ScratchLayout.PoolName("TrainingScratchLength"), "FrameSize", "StateLength", "StepScratchLength", "State", "Step", "ResetToTrainedWeights", "CopyTrainedWeights",
    };

    /// <summary>
    /// Every name a network may get, whatever its layers: a layer's members must avoid all of them, so that adding a
    /// loss, dropout or a weights file never makes a layer name clash.
    /// </summary>
    public static readonly IReadOnlyList<string> OfNetwork = OfEveryNetwork.Concat(OfTrainableNetwork).Concat(OfSomeNetworks).ToArray();

    /// <summary>
    /// The generated members that are methods: a class may declare overloads of these (a <c>Forward(float[])</c> that
    /// returns a new array), but no other member of the same name.
    /// </summary>
    public static readonly IReadOnlyCollection<string> Methods = new HashSet<string>
    {
        "InitializeParameters", "Forward", "InferencePass", "ForwardBatch", "EvaluateBatch", "ComputeLoss", "Backward", "ApplyGradients",
        "ZeroGradients", "TrainStep", "TrainBatch", "AccumulateGradients", "AccumulateBatch", "Step", "ResetToTrainedWeights", "CopyTrainedWeights",
    };

    /// <summary>
    /// Members a layer adds: its sizes, scratch offsets, and for each tensor a view, its gradient, offset and length, and
    /// its compiled-in values (reserved whether or not the network names a weights file, so adding one never clashes).
    /// </summary>
    public static IEnumerable<string> OfLayer(LayerSpec layer)
    {
        yield return layer.Name + "InputSize";
        yield return layer.Name + "Size";
        yield return layer.Name + "OutputOffset";
        yield return layer.Name + "DeltaOffset";
        foreach (ScratchRegion region in layer.Scratch)
        {
            yield return layer.Name + region.Suffix + "Offset";
            yield return layer.Name + region.Suffix + "Length";
        }

        foreach (ParameterTensor tensor in layer.Tensors)
        {
            string member = layer.Name + tensor.MemberSuffix;
            yield return member;
            yield return member + "Gradient";
            yield return member + "Offset";
            yield return member + "Length";
            yield return "Trained" + member;
        }

        foreach (ParameterTensor tensor in layer.Buffers)
        {
            string member = layer.Name + tensor.MemberSuffix;
            yield return member;
            yield return member + "Offset";
            yield return member + "Length";
            yield return "Trained" + member;
        }
    }
}
