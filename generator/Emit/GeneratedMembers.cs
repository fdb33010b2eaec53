using System.Collections.Generic;
using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary>
/// The names the emitter declares in a network class, so the parser can report clashes (GNN0017) before they
/// become compiler errors in generated code: between two layers (<c>hidden</c> + <c>InputSize</c> and
/// <c>hiddenInput</c> + <c>Size</c>), between a layer and the network (<c>Input</c> + <c>Size</c>), with the
/// class's own name, or with a member the class declares.
/// </summary>
internal static class GeneratedMembers
{
    /// <summary>Members every network has, whatever its layers.</summary>
    public static readonly IReadOnlyList<string> OfNetwork = new[]
    {
        "InputSize", "OutputSize", "ParameterCount", "BufferCount", "DefaultSeed", "_dropoutRandom",
        "_parameters", "_gradients", "_gradientsPending", "_buffers", "Parameters", "Gradients", "Buffers", "InitializeParameters",
        "Forward", "InferencePass", "ForwardBatch", "EvaluateBatch", "ComputeLoss", "Backward", "ApplyGradients", "ZeroGradients",
        "TrainStep", "TrainBatch", "AccumulateGradients", "AccumulateBatch", "BatchBlockSize", "Description", "DefaultOptimizer",
        "InferenceSampleLength", "ActivatedOutputOffset", "TrainingSampleLength", "BlockScratchLength", "TemporaryLength",
        "ForwardScratchLength", "InferenceBlockScratchLength", "TrainingScratchLength", ScratchLayout.PoolName("ForwardScratchLength"), ScratchLayout.PoolName("InferenceBlockScratchLength"), ScratchLayout.PoolName("TrainingScratchLength"), "FrameSize", "StateLength", "StepScratchLength", "State", "Step",
        "ResetToTrainedWeights", "CopyTrainedWeights", // with compiled-in weights; reserved for every network, as above
    };

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
