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
            writer.Line("ForwardPass(input, hidden, logits, output);");
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
            writer.Line("return BackwardCore(input, target);");
        }

        writer.Line();
        WriteBackwardCore(writer, spec, lossEmitter, cancellationToken);
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

    private static void WriteBackwardCore(SourceWriter writer, NetworkSpec spec, ILossEmitter lossEmitter, CancellationToken cancellationToken)
    {
        string t = spec.Numeric.Keyword();
        int layers = spec.Layers.Count;
        writer.Line("/// <summary>Backpropagation for one sample whose span lengths are already checked: forward, loss, then each layer from the output down.</summary>");
        WriteGeneratedCode(writer);
        writer.Line($"private {t} BackwardCore(global::System.ReadOnlySpan<{t}> input, global::System.ReadOnlySpan<{t}> target)");
        using (writer.Block())
        {
            writer.Line($"global::System.Span<{t}> hidden = stackalloc {t}[HiddenActivationLength];");
            writer.Line($"global::System.Span<{t}> logits = stackalloc {t}[OutputSize];");
            writer.Line($"global::System.Span<{t}> output = stackalloc {t}[OutputSize];");
            writer.Line($"global::System.Span<{t}> deltas = stackalloc {t}[DeltaLength];");
            writer.Line("ForwardPass(input, hidden, logits, output);");
            writer.Line($"global::System.ReadOnlySpan<{t}> parameters = _parameters;");
            writer.Line($"global::System.Span<{t}> gradients = _gradients;");
            for (int index = 1; index < layers; index++)
            {
                LayerSpec hiddenLayer = spec.Layers[index - 1];
                writer.Line($"global::System.ReadOnlySpan<{t}> {NetworkLayout.ActivationName(spec, index)} = hidden.Slice({hiddenLayer.Name}ActivationOffset, {hiddenLayer.Name}Size);");
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
                WriteBackwardViews(writer, spec, index);
                var context = new LayerEmitContext(
                    layer,
                    index,
                    layers,
                    spec.Numeric,
                    Input: NetworkLayout.ActivationName(spec, index - 1),
                    Output: NetworkLayout.ActivationName(spec, index),
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
            writer.Line($"{t} lossSum = {spec.Numeric.Literal(0)};");
            writer.Line("for (int sample = 0; sample < batchSize; sample++)");
            using (writer.Block())
            {
                writer.Line("lossSum += BackwardCore(inputs.Slice(sample * InputSize, InputSize), targets.Slice(sample * OutputSize, OutputSize));");
            }

            writer.Line();
            writer.Line("ApplyGradients(learningRate / batchSize);");
            writer.Line("return lossSum / batchSize;");
        }

        writer.Line();
    }
}
