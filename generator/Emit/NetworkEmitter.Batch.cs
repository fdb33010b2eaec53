using System.Threading;
using GenNN.Generator.Helpers;
using GenNN.Generator.Layers;
using GenNN.Generator.Losses;
using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary>
/// Backpropagation over a minibatch, a block of samples at a time: each layer's forward pass for the whole block,
/// the loss sample by sample, then each layer's backward for the whole block, so the forward pass loads each weight
/// once per few samples and the parameter-gradient pass — the bulk of the memory traffic — loads and stores each
/// gradient element once per block (<c>GenNN.Kernels.DenseBatchKernel</c>).
/// </summary>
internal static partial class NetworkEmitter
{
    /// <summary>Samples per block: as many as fit 256 KiB of stack scratch, at most 32.</summary>
    public static int BatchBlockSize(NetworkSpec spec, NetworkLayout layout)
    {
        int bytesPerValue = spec.Numeric == NumericType.Single ? sizeof(float) : sizeof(double);
        long perSample = (long)(layout.HiddenActivationLength + (2 * spec.OutputSize) + layout.DeltaLength + layout.MaskLength) * bytesPerValue;
        return (int)System.Math.Max(1, System.Math.Min(32, (256 * 1024) / perSample));
    }

    private static void WriteAccumulateBatch(SourceWriter writer, NetworkSpec spec, ILossEmitter lossEmitter, NetworkLayout layout, CancellationToken cancellationToken)
    {
        string t = spec.Numeric.Keyword();
        int layers = spec.Layers.Count;
        writer.Line("/// <summary>");
        writer.Line("/// Backpropagation for a batch whose span lengths are already checked, in blocks of <c>BatchBlockSize</c> samples:");
        writer.Line("/// each layer's forward pass for the whole block, the loss per sample, then each layer's backward pass for the");
        writer.Line("/// whole block. Adds the gradients to <paramref name=\"gradients\"/> and returns the summed loss.");
        writer.Line("/// </summary>");
        WriteGeneratedCode(writer);
        string randomParameter = spec.HasDropout ? ", ref global::GenNN.SeededRandom random" : string.Empty;
        writer.Line($"private {t} AccumulateBatch(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<{t}> targets, global::System.Span<{t}> gradients, int batchSize{randomParameter})");
        using (writer.Block())
        {
            writer.Line($"global::System.Span<{t}> hiddenBlock = stackalloc {t}[BatchBlockSize * HiddenActivationLength];");
            writer.Line($"global::System.Span<{t}> logitsBlock = stackalloc {t}[BatchBlockSize * OutputSize];");
            writer.Line($"global::System.Span<{t}> outputBlock = stackalloc {t}[BatchBlockSize * OutputSize];");
            writer.Line($"global::System.Span<{t}> deltaBlock = stackalloc {t}[BatchBlockSize * DeltaLength];");
            if (spec.HasDropout)
            {
                writer.Line($"global::System.Span<{t}> maskBlock = stackalloc {t}[BatchBlockSize * MaskLength];");
            }

            writer.Line($"global::System.ReadOnlySpan<{t}> parameters = _parameters;");
            for (int index = 1; index <= layers; index++)
            {
                WriteParameterViews(writer, spec, index);
                WriteGradientViews(writer, spec, index);
            }

            writer.Line($"{t} lossSum = {spec.Numeric.Literal(0)};");
            writer.Line("for (int start = 0; start < batchSize; start += BatchBlockSize)");
            using (writer.Block())
            {
                writer.Line("int count = global::System.Math.Min(BatchBlockSize, batchSize - start);");
                writer.Line($"global::System.ReadOnlySpan<{t}> blockInputs = inputs.Slice(start * InputSize, count * InputSize);");
                writer.Line();
                WriteBlockForward(writer, spec, layout, cancellationToken);
                writer.Line();
                writer.Line("// Output activation and loss, sample by sample");
                writer.Line("for (int s = 0; s < count; s++)");
                using (writer.Block())
                {
                    writer.Line($"global::System.ReadOnlySpan<{t}> target = targets.Slice((start + s) * OutputSize, OutputSize);");
                    writer.Line($"global::System.ReadOnlySpan<{t}> logits = logitsBlock.Slice(s * OutputSize, OutputSize);");
                    writer.Line($"global::System.Span<{t}> output = outputBlock.Slice(s * OutputSize, OutputSize);");
                    WriteSampleDelta(writer, spec, layers);
                    WriteOutputActivation(writer, spec);
                    lossEmitter.Emit(writer, spec.Numeric, NetworkLayout.DeltaName(layers));
                    writer.Line("lossSum += loss;");
                }

                for (int index = layers; index >= 1; index--)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    WriteLayerBlockBackward(writer, spec, lossEmitter, layout, index);
                }
            }

            writer.Line();
            writer.Line("return lossSum;");
        }

        writer.Line();
    }

    /// <summary>
    /// The forward pass over the block, layer by layer through the batch kernels (each weight loaded once per few
    /// samples), keeping every activation in <c>hiddenBlock</c>. Given a <paramref name="layout"/> it is training's
    /// pass: dropout masks are drawn layer by layer, sample by sample, and the next layer reads the retained copy;
    /// without one (inference) nothing is dropped.
    /// </summary>
    private static void WriteBlockForward(SourceWriter writer, NetworkSpec spec, NetworkLayout? layout, CancellationToken cancellationToken)
    {
        string t = spec.Numeric.Keyword();
        int layers = spec.Layers.Count;
        for (int index = 1; index <= layers; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            LayerSpec layer = spec.Layers[index - 1];
            bool isOutput = index == layers;
            writer.Line();
            writer.Line($"// {LayerEmitContext.HeadingOf(layer, index, layers)}, for the block");
            var context = new LayerEmitContext(
                layer,
                index,
                layers,
                spec.Numeric,
                Input: "x",
                Output: "y",
                Logits: isOutput ? "logitsBlock" : null,
                Delta: NetworkLayout.DeltaName(index),
                DeltaIsPreActivation: false,
                InputDelta: null);
            var views = new BatchForwardViews(
                index == 1 ? "blockInputs" : $"hiddenBlock.Slice({(layout is null ? spec.Layers[index - 2].Name + "ActivationOffset" : InputOffset(spec, index))})",
                index == 1 ? "InputSize" : "HiddenActivationLength",
                isOutput ? "logitsBlock" : $"hiddenBlock.Slice({layer.Name}ActivationOffset)",
                isOutput ? "OutputSize" : "HiddenActivationLength",
                "count");
            LayerCatalog.EmitterFor(layer).EmitBatchForward(writer, context, views);
            if (layout is null || !layer.HasDropout)
            {
                continue;
            }

            string a = layout.OutputOf(index);
            string r = NetworkLayout.RetainedName(index);
            string m = NetworkLayout.MaskName(index);
            writer.Line($"// Dropout: {r} = {a} ⊙ {m}, {m}[j] = 0 with probability {Invariant.Text(layer.DropoutRate)}, else 1/(1 − {Invariant.Text(layer.DropoutRate)})");
            writer.Line("for (int s = 0; s < count; s++)");
            using (writer.Block())
            {
                writer.Line($"global::System.ReadOnlySpan<{t}> {a} = hiddenBlock.Slice((s * HiddenActivationLength) + {layer.Name}ActivationOffset, {layer.Name}Size);");
                writer.Line($"global::System.Span<{t}> {r} = hiddenBlock.Slice((s * HiddenActivationLength) + {layer.Name}RetainedOffset, {layer.Name}Size);");
                writer.Line($"global::System.Span<{t}> {m} = maskBlock.Slice((s * MaskLength) + {layer.Name}MaskOffset, {layer.Name}Size);");
                WriteDropoutMasking(writer, spec, layer, a, r, m);
            }
        }
    }

    /// <summary>Writes <c>output</c> from <c>logits</c> with the output layer's activation.</summary>
    private static void WriteOutputActivation(SourceWriter writer, NetworkSpec spec)
    {
        if (spec.OutputLayer.Activation.IsElementwise)
        {
            writer.Line("for (int k = 0; k < OutputSize; k++)");
            using (writer.Block())
            {
                writer.Line($"output[k] = {Activations.ActivationEmitter.Apply(spec.OutputLayer.Activation, spec.Numeric, "logits[k]")};");
            }
        }
        else
        {
            Activations.ActivationEmitter.EmitSoftmax(writer, spec.Numeric, "logits", "output");
        }
    }

    private static void WriteLayerBlockBackward(SourceWriter writer, NetworkSpec spec, ILossEmitter lossEmitter, NetworkLayout layout, int index)
    {
        string t = spec.Numeric.Keyword();
        int layers = spec.Layers.Count;
        LayerSpec layer = spec.Layers[index - 1];
        ILayerEmitter emitter = LayerCatalog.EmitterFor(layer);
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

        writer.Line();
        writer.Line($"// {LayerEmitContext.HeadingOf(layer, index, layers)}, backward for the block");
        bool needsDerivative = !context.DeltaIsPreActivation && layer.Activation.Kind != ActivationKind.Identity;
        if (layer.HasDropout || needsDerivative)
        {
            writer.Line("for (int s = 0; s < count; s++)");
            using (writer.Block())
            {
                WriteSampleDelta(writer, spec, index);
                writer.Line(index == layers
                    ? $"global::System.ReadOnlySpan<{t}> output = outputBlock.Slice(s * OutputSize, OutputSize);"
                    : $"global::System.ReadOnlySpan<{t}> {layout.OutputOf(index)} = hiddenBlock.Slice((s * HiddenActivationLength) + {layer.Name}ActivationOffset, {layer.Name}Size);");
                if (layer.HasDropout)
                {
                    writer.Line($"global::System.ReadOnlySpan<{t}> masks = maskBlock.Slice(s * MaskLength, MaskLength);");
                    WriteDropoutBackward(writer, spec, index);
                }

                emitter.EmitActivationBackward(writer, context);
            }
        }

        string inputs = index == 1 ? "blockInputs" : $"hiddenBlock.Slice({InputOffset(spec, index)})";
        string inputStride = index == 1 ? "InputSize" : "HiddenActivationLength";
        emitter.EmitBatchParameterGradients(
            writer,
            context,
            new BatchGradientViews(inputs, inputStride, $"deltaBlock.Slice({layer.Name}DeltaOffset)", "DeltaLength", "count"));
        if (index == 1)
        {
            return;
        }

        writer.Line("for (int s = 0; s < count; s++)");
        using (writer.Block())
        {
            WriteSampleDelta(writer, spec, index);
            WriteSampleDelta(writer, spec, index - 1);
            emitter.EmitInputGradient(writer, context);
        }
    }

    /// <summary>Declares <c>d{index}</c>, sample <c>s</c>'s delta of layer <paramref name="index"/> in the block.</summary>
    private static void WriteSampleDelta(SourceWriter writer, NetworkSpec spec, int index)
    {
        LayerSpec layer = spec.Layers[index - 1];
        writer.Line($"global::System.Span<{spec.Numeric.Keyword()}> {NetworkLayout.DeltaName(index)} = deltaBlock.Slice((s * DeltaLength) + {layer.Name}DeltaOffset, {layer.Name}Size);");
    }

    /// <summary>Where layer <paramref name="index"/>'s input starts in a sample's hidden scratch: the previous layer's activations, or their retained copy.</summary>
    private static string InputOffset(NetworkSpec spec, int index)
    {
        LayerSpec previous = spec.Layers[index - 2];
        return previous.Name + (previous.HasDropout ? "RetainedOffset" : "ActivationOffset");
    }
}
