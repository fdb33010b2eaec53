using System.Collections.Generic;
using System.Linq;
using GenNN.Generator.Layers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary>
/// The names the emitter declares in a network class, so the parser can report clashes (GNN0017) before they
/// become compiler errors in generated code: between two layers (<c>hidden</c> + <c>InputSize</c> and
/// <c>hiddenInput</c> + <c>Size</c>), between a layer and the network (<c>Input</c> + <c>Size</c>), with the
/// class's own name, or with a member the class declares or inherits (checked against <see cref="Of"/>, the names
/// this network gets: a class may keep a <c>Step</c> of its own as long as it does not stream). Also the signatures
/// of the generated methods, which the emitter declares them with.
/// </summary>
internal static class GeneratedMembers
{
    /// <summary>Members every network has.</summary>
    private static readonly IReadOnlyList<string> OfEveryNetwork = new[]
    {
        "InputSize", "OutputSize", "ParameterCount", "BufferCount", "DefaultSeed", "_parameters", "Parameters", "Buffers",
        "InitializeParameters", "Forward", "InferencePass", "ForwardBatch", "BatchBlockSize", "Description", "InferenceSampleLength",
        "TemporaryLength", "ForwardScratchLength", "InferenceBlockScratchLength",
    };

    /// <summary>Members every network with a loss has.</summary>
    private static readonly IReadOnlyList<string> OfTrainableNetwork = new[]
    {
        "_gradients", "Gradients", "EvaluateBatch", "ComputeLoss", "Backward", "ApplyGradients", "ZeroGradients", "TrainStep",
        "TrainBatch", "AccumulateGradients", "AccumulateBatch", "DefaultOptimizer", "ActivatedOutputOffset", "TrainingSampleLength",
        "BlockScratchLength", "TrainingScratchLength",
    };

    /// <summary>The members of a streaming network (<see cref="NetworkEmitter.StreamingLayers"/>).</summary>
    private static readonly IReadOnlyList<string> OfStreamingNetwork = new[] { "FrameSize", "StateLength", "StepScratchLength", StateType, "Step" };

    /// <summary>The members of a network with compiled-in weights.</summary>
    private static readonly IReadOnlyList<string> OfNetworkWithTrainedWeights = new[] { "ResetToTrainedWeights", "CopyTrainedWeights" };

    /// <summary>The passes whose scratch may be rented from a pool, each pool a static field (<see cref="ScratchLayout.PooledPasses"/>).</summary>
    private static readonly IReadOnlyList<string> PooledPasses = new[] { "ForwardScratchLength", "InferenceBlockScratchLength", "TrainingScratchLength" };

    /// <summary>
    /// Members only some networks have: with dropout, with buffers, with a fused SGD step, with a pass large enough to
    /// rent its scratch, streaming ones, and with compiled-in weights. <see cref="Of"/> says which a network gets.
    /// </summary>
    private static readonly IReadOnlyList<string> OfSomeNetworks = new[] { DropoutRandom, Buffers, GradientsPending }
        .Concat(PooledPasses.Select(ScratchLayout.PoolName))
        .Concat(OfStreamingNetwork)
        .Concat(OfNetworkWithTrainedWeights)
        .ToArray();

    /// <summary>
    /// Every name a network may get, whatever its layers: a layer's members must avoid all of them, so that adding a
    /// loss, dropout or a weights file never makes a layer name clash.
    /// </summary>
    public static readonly IReadOnlyList<string> OfNetwork = OfEveryNetwork.Concat(OfTrainableNetwork).Concat(OfSomeNetworks).ToArray();

    /// <summary>The nested struct a streaming network keeps a stream's state in.</summary>
    public const string StateType = "State";

    /// <summary>The field holding the running statistics, in networks with buffers.</summary>
    private const string Buffers = "_buffers";

    /// <summary>The field drawing the dropout masks of the training methods (<see cref="HasDropoutRandom"/>).</summary>
    private const string DropoutRandom = "_dropoutRandom";

    /// <summary>The flag <c>TrainBatch</c>'s fused SGD step checks, in trainable networks with a layer that fuses it.</summary>
    private const string GradientsPending = "_gradientsPending";

    /// <summary>Whether the network keeps a generator for its training methods' dropout masks.</summary>
    public static bool HasDropoutRandom(NetworkSpec spec) => spec.HasDropout && spec.Loss is not null;

    /// <summary>Whether the network keeps <see cref="GradientsPending"/>: it trains, and a layer fuses <c>TrainBatch</c>'s SGD step.</summary>
    public static bool TracksPendingGradients(NetworkSpec spec) => spec.Loss is not null && NetworkEmitter.FusesSgdStep(spec);

    /// <summary>
    /// The names the network itself gets (not its layers'), decided by the same tests the emitter makes: what the
    /// members of the class must avoid.
    /// </summary>
    public static IEnumerable<string> Of(NetworkSpec spec)
    {
        IEnumerable<string> names = OfEveryNetwork;
        if (spec.Loss is not null)
        {
            names = names.Concat(OfTrainableNetwork);
        }

        if (spec.BufferCount > 0)
        {
            names = names.Append(Buffers);
        }

        if (HasDropoutRandom(spec))
        {
            names = names.Append(DropoutRandom);
        }

        if (TracksPendingGradients(spec))
        {
            names = names.Append(GradientsPending);
        }

        names = names.Concat(new ScratchLayout(spec).PooledPasses().Select(pass => ScratchLayout.PoolName(pass.LengthConstant)));
        if (NetworkEmitter.StreamingLayers(spec) is not null)
        {
            names = names.Concat(OfStreamingNetwork);
        }

        if (spec.WeightsPath is not null)
        {
            names = names.Concat(OfNetworkWithTrainedWeights);
        }

        return names;
    }

    /// <summary>The methods the network gets, each overload apart: <see cref="Of"/>'s methods with their signatures.</summary>
    public static IEnumerable<GeneratedMethod> MethodsOf(NetworkSpec spec)
    {
        yield return InitializeParameters;
        yield return Forward(spec);
        yield return InferencePass(spec);
        yield return ForwardBatch(spec);
        if (NetworkEmitter.StreamingLayers(spec) is not null)
        {
            yield return Step(spec);
        }

        if (spec.WeightsPath is not null)
        {
            yield return ResetToTrainedWeights;
            yield return CopyTrainedWeights;
        }

        if (spec.Loss is not null)
        {
            yield return EvaluateBatch(spec);
            yield return ComputeLoss(spec);
            yield return Backward(spec);
            yield return AccumulateBatch(spec);
            yield return ApplyGradients(spec);
            yield return ZeroGradients;
            yield return TrainStep(spec);
            yield return TrainBatch(spec);
            yield return AccumulateGradients(spec);
            yield return AccumulateGradientsAndStatistics(spec);
        }
    }

    // The signatures, one per generated method (AccumulateGradients has two overloads), in the element type of the
    // network: the emitter declares each method with its Signature and refers to it by its Cref.
    public static GeneratedMethod InitializeParameters { get; } = Method("InitializeParameters", new GeneratedParameter("long", "seed"));

    public static GeneratedMethod ResetToTrainedWeights { get; } = Method("ResetToTrainedWeights");

    public static GeneratedMethod CopyTrainedWeights { get; } = Method("CopyTrainedWeights");

    public static GeneratedMethod ZeroGradients { get; } = Method("ZeroGradients");

    public static GeneratedMethod Forward(NetworkSpec spec) => Method("Forward", ReadOnlySpan(spec, "input"), Span(spec, "output"));

    public static GeneratedMethod InferencePass(NetworkSpec spec) => Method("InferencePass", ReadOnlySpan(spec, "input"), Span(spec, "scratch"));

    public static GeneratedMethod ForwardBatch(NetworkSpec spec) => Method("ForwardBatch", ReadOnlySpan(spec, "inputs"), Span(spec, "outputs"));

    public static GeneratedMethod Step(NetworkSpec spec)
        => Method("Step", new GeneratedParameter(StateType, "state", ByRef: true), ReadOnlySpan(spec, "frame"), Span(spec, "output"));

    public static GeneratedMethod EvaluateBatch(NetworkSpec spec)
        => Method("EvaluateBatch", ReadOnlySpan(spec, "inputs"), ReadOnlySpan(spec, "targets"), Span(spec, "outputs"));

    public static GeneratedMethod ComputeLoss(NetworkSpec spec) => Method("ComputeLoss", ReadOnlySpan(spec, "input"), ReadOnlySpan(spec, "target"));

    public static GeneratedMethod Backward(NetworkSpec spec) => Method("Backward", ReadOnlySpan(spec, "input"), ReadOnlySpan(spec, "target"));

    /// <summary>
    /// The pass every gradient goes through; it takes <c>TrainBatch</c>'s SGD step where a layer fuses it, and a
    /// dropout generator where a layer drops.
    /// </summary>
    public static GeneratedMethod AccumulateBatch(NetworkSpec spec)
    {
        var parameters = new List<GeneratedParameter>
        {
            ReadOnlySpan(spec, "inputs"), ReadOnlySpan(spec, "targets"), Span(spec, "gradients"), Span(spec, "statistics"), new("int", "batchSize"),
        };
        if (NetworkEmitter.FusesSgdStep(spec))
        {
            parameters.Add(new GeneratedParameter(spec.Numeric.Keyword() + "?", LayerContext.SgdStep));
        }

        if (spec.HasDropout)
        {
            parameters.Add(Random);
        }

        return new GeneratedMethod("AccumulateBatch", parameters);
    }

    public static GeneratedMethod ApplyGradients(NetworkSpec spec) => Method("ApplyGradients", new GeneratedParameter(spec.Numeric.Keyword(), "learningRate"));

    public static GeneratedMethod TrainStep(NetworkSpec spec)
        => Method("TrainStep", ReadOnlySpan(spec, "input"), ReadOnlySpan(spec, "target"), new GeneratedParameter(spec.Numeric.Keyword(), "learningRate"));

    public static GeneratedMethod TrainBatch(NetworkSpec spec)
        => Method("TrainBatch", ReadOnlySpan(spec, "inputs"), ReadOnlySpan(spec, "targets"), new GeneratedParameter(spec.Numeric.Keyword(), "learningRate"));

    public static GeneratedMethod AccumulateGradients(NetworkSpec spec)
        => Method("AccumulateGradients", ReadOnlySpan(spec, "inputs"), ReadOnlySpan(spec, "targets"), Span(spec, "gradients"), Random);

    /// <summary>The overload of <c>AccumulateGradients</c> that also updates running statistics.</summary>
    public static GeneratedMethod AccumulateGradientsAndStatistics(NetworkSpec spec)
        => Method("AccumulateGradients", ReadOnlySpan(spec, "inputs"), ReadOnlySpan(spec, "targets"), Span(spec, "gradients"), Span(spec, "statistics"), Random);

    private static GeneratedMethod Method(string name, params GeneratedParameter[] parameters) => new(name, parameters);

    private static GeneratedParameter ReadOnlySpan(NetworkSpec spec, string name) => new($"global::System.ReadOnlySpan<{spec.Numeric.Keyword()}>", name);

    private static GeneratedParameter Span(NetworkSpec spec, string name) => new($"global::System.Span<{spec.Numeric.Keyword()}>", name);

    private static readonly GeneratedParameter Random = new("global::GenNN.SeededRandom", "random", ByRef: true);

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
