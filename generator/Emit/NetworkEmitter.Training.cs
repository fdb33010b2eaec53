using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GenNN.Generator.Helpers;
using GenNN.Generator.Layers;
using GenNN.Generator.Losses;
using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary>
/// Loss, backpropagation and SGD steps; emitted only for networks that declare a loss. Every gradient goes through one
/// blocked pass, <c>AccumulateBatch</c>: each layer's training forward over a block of samples, the head and loss per
/// sample, then each layer's backward over the block, last to first. <c>Backward</c> is that pass on a block of one.
/// </summary>
internal static partial class NetworkEmitter
{
    private static void WriteTraining(SourceWriter writer, NetworkSpec spec, LossKind loss, ScratchLayout layout, CancellationToken cancellationToken)
    {
        string t = spec.Numeric.Keyword();
        ILossEmitter lossEmitter = LossEmitters.For(loss);
        string sizesDoc = "/// <exception cref=\"global::System.ArgumentException\">A span's length is not the network's input or output size.</exception>";

        writer.Line($"/// <summary>Returns the {lossEmitter.DisplayName} of one sample in inference mode, leaving the gradients untouched.</summary>");
        writer.Line(InputDoc(spec));
        writer.Line(TargetDoc(spec));
        writer.Line(sizesDoc);
        WriteGeneratedCode(writer);
        WriteSkipLocalsInit(writer, spec);
        writer.Line($"public {t} {GeneratedMembers.ComputeLoss(spec).Signature}");
        using (writer.Block())
        {
            WriteSampleGuards(writer);
            using (WriteScratch(writer, spec, layout, "ForwardScratchLength", layout.ForwardScratchLength))
            {
                writer.Line("InferencePass(input, scratch);");
                writer.Line($"global::System.ReadOnlySpan<{t}> logits = {layout.SampleValue(layout.LogitsProducer)};");
                writer.Line($"global::System.Span<{t}> output = scratch.Slice(InferenceSampleLength + TemporaryLength, OutputSize);");
                WriteHeadActivation(writer, spec);
                WriteHeadLoss(writer, spec, lossEmitter, delta: null);
                writer.Line("return loss;");
            }
        }

        writer.Line();
        writer.Line($"/// <summary>");
        string[] trainingMode =
        {
            spec.HasDropout ? "dropout drops" : string.Empty,
            spec.BufferCount > 0
                ? "BatchNorm normalizes by this one sample's statistics over its positions, and updates its running statistics where the sample has more than one value per channel (over features, every value becomes β and the statistics are left alone)"
                : string.Empty,
        };
        string mode = string.Join(", and ", trainingMode.Where(part => part.Length > 0));
        writer.Line($"/// Adds the exact gradient of one sample's {lossEmitter.DisplayName} to <see cref=\"Gradients\"/> and returns the loss."
            + (mode.Length == 0 ? string.Empty : $" A training pass: {mode}."));
        writer.Line($"/// </summary>");
        writer.Line(InputDoc(spec));
        writer.Line(TargetDoc(spec));
        writer.Line(sizesDoc);
        WriteGeneratedCode(writer);
        writer.Line($"public {t} {GeneratedMembers.Backward(spec).Signature}");
        using (writer.Block())
        {
            WriteSampleGuards(writer);
            if (FusesSgdStep(spec))
            {
                writer.Line("_gradientsPending = true;");
            }

            writer.Line($"return AccumulateBatch(input, target, _gradients, Buffers, 1{StepArgument(spec, "null")}{RandomArgument(spec, "_dropoutRandom")});");
        }

        writer.Line();
        WriteAccumulateBatch(writer, spec, lossEmitter, layout, cancellationToken);
        WriteSteps(writer, spec);
    }

    private static string InputDoc(NetworkSpec spec)
        => $"/// <param name=\"input\">The input, shape {spec.InputShape} flattened: <see cref=\"InputSize\"/> ({Invariant.Text(spec.InputSize)}) values.</param>";

    private static string TargetDoc(NetworkSpec spec)
        => $"/// <param name=\"target\">The expected output, of length <see cref=\"OutputSize\"/> ({Invariant.Text(spec.OutputSize)}).</param>";

    private static void WriteSampleGuards(SourceWriter writer)
    {
        writer.Line("global::GenNN.SpanGuard.RequireLength(input.Length, InputSize, nameof(input));");
        writer.Line("global::GenNN.SpanGuard.RequireLength(target.Length, OutputSize, nameof(target));");
    }

    /// <summary>Whether some layer takes <c>TrainBatch</c>'s SGD step in its backward pass (<see cref="ISgdStepFusingLayerEmitter"/>).</summary>
    internal static bool FusesSgdStep(NetworkSpec spec) => spec.Layers.Any(FusesSgdStep);

    private static bool FusesSgdStep(LayerSpec layer) => LayerCatalog.EmitterFor(layer) is ISgdStepFusingLayerEmitter;

    /// <summary>The argument passing <c>AccumulateBatch</c>'s SGD step size, for networks with a layer that takes it.</summary>
    private static string StepArgument(NetworkSpec spec, string step) => FusesSgdStep(spec) ? ", " + step : string.Empty;

    /// <summary>The trailing argument passing a dropout generator, for networks that have dropout.</summary>
    private static string RandomArgument(NetworkSpec spec, string random) => spec.HasDropout ? ", ref " + random : string.Empty;

    private static void WriteAccumulateBatch(SourceWriter writer, NetworkSpec spec, ILossEmitter lossEmitter, ScratchLayout layout, CancellationToken cancellationToken)
    {
        string t = spec.Numeric.Keyword();
        int layers = spec.Layers.Count;
        writer.Line("/// <summary>");
        writer.Line("/// Backpropagation for a batch whose span lengths are already checked, in blocks of <c>BatchBlockSize</c> samples:");
        writer.Line("/// each layer's training forward pass over the block, the head and loss per sample, then each layer's backward");
        writer.Line("/// pass over the block, adding parameter gradients to <paramref name=\"gradients\"/>. Running statistics are updated in");
        writer.Line("/// <paramref name=\"statistics\"/> unless it is empty." + (FusesSgdStep(spec) ? " With <paramref name=\"sgdStep\"/> (<c>TrainBatch</c> on one block), the dense" : string.Empty));
        if (FusesSgdStep(spec))
        {
            writer.Line("/// layers instead take that SGD step straight from their sums, leaving their weight gradients untouched.");
        }

        writer.Line("/// </summary>");
        WriteGeneratedCode(writer);
        WriteSkipLocalsInit(writer, spec);
        writer.Line($"private {t} {GeneratedMembers.AccumulateBatch(spec).Signature}");
        using (writer.Block())
        {
            using (WriteScratch(writer, spec, layout, "TrainingScratchLength", layout.TrainingScratchLength))
            {
                WriteBlockRegions(writer, spec, layout, training: true);
                WriteParameterViews(writer, spec, gradients: true);
                writer.Line($"{t} lossSum = {spec.Numeric.Literal(0)};");
                writer.Line("for (int start = 0; start < batchSize; start += BatchBlockSize)");
                using (writer.Block())
                {
                    writer.Line("int count = global::System.Math.Min(BatchBlockSize, batchSize - start);");
                    writer.Line($"global::System.ReadOnlySpan<{t}> blockInputs = inputs.Slice(start * InputSize, count * InputSize);");
                    WriteBlockForward(writer, spec, layout, training: true, cancellationToken);
                    writer.Line();
                    writer.Line("// The output head and the loss, sample by sample: dL/dlogits into the last layer's deltas");
                    writer.Line("for (int s = 0; s < count; s++)");
                    using (writer.Block())
                    {
                        StridedView? logitsDelta = layout.BlockDelta(layout.LogitsProducer);
                        writer.Line($"global::System.ReadOnlySpan<{t}> target = targets.Slice((start + s) * OutputSize, OutputSize);");
                        writer.Line($"global::System.ReadOnlySpan<{t}> logits = {layout.BlockValue(layout.LogitsProducer, training: true).Sample("s")};");
                        writer.Line($"global::System.Span<{t}> output = block.Slice((s * TrainingSampleLength) + ActivatedOutputOffset, OutputSize);");
                        if (logitsDelta is not null)
                        {
                            writer.Line($"global::System.Span<{t}> logitsDelta = {logitsDelta.Sample("s")};");
                        }

                        WriteHeadActivation(writer, spec);
                        WriteHeadLoss(writer, spec, lossEmitter, logitsDelta is null ? null : "logitsDelta");
                        writer.Line("lossSum += loss;");
                    }

                    for (int l = layers - 1; l >= 0; l--)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        writer.Line();
                        writer.Line($"// {LayerContext.HeadingOf(spec.Layers[l], l + 1, layers)}, backward for the block");
                        if (WriteAliasComment(writer, spec, layout, l))
                        {
                            continue;
                        }

                        BlockViews views = layout.Block(l, training: true, backward: true);
                        if (spec.Layers[l].ParameterCount == 0 && views.InputDeltas is null)
                        {
                            writer.Line("// No parameters, and the network's input needs no gradient: nothing to compute.");
                            continue;
                        }

                        using (writer.Block())
                        {
                            LayerCatalog.EmitterFor(spec.Layers[l]).EmitBlockBackward(writer, Context(spec, l, training: true), views);
                        }
                    }
                }

                writer.Line();
                writer.Line("return lossSum;");
            }
        }

        writer.Line();
    }

    private static void WriteSteps(SourceWriter writer, NetworkSpec spec)
    {
        string t = spec.Numeric.Keyword();
        writer.Line("/// <summary>Plain SGD on the accumulated gradients, <c>θ ← θ − learningRate·g</c>, then sets the gradients to zero.</summary>");
        writer.Line("/// <param name=\"learningRate\">The step size, finite and at least 0.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">The learning rate is negative, infinite or NaN.</exception>");
        WriteGeneratedCode(writer);
        writer.Line($"public void {GeneratedMembers.ApplyGradients(spec).Signature}");
        using (writer.Block())
        {
            writer.Line("global::GenNN.SpanGuard.RequireLearningRate(learningRate, nameof(learningRate));");
            writer.Line("// One pass over both buffers: each gradient is zeroed right after its use");
            writer.Line($"global::GenNN.Kernels.SgdKernel.ApplyAndClear<{t}>(_parameters, _gradients, learningRate);");
            if (FusesSgdStep(spec))
            {
                writer.Line("_gradientsPending = false;");
            }
        }

        writer.Line();
        writer.Line("/// <summary>Sets every gradient to zero.</summary>");
        WriteGeneratedCode(writer);
        writer.Line($"public void {GeneratedMembers.ZeroGradients.Signature}");
        using (writer.Block())
        {
            writer.Line("_gradients.Span.Clear();");
            if (FusesSgdStep(spec))
            {
                writer.Line("_gradientsPending = false;");
            }
        }
        writer.Line();
        writer.Line($"/// <summary>One SGD step on one sample: backward, then <see cref=\"{GeneratedMembers.ApplyGradients(spec).Cref}\"/>. Returns the loss before the update.</summary>");
        writer.Line(InputDoc(spec));
        writer.Line(TargetDoc(spec));
        writer.Line("/// <param name=\"learningRate\">The step size, finite and at least 0.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not the network's input or output size, or the learning rate is negative, infinite or NaN.</exception>");
        WriteGeneratedCode(writer);
        writer.Line($"public {t} {GeneratedMembers.TrainStep(spec).Signature}");
        using (writer.Block())
        {
            writer.Line("global::GenNN.SpanGuard.RequireLearningRate(learningRate, nameof(learningRate));");
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
        writer.Line("/// <param name=\"learningRate\">The step size, finite and at least 0.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The spans do not hold the same positive number of whole samples, or the learning rate is negative, infinite or NaN.</exception>");
        WriteGeneratedCode(writer);
        writer.Line($"public {t} {GeneratedMembers.TrainBatch(spec).Signature}");
        using (writer.Block())
        {
            writer.Line("global::GenNN.SpanGuard.RequireLearningRate(learningRate, nameof(learningRate));");
            writer.Line("int batchSize = global::GenNN.SpanGuard.CountSamples(inputs.Length, InputSize, nameof(inputs));");
            writer.Line("global::GenNN.SpanGuard.RequireBatchLength(targets.Length, OutputSize, batchSize, nameof(targets));");
            if (FusesSgdStep(spec))
            {
                writer.Line($"{t} step = learningRate / batchSize;");
                writer.Line("if (batchSize > BatchBlockSize || _gradientsPending)");
                using (writer.Block())
                {
                    writer.Line("// Gradients summed over several blocks, or added to pending ones: accumulate, then step");
                    writer.Line("_gradientsPending = true;");
                    writer.Line($"{t} summedLoss = AccumulateBatch(inputs, targets, _gradients, Buffers, batchSize, null{RandomArgument(spec, "_dropoutRandom")});");
                    writer.Line("ApplyGradients(step);");
                    writer.Line("return summedLoss / batchSize;");
                }

                writer.Line();
                writer.Line("// One block, no gradients pending: the dense layers step straight from the block's sums, never reading or");
                writer.Line("// writing their weight gradients");
                writer.Line($"{t} lossSum = AccumulateBatch(inputs, targets, _gradients, Buffers, batchSize, step{RandomArgument(spec, "_dropoutRandom")});");
                WriteUnfusedSteps(writer, spec);
            }
            else
            {
                writer.Line($"{t} lossSum = AccumulateBatch(inputs, targets, _gradients, Buffers, batchSize{RandomArgument(spec, "_dropoutRandom")});");
                writer.Line("ApplyGradients(learningRate / batchSize);");
            }

            writer.Line("return lossSum / batchSize;");
        }

        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Adds the loss gradients of a batch to <paramref name=\"gradients\"/>, a buffer of <see cref=\"ParameterCount\"/> the caller");
        writer.Line("/// owns, and returns the summed loss. It only reads the network (running statistics are left alone), so workers with");
        writer.Line("/// their own buffers may call it concurrently (data-parallel training).");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"inputs\">The inputs, one sample of <see cref=\"InputSize\"/> after another.</param>");
        writer.Line("/// <param name=\"targets\">The targets, one sample of <see cref=\"OutputSize\"/> after another, as many as inputs.</param>");
        writer.Line("/// <param name=\"gradients\">Receives the summed gradients, added to what it holds.</param>");
        writer.Line(spec.HasDropout
            ? "/// <param name=\"random\">Draws the dropout masks: the same generator state gives the same masks.</param>"
            : "/// <param name=\"random\">Draws dropout masks; this network has no dropout and leaves it untouched.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The spans do not hold the same positive number of whole samples, or the buffer's length is not <see cref=\"ParameterCount\"/>.</exception>");
        WriteGeneratedCode(writer);
        writer.Line($"public {t} {GeneratedMembers.AccumulateGradients(spec).Signature}");
        writer.Line("    => AccumulateGradients(inputs, targets, gradients, default, ref random);");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line($"/// Like <see cref=\"{GeneratedMembers.AccumulateGradients(spec).Cref}\"/>,");
        writer.Line("/// and also updates the running statistics in <paramref name=\"statistics\"/>: <see cref=\"Buffers\"/> or a copy of it, or empty to");
        writer.Line("/// leave them alone.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"inputs\">The inputs, one sample of <see cref=\"InputSize\"/> after another.</param>");
        writer.Line("/// <param name=\"targets\">The targets, one sample of <see cref=\"OutputSize\"/> after another, as many as inputs.</param>");
        writer.Line("/// <param name=\"gradients\">Receives the summed gradients, added to what it holds.</param>");
        writer.Line("/// <param name=\"statistics\">The running statistics to update, of <see cref=\"BufferCount\"/> values, or empty.</param>");
        writer.Line(spec.HasDropout
            ? "/// <param name=\"random\">Draws the dropout masks: the same generator state gives the same masks.</param>"
            : "/// <param name=\"random\">Draws dropout masks; this network has no dropout and leaves it untouched.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The spans do not hold the same positive number of whole samples, or a buffer's length is wrong.</exception>");
        WriteGeneratedCode(writer);
        writer.Line($"public {t} {GeneratedMembers.AccumulateGradientsAndStatistics(spec).Signature}");
        using (writer.Block())
        {
            writer.Line("int batchSize = global::GenNN.SpanGuard.CountSamples(inputs.Length, InputSize, nameof(inputs));");
            writer.Line("global::GenNN.SpanGuard.RequireBatchLength(targets.Length, OutputSize, batchSize, nameof(targets));");
            writer.Line("global::GenNN.SpanGuard.RequireLength(gradients.Length, ParameterCount, nameof(gradients));");
            writer.Line("if (!statistics.IsEmpty)");
            using (writer.Block())
            {
                writer.Line("global::GenNN.SpanGuard.RequireLength(statistics.Length, BufferCount, nameof(statistics));");
            }

            writer.Line($"return AccumulateBatch(inputs, targets, gradients, statistics, batchSize{StepArgument(spec, "null")}{RandomArgument(spec, "random")});");
        }

        writer.Line();
    }

    /// <summary>
    /// <c>TrainBatch</c>'s SGD step on the parameters of the layers that did not take it in <c>AccumulateBatch</c>: one
    /// <c>ApplyAndClear</c> per run of such layers, whose parameters are contiguous.
    /// </summary>
    private static void WriteUnfusedSteps(SourceWriter writer, NetworkSpec spec)
    {
        string t = spec.Numeric.Keyword();
        var run = new List<LayerSpec>();
        bool any = false;
        foreach (LayerSpec layer in spec.Layers)
        {
            if (FusesSgdStep(layer))
            {
                any |= WriteStepOver(writer, t, run);
                run.Clear();
            }
            else if (layer.ParameterCount > 0)
            {
                run.Add(layer);
            }
        }

        any |= WriteStepOver(writer, t, run);
        if (!any)
        {
            writer.Line("// Every layer took its SGD step in AccumulateBatch, straight from its sums");
        }
    }

    /// <summary>Steps the parameters of <paramref name="run"/>, consecutive layers; returns whether there were any.</summary>
    private static bool WriteStepOver(SourceWriter writer, string t, List<LayerSpec> run)
    {
        if (run.Count == 0)
        {
            return false;
        }

        string start = run[0].Name + run[0].Tensors[0].MemberSuffix + "Offset";
        string length = Invariant.Text(run.Sum(layer => layer.ParameterCount));
        writer.Line($"// SGD on the gradients AccumulateBatch summed: {string.Join(", ", run.Select(layer => "'" + layer.Name + "'"))}");
        writer.Line($"global::GenNN.Kernels.SgdKernel.ApplyAndClear<{t}>(_parameters.Span.Slice({start}, {length}), _gradients.Span.Slice({start}, {length}), step);");
        return true;
    }
}
