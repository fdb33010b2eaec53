using System.Threading;
using GenNN.Generator.Helpers;
using GenNN.Generator.Layers;
using GenNN.Generator.Losses;
using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary>Loss, backpropagation and SGD steps; emitted only for networks that declare a loss.</summary>
internal static partial class NetworkEmitter
{
    private static void WriteTraining(SourceWriter writer, NetworkSpec spec, LossKind loss, NetworkLayout layout, CancellationToken cancellationToken)
    {
        string t = spec.Numeric.Keyword();
        ILossEmitter lossEmitter = LossEmitters.For(loss);
        string sizesDoc = "/// <exception cref=\"global::System.ArgumentException\">A span's length is not the network's input or output size.</exception>";

        writer.Line($"/// <summary>Returns the {lossEmitter.DisplayName} of one sample, leaving the gradients untouched.</summary>");
        writer.Line(InputDoc(spec));
        writer.Line(TargetDoc(spec));
        writer.Line(sizesDoc);
        WriteGeneratedCode(writer);
        writer.Line($"public {t} ComputeLoss(global::System.ReadOnlySpan<{t}> input, global::System.ReadOnlySpan<{t}> target)");
        using (writer.Block())
        {
            WriteSampleGuards(writer);
            writer.Line($"global::System.Span<{t}> hidden = stackalloc {t}[HiddenActivationLength];");
            writer.Line($"global::System.Span<{t}> logits = stackalloc {t}[OutputSize];");
            writer.Line($"global::System.Span<{t}> output = stackalloc {t}[OutputSize];");
            WriteInferencePass(writer, spec);
            lossEmitter.Emit(writer, spec.Numeric, delta: null);
            writer.Line("return loss;");
        }

        writer.Line();
        writer.Line($"/// <summary>Adds the exact gradient of one sample's {lossEmitter.DisplayName} to <see cref=\"Gradients\"/> and returns the loss.</summary>");
        writer.Line(InputDoc(spec));
        writer.Line(TargetDoc(spec));
        writer.Line(sizesDoc);
        WriteGeneratedCode(writer);
        writer.Line($"public {t} Backward(global::System.ReadOnlySpan<{t}> input, global::System.ReadOnlySpan<{t}> target)");
        using (writer.Block())
        {
            WriteSampleGuards(writer);
            writer.Line($"return BackwardCore(input, target, _gradients{RandomArgument(spec, "_dropoutRandom")});");
        }

        writer.Line();
        WriteBackwardCore(writer, spec, lossEmitter, layout, cancellationToken);
        WriteAccumulateBatch(writer, spec, lossEmitter, layout, cancellationToken);
        WriteSteps(writer, spec);
    }

    private static string InputDoc(NetworkSpec spec)
        => $"/// <param name=\"input\">The input vector, of length <see cref=\"InputSize\"/> ({Invariant.Text(spec.InputSize)}).</param>";

    private static string TargetDoc(NetworkSpec spec)
        => $"/// <param name=\"target\">The expected output, of length <see cref=\"OutputSize\"/> ({Invariant.Text(spec.OutputSize)}).</param>";

    private static void WriteSampleGuards(SourceWriter writer)
    {
        writer.Line("global::GenNN.SpanGuard.RequireLength(input.Length, InputSize, nameof(input));");
        writer.Line("global::GenNN.SpanGuard.RequireLength(target.Length, OutputSize, nameof(target));");
    }

    /// <summary>The trailing argument passing a dropout generator, for networks that have dropout.</summary>
    private static string RandomArgument(NetworkSpec spec, string random) => spec.HasDropout ? ", ref " + random : string.Empty;

    private static void WriteBackwardCore(SourceWriter writer, NetworkSpec spec, ILossEmitter lossEmitter, NetworkLayout layout, CancellationToken cancellationToken)
    {
        string t = spec.Numeric.Keyword();
        int layers = spec.Layers.Count;
        writer.Line("/// <summary>");
        writer.Line("/// Backpropagation for one sample whose span lengths are already checked: forward, loss, then each layer from the");
        writer.Line("/// output down, adding the parameter gradients to <paramref name=\"gradients\"/>.");
        writer.Line("/// </summary>");
        WriteGeneratedCode(writer);
        string randomParameter = spec.HasDropout ? ", ref global::GenNN.SeededRandom random" : string.Empty;
        writer.Line($"private {t} BackwardCore(global::System.ReadOnlySpan<{t}> input, global::System.ReadOnlySpan<{t}> target, global::System.Span<{t}> gradients{randomParameter})");
        using (writer.Block())
        {
            writer.Line($"global::System.Span<{t}> hidden = stackalloc {t}[HiddenActivationLength];");
            writer.Line($"global::System.Span<{t}> logits = stackalloc {t}[OutputSize];");
            writer.Line($"global::System.Span<{t}> output = stackalloc {t}[OutputSize];");
            writer.Line($"global::System.Span<{t}> deltas = stackalloc {t}[DeltaLength];");
            if (spec.HasDropout)
            {
                writer.Line($"global::System.Span<{t}> masks = stackalloc {t}[MaskLength];");
                writer.Line("ForwardPass(input, hidden, logits, output, masks, ref random);");
            }
            else
            {
                writer.Line("ForwardPass(input, hidden, logits, output);");
            }

            writer.Line($"global::System.ReadOnlySpan<{t}> parameters = _parameters;");
            for (int index = 1; index < layers; index++)
            {
                LayerSpec hiddenLayer = spec.Layers[index - 1];
                writer.Line($"global::System.ReadOnlySpan<{t}> {layout.OutputOf(index)} = hidden.Slice({hiddenLayer.Name}ActivationOffset, {hiddenLayer.Name}Size);");
                if (hiddenLayer.HasDropout)
                {
                    writer.Line($"global::System.ReadOnlySpan<{t}> {NetworkLayout.RetainedName(index)} = hidden.Slice({hiddenLayer.Name}RetainedOffset, {hiddenLayer.Name}Size);");
                }
            }

            for (int index = 1; index <= layers; index++)
            {
                LayerSpec layer = spec.Layers[index - 1];
                writer.Line($"global::System.Span<{t}> {NetworkLayout.DeltaName(index)} = deltas.Slice({layer.Name}DeltaOffset, {layer.Name}Size);");
            }

            writer.Line();
            lossEmitter.Emit(writer, spec.Numeric, NetworkLayout.DeltaName(layers));
            for (int index = layers; index >= 1; index--)
            {
                cancellationToken.ThrowIfCancellationRequested();
                LayerSpec layer = spec.Layers[index - 1];
                writer.Line();
                writer.Line($"// {LayerEmitContext.HeadingOf(layer, index, layers)}, backward");
                if (layer.HasDropout)
                {
                    WriteDropoutBackward(writer, spec, index);
                }

                WriteBackwardViews(writer, spec, index);
                var context = new LayerEmitContext(
                    layer,
                    index,
                    layers,
                    spec.Numeric,
                    Input: layout.InputOf(index),
                    Output: layout.OutputOf(index),
                    Logits: null,
                    Delta: NetworkLayout.DeltaName(index),
                    DeltaIsPreActivation: index == layers && lossEmitter.GradientIsPreActivation,
                    InputDelta: index > 1 ? NetworkLayout.DeltaName(index - 1) : null);
                LayerCatalog.EmitterFor(layer).EmitBackward(writer, context);
            }

            writer.Line();
            writer.Line("return loss;");
        }

        writer.Line();
    }

    private static void WriteSteps(SourceWriter writer, NetworkSpec spec)
    {
        string t = spec.Numeric.Keyword();
        writer.Line("/// <summary>Plain SGD on the accumulated gradients, <c>θ ← θ − learningRate·g</c>, then sets the gradients to zero.</summary>");
        writer.Line("/// <param name=\"learningRate\">The step size.</param>");
        WriteGeneratedCode(writer);
        writer.Line($"public void ApplyGradients({t} learningRate)");
        using (writer.Block())
        {
            writer.Line($"global::System.Span<{t}> parameters = _parameters;");
            writer.Line($"global::System.Span<{t}> gradients = _gradients;");
            writer.Line($"{TensorPrimitivesSyntax.Call(spec.Numeric, "MultiplyAdd")}(gradients, -learningRate, parameters, parameters);");
            writer.Line("gradients.Clear();");
        }

        writer.Line();
        writer.Line("/// <summary>Sets every gradient to zero.</summary>");
        WriteGeneratedCode(writer);
        writer.Line("public void ZeroGradients() => Gradients.Clear();");
        writer.Line();
        writer.Line("/// <summary>One SGD step on one sample: backward, then <see cref=\"ApplyGradients\"/>. Returns the loss before the update.</summary>");
        writer.Line(InputDoc(spec));
        writer.Line(TargetDoc(spec));
        writer.Line("/// <param name=\"learningRate\">The step size.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not the network's input or output size.</exception>");
        WriteGeneratedCode(writer);
        writer.Line($"public {t} TrainStep(global::System.ReadOnlySpan<{t}> input, global::System.ReadOnlySpan<{t}> target, {t} learningRate)");
        using (writer.Block())
        {
            writer.Line($"{t} loss = Backward(input, target);");
            writer.Line("ApplyGradients(learningRate);");
            writer.Line("return loss;");
        }

        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// One SGD step on a minibatch: accumulates every sample's gradient, averages (the step uses");
        writer.Line("/// <c>learningRate / batchSize</c>), updates, and zeroes the gradients. Returns the batch's mean loss before the update.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"inputs\">The batch's inputs, one sample of <see cref=\"InputSize\"/> after another.</param>");
        writer.Line("/// <param name=\"targets\">The batch's targets, one sample of <see cref=\"OutputSize\"/> after another, as many as inputs.</param>");
        writer.Line("/// <param name=\"learningRate\">The step size.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The spans do not hold the same positive number of whole samples.</exception>");
        WriteGeneratedCode(writer);
        writer.Line($"public {t} TrainBatch(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<{t}> targets, {t} learningRate)");
        using (writer.Block())
        {
            writer.Line("int batchSize = global::GenNN.SpanGuard.CountSamples(inputs.Length, InputSize, nameof(inputs));");
            writer.Line("global::GenNN.SpanGuard.RequireBatchLength(targets.Length, OutputSize, batchSize, nameof(targets));");
            writer.Line($"{t} lossSum = AccumulateBatch(inputs, targets, _gradients, batchSize{RandomArgument(spec, "_dropoutRandom")});");
            writer.Line("ApplyGradients(learningRate / batchSize);");
            writer.Line("return lossSum / batchSize;");
        }

        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Adds the loss gradients of a batch to <paramref name=\"gradients\"/>, a buffer of <see cref=\"ParameterCount\"/> the caller");
        writer.Line("/// owns, and returns the summed loss. It only reads the parameters, so workers with their own buffers may call it");
        writer.Line("/// concurrently (data-parallel training).");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"inputs\">The inputs, one sample of <see cref=\"InputSize\"/> after another.</param>");
        writer.Line("/// <param name=\"targets\">The targets, one sample of <see cref=\"OutputSize\"/> after another, as many as inputs.</param>");
        writer.Line("/// <param name=\"gradients\">Receives the summed gradients, added to what it holds.</param>");
        writer.Line(spec.HasDropout
            ? "/// <param name=\"random\">Draws the dropout masks: the same generator state gives the same masks.</param>"
            : "/// <param name=\"random\">Draws dropout masks; this network has no dropout and leaves it untouched.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The spans do not hold the same positive number of whole samples, or the buffer's length is not <see cref=\"ParameterCount\"/>.</exception>");
        WriteGeneratedCode(writer);
        writer.Line($"public {t} AccumulateGradients(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<{t}> targets, global::System.Span<{t}> gradients, ref global::GenNN.SeededRandom random)");
        using (writer.Block())
        {
            writer.Line("int batchSize = global::GenNN.SpanGuard.CountSamples(inputs.Length, InputSize, nameof(inputs));");
            writer.Line("global::GenNN.SpanGuard.RequireBatchLength(targets.Length, OutputSize, batchSize, nameof(targets));");
            writer.Line("global::GenNN.SpanGuard.RequireLength(gradients.Length, ParameterCount, nameof(gradients));");
            writer.Line($"return AccumulateBatch(inputs, targets, gradients, batchSize{RandomArgument(spec, "random")});");
        }

        writer.Line();
    }
}
