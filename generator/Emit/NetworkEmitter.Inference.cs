using System.Linq;
using System.Threading;
using GenNN.Generator.Helpers;
using GenNN.Generator.Layers;
using GenNN.Generator.Losses;
using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary><c>Forward</c>, the single-sample inference pass it shares with <c>ComputeLoss</c>, and the blocked <c>ForwardBatch</c> / <c>EvaluateBatch</c>.</summary>
internal static partial class NetworkEmitter
{
    private static void WriteInference(SourceWriter writer, NetworkSpec spec, ScratchLayout layout, CancellationToken cancellationToken)
    {
        string t = spec.Numeric.Keyword();
        writer.Line("/// <summary>");
        string[] inferenceMode =
        {
            spec.HasDropout ? "no dropout" : string.Empty,
            spec.BufferCount > 0 ? "BatchNorm uses its running statistics" : string.Empty,
        };
        string mode = string.Join("; ", inferenceMode.Where(part => part.Length > 0));
        writer.Line($"/// Computes the network's output for one input{(mode.Length == 0 ? "." : $", in inference mode ({mode}).")}");
        writer.Line("/// Allocation-free once warm (a network too large for stack scratch rents it from a pool), and safe to call concurrently on");
        writer.Line("/// one instance: every call has its own scratch.");
        writer.Line("/// </summary>");
        writer.Line($"/// <param name=\"input\">The input, shape {spec.InputShape} flattened: <see cref=\"InputSize\"/> ({Invariant.Text(spec.InputSize)}) values.</param>");
        writer.Line($"/// <param name=\"output\">Receives the output vector, of length <see cref=\"OutputSize\"/> ({Invariant.Text(spec.OutputSize)}).</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not the one named above.</exception>");
        WriteGeneratedCode(writer);
        WriteSkipLocalsInit(writer, spec);
        writer.Line($"public void {GeneratedMembers.Forward(spec).Signature}");
        using (writer.Block())
        {
            writer.Line("global::GenNN.SpanGuard.RequireLength(input.Length, InputSize, nameof(input));");
            writer.Line("global::GenNN.SpanGuard.RequireLength(output.Length, OutputSize, nameof(output));");
            using (WriteScratch(writer, spec, layout, "ForwardScratchLength", layout.ForwardScratchLength))
            {
                writer.Line("InferencePass(input, scratch);");
                writer.Line($"global::System.ReadOnlySpan<{t}> logits = {layout.SampleValue(layout.LogitsProducer)};");
                WriteHeadActivation(writer, spec);
            }
        }

        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Runs every layer on one sample in inference mode, leaving each layer's output in <paramref name=\"scratch\"/> (of");
        writer.Line("/// <c>ForwardScratchLength</c>); the last layer's are the logits, which the output head turns into the output.");
        writer.Line("/// </summary>");
        WriteGeneratedCode(writer);
        writer.Line($"private void {GeneratedMembers.InferencePass(spec).Signature}");
        using (writer.Block())
        {
            if (layout.TemporaryLength > 0)
            {
                writer.Line($"global::System.Span<{t}> temporary = scratch.Slice(InferenceSampleLength, TemporaryLength);");
            }

            if (spec.BufferCount > 0)
            {
                writer.Line($"global::System.ReadOnlySpan<{t}> buffers = _buffers;");
            }

            WriteParameterViews(writer, spec, gradients: false);
            for (int l = 0; l < spec.Layers.Count; l++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.Line();
                writer.Line($"// {LayerContext.HeadingOf(spec.Layers[l], l + 1, spec.Layers.Count)}");
                if (WriteAliasComment(writer, spec, layout, l))
                {
                    continue;
                }

                LayerContext context = Context(spec, l, training: false);
                if (FusingEmitter(spec, l, context) is IForwardFusingLayerEmitter fusing)
                {
                    writer.Line($"// {LayerContext.HeadingOf(spec.Layers[l + 1], l + 2, spec.Layers.Count)}, in the same pass");
                    using (writer.Block())
                    {
                        fusing.EmitFusedForward(writer, context, Context(spec, l + 1, training: false), layout.Sample(l), layout.Sample(l + 1));
                    }

                    l++;
                    continue;
                }

                using (writer.Block())
                {
                    LayerCatalog.EmitterFor(spec.Layers[l]).EmitForward(writer, context, layout.Sample(l));
                }
            }
        }

        writer.Line();
    }

    /// <summary>
    /// Writes <c>ForwardBatch</c> or, given a loss, <c>EvaluateBatch</c>: the same blocked inference pass, the latter
    /// also summing each sample's loss from the logits it already has.
    /// </summary>
    private static void WriteForwardBatch(SourceWriter writer, NetworkSpec spec, ScratchLayout layout, ILossEmitter? loss, CancellationToken cancellationToken)
    {
        string t = spec.Numeric.Keyword();
        writer.Line("/// <summary>");
        if (loss is null)
        {
            writer.Line("/// Computes the outputs of a batch in inference mode, a block of <c>BatchBlockSize</c> samples at a time: each layer runs");
            writer.Line("/// over the whole block, so each weight loaded serves several samples. Allocation-free once warm, and safe to call concurrently.");
        }
        else
        {
            writer.Line($"/// Computes the outputs of a batch like <see cref=\"{GeneratedMembers.ForwardBatch(spec).Cref}\"/> (inference mode) and returns the summed");
            writer.Line($"/// {loss.DisplayName} of its samples, in one pass. Allocation-free once warm, and safe to call concurrently.");
        }

        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"inputs\">The inputs, one sample of <see cref=\"InputSize\"/> after another.</param>");
        if (loss is not null)
        {
            writer.Line("/// <param name=\"targets\">The targets, one sample of <see cref=\"OutputSize\"/> after another, as many as inputs.</param>");
        }

        writer.Line("/// <param name=\"outputs\">Receives the outputs, one sample of <see cref=\"OutputSize\"/> after another, as many as inputs.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The spans do not hold the same positive number of whole samples.</exception>");
        WriteGeneratedCode(writer);
        WriteSkipLocalsInit(writer, spec);
        writer.Line(loss is null
            ? $"public void {GeneratedMembers.ForwardBatch(spec).Signature}"
            : $"public {t} {GeneratedMembers.EvaluateBatch(spec).Signature}");
        using (writer.Block())
        {
            writer.Line("int batchSize = global::GenNN.SpanGuard.CountSamples(inputs.Length, InputSize, nameof(inputs));");
            if (loss is not null)
            {
                writer.Line("global::GenNN.SpanGuard.RequireBatchLength(targets.Length, OutputSize, batchSize, nameof(targets));");
            }

            writer.Line("global::GenNN.SpanGuard.RequireBatchLength(outputs.Length, OutputSize, batchSize, nameof(outputs));");
            using (WriteScratch(writer, spec, layout, "InferenceBlockScratchLength", layout.InferenceBlockScratchLength))
            {
                WriteBlockRegions(writer, spec, layout, training: false);
                if (spec.BufferCount > 0)
                {
                    writer.Line($"global::System.ReadOnlySpan<{t}> buffers = _buffers;");
                }

                WriteParameterViews(writer, spec, gradients: false);
                if (loss is not null)
                {
                    writer.Line($"{t} lossSum = {spec.Numeric.Literal(0)};");
                }

                writer.Line("for (int start = 0; start < batchSize; start += BatchBlockSize)");
                using (writer.Block())
                {
                    writer.Line("int count = global::System.Math.Min(BatchBlockSize, batchSize - start);");
                    writer.Line($"global::System.ReadOnlySpan<{t}> blockInputs = inputs.Slice(start * InputSize, count * InputSize);");
                    WriteBlockForward(writer, spec, layout, training: false, cancellationToken);
                    writer.Line();
                    writer.Line($"// The output head{(loss is null ? string.Empty : " and the loss")}, sample by sample: {Activations.ActivationEmitter.Describe(spec.HeadActivation)}");
                    writer.Line("for (int s = 0; s < count; s++)");
                    using (writer.Block())
                    {
                        writer.Line($"global::System.ReadOnlySpan<{t}> logits = {layout.BlockValue(layout.LogitsProducer, training: false).Sample("s")};");
                        writer.Line($"global::System.Span<{t}> output = outputs.Slice((start + s) * OutputSize, OutputSize);");
                        WriteHeadActivation(writer, spec);
                        if (loss is not null)
                        {
                            writer.Line($"global::System.ReadOnlySpan<{t}> target = targets.Slice((start + s) * OutputSize, OutputSize);");
                            loss.Emit(writer, spec.Numeric, delta: null);
                            writer.Line("lossSum += loss;");
                        }
                    }
                }

                if (loss is not null)
                {
                    writer.Line();
                    writer.Line("return lossSum;");
                }
            }
        }

        writer.Line();
    }

    /// <summary>Each layer's forward pass over the block <c>blockInputs</c> of <c>count</c> samples, in inference or training mode.</summary>
    private static void WriteBlockForward(SourceWriter writer, NetworkSpec spec, ScratchLayout layout, bool training, CancellationToken cancellationToken)
    {
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.Line();
            writer.Line($"// {LayerContext.HeadingOf(spec.Layers[l], l + 1, spec.Layers.Count)}, for the block");
            if (WriteAliasComment(writer, spec, layout, l))
            {
                continue;
            }

            LayerContext context = Context(spec, l, training);
            if (FusingEmitter(spec, l, context) is IForwardFusingLayerEmitter fusing)
            {
                writer.Line($"// {LayerContext.HeadingOf(spec.Layers[l + 1], l + 2, spec.Layers.Count)}, in the same pass");
                using (writer.Block())
                {
                    fusing.EmitFusedBlockForward(writer, context, Context(spec, l + 1, training), layout.Block(l, training, backward: false), layout.Block(l + 1, training, backward: false));
                }

                l++;
                continue;
            }

            using (writer.Block())
            {
                LayerCatalog.EmitterFor(spec.Layers[l]).EmitBlockForward(writer, context, layout.Block(l, training, backward: false));
            }
        }
    }

    /// <summary>
    /// The emitter of layer <paramref name="l"/> when its inference pass takes the next layer into it
    /// (<see cref="IForwardFusingLayerEmitter"/>), else <see langword="null"/>. Training never fuses: backward needs
    /// every layer's output.
    /// </summary>
    private static IForwardFusingLayerEmitter? FusingEmitter(NetworkSpec spec, int l, LayerContext context)
        => !context.Training && l + 1 < spec.Layers.Count && LayerCatalog.EmitterFor(spec.Layers[l]) is IForwardFusingLayerEmitter fusing && fusing.FusesForward(context, spec.Layers[l + 1])
            ? fusing
            : null;

    /// <summary>For a layer whose output is its input (Flatten), says so and returns true: it has no code.</summary>
    private static bool WriteAliasComment(SourceWriter writer, NetworkSpec spec, ScratchLayout layout, int l)
    {
        if (layout.Producers[l] == l)
        {
            return false;
        }

        writer.Line(l == spec.Layers.Count - 1 && spec.Layers[l].Activation.Kind != ActivationKind.Identity
            ? "// The output head applies this activation to the logits: nothing to compute here."
            : "// A view of the same values in another shape: nothing to compute.");
        return true;
    }

    /// <summary>The context of layer <paramref name="l"/> (0-based): the output layer leaves its activation to the head.</summary>
    private static LayerContext Context(NetworkSpec spec, int l, bool training) => Context(spec, l, spec.Layers[l], training);

    /// <summary>The context of <paramref name="layer"/> in place of layer <paramref name="l"/> (a streaming step's one-frame form of it).</summary>
    private static LayerContext Context(NetworkSpec spec, int l, LayerSpec layer, bool training)
        => new(layer, l + 1, spec.Numeric, l == spec.Layers.Count - 1 ? ActivationSpec.Identity : layer.Activation, training);
}
