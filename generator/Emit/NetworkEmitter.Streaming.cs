using System.Collections.Generic;
using GenNN.Generator.Helpers;
using GenNN.Generator.Layers;
using GenNN.Generator.Layers.Recurrent;
using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary>
/// Streaming for recurrent networks: a fixed-size <c>State</c> struct holding every recurrent layer's hidden (and
/// cell) state, and <c>Step</c>, which feeds one frame through the recurrent layers (<c>RecurrentKernel.Step</c>)
/// and the layers after them. The network stays immutable, so one instance serves any number of streams, each with
/// its own state. Emitted when the network is a stack of one-directional recurrent layers (every one but the last
/// returning sequences) followed by layers on vectors.
/// </summary>
internal static partial class NetworkEmitter
{
    /// <summary>The recurrent layers a streaming network starts with, or <see langword="null"/> when it cannot stream.</summary>
    public static IReadOnlyList<RecurrentLayerSpec>? StreamingLayers(NetworkSpec spec) => StreamingLayers(spec, out _);

    /// <summary>
    /// The recurrent layers a streaming network starts with, or <see langword="null"/> when it cannot stream; then
    /// <paramref name="whyNot"/> names the layer that prevents it and why, unless the network has no recurrent layer.
    /// </summary>
    public static IReadOnlyList<RecurrentLayerSpec>? StreamingLayers(NetworkSpec spec, out string? whyNot)
    {
        whyNot = null;
        var recurrent = new List<RecurrentLayerSpec>();
        int l = 0;
        for (; l < spec.Layers.Count && spec.Layers[l] is RecurrentLayerSpec cell; l++)
        {
            if (cell.Bidirectional)
            {
                whyNot = $"{LayerOf(spec, l)} is bidirectional, which needs the whole sequence";
                return null;
            }

            recurrent.Add(cell);
        }

        // Step feeds a frame to the recurrent layers first, then their last output to layers on vectors. (A recurrent
        // layer right after one that returns its last step only is a shape error, GNN0020, before any code is written.)
        for (int later = l; later < spec.Layers.Count; later++)
        {
            if (spec.Layers[later] is RecurrentLayerSpec)
            {
                whyNot = $"{LayerOf(spec, later)} comes after {LayerOf(spec, later - 1)}, which is not recurrent, so it needs the whole sequence";
                return null;
            }
        }

        if (recurrent.Count > 0 && recurrent[recurrent.Count - 1].ReturnSequences)
        {
            whyNot = $"{LayerOf(spec, l - 1)} returns sequences, so the output needs the whole sequence";
            return null;
        }

        return recurrent.Count > 0 ? recurrent : null;
    }

    /// <summary>Layer <paramref name="l"/> (0-based) as the summary names it: <c>layer 1 'Encoder' (Gru)</c>.</summary>
    private static string LayerOf(NetworkSpec spec, int l) => $"layer {Invariant.Text(l + 1)} '{spec.Layers[l].Name}' ({spec.Layers[l].KindName})";

    private static void WriteStreaming(SourceWriter writer, NetworkSpec spec, IReadOnlyList<RecurrentLayerSpec> recurrent)
    {
        string t = spec.Numeric.Keyword();
        int stateLength = 0;
        var stateOffsets = new int[recurrent.Count];
        int kernelScratch = 0;
        for (int l = 0; l < recurrent.Count; l++)
        {
            stateOffsets[l] = stateLength;
            stateLength += recurrent[l].Units * (recurrent[l].Cell.HasCellState() ? 2 : 1);
            kernelScratch = System.Math.Max(kernelScratch, recurrent[l].Cell.ScratchLength(recurrent[l].Features, recurrent[l].Units));
        }

        // The layers after the recurrent ones: each output at its own offset after the kernels' scratch, then the
        // largest temporary region any of them needs.
        var outputOffsets = new Dictionary<int, int>();
        int offset = kernelScratch;
        int temporary = 0;
        for (int l = recurrent.Count; l < spec.Layers.Count; l++)
        {
            LayerSpec layer = spec.Layers[l];
            if (!layer.AliasesInput(l == spec.Layers.Count - 1))
            {
                outputOffsets[l] = offset;
                offset += layer.OutputSize;
            }

            foreach (ScratchRegion region in layer.Scratch)
            {
                temporary = region.Scope == ScratchScope.Temporary ? System.Math.Max(temporary, region.Length) : temporary;
            }
        }

        int stepScratch = offset + temporary;
        RecurrentLayerSpec first = recurrent[0];
        writer.Line($"/// <summary>The length of one frame of a stream: a step of the input sequence, {Invariant.Text(first.Features)} features.</summary>");
        writer.Line($"public const int FrameSize = {Invariant.Text(first.Features)};");
        writer.Line();
        writer.Line("/// <summary>The number of values a stream's <see cref=\"State\"/> holds: every recurrent layer's hidden (and cell) state.</summary>");
        writer.Line($"public const int StateLength = {Invariant.Text(stateLength)};");
        writer.Line();
        writer.Line($"private const int StepScratchLength = {Invariant.Text(System.Math.Max(1, stepScratch))};");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line($"/// The state of one stream for <see cref=\"{GeneratedMembers.Step(spec).Cref}\"/>: each recurrent layer's hidden state (and an LSTM's cell state), and");
        writer.Line("/// the step's working memory. A new state is zero, as the sequence passes start; <see cref=\"Reset\"/> starts a new stream.");
        writer.Line("/// It is a mutable struct: keep it in a field or local and pass it by <c>ref</c>; resetting a copy leaves the original as it was.");
        writer.Line("/// </summary>");
        WriteGeneratedCode(writer);
        writer.Line($"public struct {GeneratedMembers.StateType}");
        using (writer.Block())
        {
            writer.Line("// The state, then Step's working memory: kept here rather than on the stack, so a step zeroes nothing.");
            writer.Line("[global::System.Runtime.CompilerServices.InlineArray(StateLength + StepScratchLength)]");
            writer.Line("private struct Values");
            using (writer.Block())
            {
                writer.Line($"private {t} _element0;");
            }

            writer.Line();
            writer.Line("private Values _values;");
            writer.Line();
            writer.Line("/// <summary>Sets every state value to zero: the start of a new stream.</summary>");
            writer.Line($"public void Reset() => ((global::System.Span<{t}>)_values).Clear();");
            writer.Line();
            writer.Line("/// <summary>The state values, layer by layer: hidden state, then an LSTM's cell state.</summary>");
            writer.Line($"public static global::System.Span<{t}> ValuesOf(ref State state) => ((global::System.Span<{t}>)state._values).Slice(0, StateLength);");
            writer.Line();
            writer.Line($"internal static global::System.Span<{t}> ScratchOf(ref State state) => ((global::System.Span<{t}>)state._values).Slice(StateLength, StepScratchLength);");
        }

        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Feeds one frame of a stream through the network: updates <paramref name=\"state\"/> as the sequence pass would at this");
        writer.Line("/// step, and writes the output the network gives for the sequence that ends here. Over the T frames of a sequence, from");
        writer.Line($"/// a new state, the last output equals <see cref=\"{GeneratedMembers.Forward(spec).Cref}\"/>'s. Reads the network only, so many streams may step");
        writer.Line("/// through one instance at once; allocates nothing.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"state\">The stream's state, updated in place.</param>");
        writer.Line($"/// <param name=\"frame\">One frame, of length <see cref=\"FrameSize\"/> ({Invariant.Text(first.Features)}).</param>");
        writer.Line($"/// <param name=\"output\">Receives the output, of length <see cref=\"OutputSize\"/> ({Invariant.Text(spec.OutputSize)}).</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not the one named above.</exception>");
        WriteGeneratedCode(writer);
        writer.Line($"public void {GeneratedMembers.Step(spec).Signature}");
        using (writer.Block())
        {
            writer.Line("global::GenNN.SpanGuard.RequireLength(frame.Length, FrameSize, nameof(frame));");
            writer.Line("global::GenNN.SpanGuard.RequireLength(output.Length, OutputSize, nameof(output));");
            writer.Line($"global::System.Span<{t}> values = State.ValuesOf(ref state);");
            writer.Line($"global::System.Span<{t}> scratch = State.ScratchOf(ref state);");
            writer.Line($"global::System.Span<{t}> kernelScratch = scratch.Slice(0, {Invariant.Text(kernelScratch)});");
            if (temporary > 0)
            {
                writer.Line($"global::System.Span<{t}> temporary = scratch.Slice({Invariant.Text(offset)}, {Invariant.Text(temporary)});");
            }

            if (spec.BufferCount > 0)
            {
                writer.Line($"global::System.ReadOnlySpan<{t}> buffers = _buffers;");
            }

            WriteParameterViews(writer, spec, gradients: false);
            string current = "frame";
            for (int l = 0; l < recurrent.Count; l++)
            {
                RecurrentLayerSpec layer = recurrent[l];
                string hidden = $"h{Invariant.Text(l + 1)}";
                writer.Line();
                writer.Line($"// {LayerContext.HeadingOf(layer, l + 1, spec.Layers.Count)}, one step");
                writer.Line($"global::System.Span<{t}> {hidden} = values.Slice({Invariant.Text(stateOffsets[l])}, {Invariant.Text(layer.Units)});");
                string cell = layer.Cell.HasCellState() ? $"values.Slice({Invariant.Text(stateOffsets[l] + layer.Units)}, {Invariant.Text(layer.Units)})" : "default";
                var context = new LayerContext(layer, l + 1, spec.Numeric, ActivationSpec.Identity, Training: false);
                string tensors = string.Join(", ", System.Linq.Enumerable.Select(layer.DirectionTensors(0), context.Local));
                writer.Line(
                    $"global::GenNN.Kernels.RecurrentKernel.Step<{t}>(global::GenNN.Kernels.RecurrentCell.{layer.Cell}, inputSize: {Invariant.Text(layer.Features)}, hiddenSize: {Invariant.Text(layer.Units)}, "
                    + $"{current}, {tensors}, {hidden}, {cell}, kernelScratch);");
                current = hidden;
            }

            for (int l = recurrent.Count; l < spec.Layers.Count; l++)
            {
                LayerSpec layer = spec.Layers[l];
                writer.Line();
                writer.Line($"// {LayerContext.HeadingOf(layer, l + 1, spec.Layers.Count)}");
                if (!outputOffsets.TryGetValue(l, out int at))
                {
                    writer.Line(l == spec.Layers.Count - 1 && layer.Activation.Kind != ActivationKind.Identity
                        ? "// The output head applies this activation: nothing to compute here."
                        : "// A view of the same values in another shape: nothing to compute.");
                    continue;
                }

                string next = $"scratch.Slice({Invariant.Text(at)}, {layer.Name}Size)";
                using (writer.Block())
                {
                    LayerCatalog.EmitterFor(layer).EmitForward(writer, Context(spec, l, training: false), new SampleViews(current, next, "temporary"));
                }

                current = next;
            }

            writer.Line();
            writer.Line($"global::System.ReadOnlySpan<{t}> logits = {current};");
            WriteHeadActivation(writer, spec);
        }

        writer.Line();
    }
}
