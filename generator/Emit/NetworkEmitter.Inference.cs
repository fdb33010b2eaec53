using System.Threading;
using GenNN.Generator.Helpers;
using GenNN.Generator.Layers;
using GenNN.Generator.Losses;
using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary><c>Forward</c> and the forward pass it shares with training.</summary>
internal static partial class NetworkEmitter
{
    private static void WriteInference(SourceWriter writer, NetworkSpec spec, NetworkLayout layout, CancellationToken cancellationToken)
    {
        string t = spec.Numeric.Keyword();
        writer.Line("/// <summary>");
        writer.Line("/// Computes the network's output for one input. Allocates nothing, and is safe to call concurrently on one");
        writer.Line("/// instance: every intermediate value lives on the calling thread's stack.");
        writer.Line("/// </summary>");
        writer.Line($"/// <param name=\"input\">The input vector, of length <see cref=\"InputSize\"/> ({Invariant.Text(spec.InputSize)}).</param>");
        writer.Line($"/// <param name=\"output\">Receives the output vector, of length <see cref=\"OutputSize\"/> ({Invariant.Text(spec.OutputSize)}).</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not the one named above.</exception>");
        WriteGeneratedCode(writer);
        writer.Line($"public void Forward(global::System.ReadOnlySpan<{t}> input, global::System.Span<{t}> output)");
        using (writer.Block())
        {
            writer.Line("global::GenNN.SpanGuard.RequireLength(input.Length, InputSize, nameof(input));");
            writer.Line("global::GenNN.SpanGuard.RequireLength(output.Length, OutputSize, nameof(output));");
            writer.Line($"global::System.Span<{t}> hidden = stackalloc {t}[HiddenActivationLength];");
            writer.Line($"global::System.Span<{t}> logits = stackalloc {t}[OutputSize];");
            WriteInferencePass(writer, spec);
        }

        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Runs every layer: hidden activations go to <paramref name=\"hidden\"/>, the output layer's pre-activations to");
        writer.Line("/// <paramref name=\"logits\"/> (the fused losses need them) and its activations to <paramref name=\"output\"/>.");
        if (spec.HasDropout)
        {
            writer.Line("/// A training pass gives <paramref name=\"masks\"/> and draws the dropout masks into it from <paramref name=\"random\"/>;");
            writer.Line("/// an inference pass gives an empty span and drops nothing.");
        }

        writer.Line("/// </summary>");
        WriteGeneratedCode(writer);
        string dropoutParameters = spec.HasDropout ? $", global::System.Span<{t}> masks, ref global::GenNN.SeededRandom random" : string.Empty;
        writer.Line($"private void ForwardPass(global::System.ReadOnlySpan<{t}> input, global::System.Span<{t}> hidden, global::System.Span<{t}> logits, global::System.Span<{t}> output{dropoutParameters})");
        using (writer.Block())
        {
            writer.Line($"global::System.ReadOnlySpan<{t}> parameters = _parameters;");
            if (System.Linq.Enumerable.Any(spec.Layers, layer => layer.Strategy == CodeStrategy.Unrolled))
            {
                writer.Line($"{t} z; // the running pre-activation of the unrolled layers");
            }
            for (int index = 1; index <= spec.Layers.Count; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                LayerSpec layer = spec.Layers[index - 1];
                bool isOutput = index == spec.Layers.Count;
                writer.Line();
                writer.Line($"// {LayerEmitContext.HeadingOf(layer, index, spec.Layers.Count)}");
                WriteParameterViews(writer, spec, index);
                if (!isOutput)
                {
                    writer.Line($"global::System.Span<{t}> {layout.OutputOf(index)} = hidden.Slice({layer.Name}ActivationOffset, {layer.Name}Size);");
                }

                var context = new LayerEmitContext(
                    layer,
                    index,
                    spec.Layers.Count,
                    spec.Numeric,
                    Input: layout.InputOf(index),
                    Output: layout.OutputOf(index),
                    Logits: isOutput ? "logits" : null,
                    Delta: NetworkLayout.DeltaName(index),
                    DeltaIsPreActivation: false,
                    InputDelta: null);
                LayerCatalog.EmitterFor(layer).EmitForward(writer, context);
                if (layer.HasDropout)
                {
                    WriteDropoutForward(writer, spec, layout, index);
                }
            }
        }

        writer.Line();
    }

    /// <summary>
    /// Writes <c>ForwardBatch</c> or, given a loss, <c>EvaluateBatch</c>: the same blocked inference pass, the latter
    /// also summing each sample's loss from the logits it already has.
    /// </summary>
    private static void WriteForwardBatch(SourceWriter writer, NetworkSpec spec, ILossEmitter? loss, CancellationToken cancellationToken)
    {
        string t = spec.Numeric.Keyword();
        int layers = spec.Layers.Count;
        writer.Line("/// <summary>");
        if (loss is null)
        {
            writer.Line("/// Computes the outputs of a batch, a block of <c>BatchBlockSize</c> samples at a time: each layer runs over the whole");
            writer.Line("/// block, so each weight loaded serves several samples. Allocates nothing and is safe to call concurrently.");
        }
        else
        {
            writer.Line($"/// Computes the outputs of a batch like <see cref=\"ForwardBatch\"/> (inference mode: no dropout) and returns the summed");
            writer.Line($"/// {loss.DisplayName} of its samples, in one pass. Allocates nothing and is safe to call concurrently.");
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
        writer.Line(loss is null
            ? $"public void ForwardBatch(global::System.ReadOnlySpan<{t}> inputs, global::System.Span<{t}> outputs)"
            : $"public {t} EvaluateBatch(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<{t}> targets, global::System.Span<{t}> outputs)");
        using (writer.Block())
        {
            writer.Line("int batchSize = global::GenNN.SpanGuard.CountSamples(inputs.Length, InputSize, nameof(inputs));");
            if (loss is not null)
            {
                writer.Line("global::GenNN.SpanGuard.RequireBatchLength(targets.Length, OutputSize, batchSize, nameof(targets));");
            }

            writer.Line("global::GenNN.SpanGuard.RequireBatchLength(outputs.Length, OutputSize, batchSize, nameof(outputs));");
            writer.Line($"global::System.Span<{t}> hiddenBlock = stackalloc {t}[BatchBlockSize * HiddenActivationLength];");
            writer.Line($"global::System.Span<{t}> logitsBlock = stackalloc {t}[BatchBlockSize * OutputSize];");
            writer.Line($"global::System.ReadOnlySpan<{t}> parameters = _parameters;");
            for (int index = 1; index <= layers; index++)
            {
                WriteParameterViews(writer, spec, index);
            }

            if (loss is not null)
            {
                writer.Line($"{t} lossSum = {spec.Numeric.Literal(0)};");
            }

            writer.Line("for (int start = 0; start < batchSize; start += BatchBlockSize)");
            using (writer.Block())
            {
                writer.Line("int count = global::System.Math.Min(BatchBlockSize, batchSize - start);");
                writer.Line($"global::System.ReadOnlySpan<{t}> blockInputs = inputs.Slice(start * InputSize, count * InputSize);");
                WriteBlockForward(writer, spec, layout: null, cancellationToken);
                writer.Line();
                writer.Line($"// The output activation{(loss is null ? string.Empty : " and the loss")}, sample by sample: {Activations.ActivationEmitter.Describe(spec.OutputLayer.Activation)}");
                writer.Line("for (int s = 0; s < count; s++)");
                using (writer.Block())
                {
                    writer.Line($"global::System.ReadOnlySpan<{t}> logits = logitsBlock.Slice(s * OutputSize, OutputSize);");
                    writer.Line($"global::System.Span<{t}> output = outputs.Slice((start + s) * OutputSize, OutputSize);");
                    WriteOutputActivation(writer, spec);
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

        writer.Line();
    }

    /// <summary>Calls the forward pass in inference mode (no dropout) on the spans <c>input</c>, <c>hidden</c>, <c>logits</c>, <c>output</c>.</summary>
    private static void WriteInferencePass(SourceWriter writer, NetworkSpec spec)
    {
        if (spec.HasDropout)
        {
            writer.Line("var unusedRandom = default(global::GenNN.SeededRandom);");
            writer.Line("ForwardPass(input, hidden, logits, output, default, ref unusedRandom);");
        }
        else
        {
            writer.Line("ForwardPass(input, hidden, logits, output);");
        }
    }
}
