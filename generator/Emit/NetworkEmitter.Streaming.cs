using System.Collections.Generic;
using System.Linq;
using GenNN.Generator.Helpers;
using GenNN.Generator.Layers;
using GenNN.Generator.Layers.Recurrent;
using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary>
/// Streaming for recurrent networks: a fixed-size <c>State</c> struct holding every recurrent layer's hidden (and
/// cell) state, and <c>Step</c>, which feeds one frame through the recurrent layers (<c>RecurrentKernel.Step</c>)
/// and the layers between them, then the last one's output through the layers after it. The network stays immutable,
/// so one instance serves any number of streams, each with its own state. Emitted when the network up to its last
/// recurrent layer works step by step: one-directional recurrent layers (every one but the last returning sequences)
/// and layers that compute each step from that step alone (<see cref="LayerSpec.OneStep"/>: dropout, activations,
/// LayerNorm over the features), followed by layers on vectors.
/// </summary>
internal static partial class NetworkEmitter
{
    /// <summary>
    /// The layers a streaming network runs frame by frame, up to its last recurrent layer (the recurrent layers
    /// themselves, the others as <see cref="LayerSpec.OneStep"/> gives them), or <see langword="null"/> when it cannot stream.
    /// </summary>
    public static IReadOnlyList<LayerSpec>? StreamingLayers(NetworkSpec spec) => StreamingLayers(spec, out _);

    /// <summary>
    /// The layers a streaming network runs frame by frame (see above), or <see langword="null"/> when it cannot stream;
    /// then <paramref name="whyNot"/> names the layer that prevents it and why, unless the network has no recurrent layer.
    /// </summary>
    public static IReadOnlyList<LayerSpec>? StreamingLayers(NetworkSpec spec, out string? whyNot)
    {
        whyNot = null;
        int last = -1;
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            last = spec.Layers[l] is RecurrentLayerSpec ? l : last;
        }

        if (last < 0)
        {
            return null;
        }

        // Step feeds a frame through every layer up to the last recurrent one, then that layer's last output to the
        // layers on vectors. (A recurrent layer right after one that returns its last step only is a shape error,
        // GNN0020, before any code is written.)
        var streamed = new List<LayerSpec>();
        for (int l = 0; l <= last; l++)
        {
            LayerSpec layer = spec.Layers[l];
            if (layer is RecurrentLayerSpec { Bidirectional: true })
            {
                whyNot = $"{LayerOf(spec, l)} is bidirectional, which needs the whole sequence";
                return null;
            }

            LayerSpec? step = layer is RecurrentLayerSpec ? layer : layer.OneStep;
            if (step is null)
            {
                int next = l + 1;
                while (spec.Layers[next] is not RecurrentLayerSpec)
                {
                    next++;
                }

                string streamingSetting = layer.OneStepHint is string hint ? $" ({hint})" : string.Empty;
                whyNot = $"{LayerOf(spec, l)} does not compute each step from that step alone{streamingSetting}, and {LayerOf(spec, next)} comes after it, so it needs the whole sequence";
                return null;
            }

            streamed.Add(step);
        }

        if (((RecurrentLayerSpec)spec.Layers[last]).ReturnSequences)
        {
            whyNot = $"{LayerOf(spec, last)} returns sequences, so the output needs the whole sequence";
            return null;
        }

        return streamed;
    }

    /// <summary>Layer <paramref name="l"/> (0-based) as the summary names it: <c>layer 1 'Encoder' (Gru)</c>.</summary>
    private static string LayerOf(NetworkSpec spec, int l) => $"layer {Invariant.Text(l + 1)} '{spec.Layers[l].Name}' ({spec.Layers[l].KindName})";

    private static void WriteStreaming(SourceWriter writer, NetworkSpec spec, IReadOnlyList<LayerSpec> streamed, System.Threading.CancellationToken cancellationToken)
    {
        string t = spec.Numeric.Keyword();
        int stateLength = 0;
        var stateOffsets = new Dictionary<int, int>();
        int kernelScratch = 0;
        for (int l = 0; l < streamed.Count; l++)
        {
            if (streamed[l] is RecurrentLayerSpec recurrent)
            {
                stateOffsets[l] = stateLength;
                stateLength += recurrent.Units * (recurrent.Cell.HasCellState() ? 2 : 1);
                kernelScratch = System.Math.Max(kernelScratch, recurrent.Cell.ScratchLength(recurrent.Features, recurrent.Units));
            }
        }

        // Every layer as Step runs it: one frame's worth up to the last recurrent layer, then the layers on its output.
        var stepLayers = new List<LayerSpec>(streamed);
        stepLayers.AddRange(spec.Layers.Skip(streamed.Count));

        // The other layers, a step's worth of those between the recurrent ones and the whole of those after them: each
        // output at its own offset after the kernels' scratch, then the largest temporary region any of them needs.
        var outputOffsets = new Dictionary<int, int>();
        int offset = kernelScratch;
        int temporary = 0;
        for (int l = 0; l < stepLayers.Count; l++)
        {
            LayerSpec layer = stepLayers[l];
            if (layer is RecurrentLayerSpec)
            {
                continue;
            }

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
        string frameSize = Invariant.Text(spec.Layers[0].InputShape[1]);
        writer.Line($"/// <summary>The length of one frame of a stream: a step of the input sequence, {frameSize} features.</summary>");
        writer.Line($"public const int FrameSize = {frameSize};");
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
        writer.Line($"/// <param name=\"frame\">One frame, of length <see cref=\"FrameSize\"/> ({frameSize}).</param>");
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
            for (int l = 0; l < stepLayers.Count; l++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool oneStep = l < streamed.Count;
                LayerSpec layer = stepLayers[l];
                writer.Line();
                if (layer is RecurrentLayerSpec recurrent)
                {
                    string hidden = $"h{Invariant.Text(l + 1)}";
                    writer.Line($"// {LayerContext.HeadingOf(recurrent, l + 1, spec.Layers.Count)}, one step");
                    writer.Line($"global::System.Span<{t}> {hidden} = values.Slice({Invariant.Text(stateOffsets[l])}, {Invariant.Text(recurrent.Units)});");
                    string cell = recurrent.Cell.HasCellState() ? $"values.Slice({Invariant.Text(stateOffsets[l] + recurrent.Units)}, {Invariant.Text(recurrent.Units)})" : "default";
                    string tensors = string.Join(", ", recurrent.DirectionTensors(0).Select(Context(spec, l, recurrent, training: false).Local));
                    writer.Line(
                        $"global::GenNN.Kernels.RecurrentKernel.Step<{t}>(global::GenNN.Kernels.RecurrentCell.{recurrent.Cell}, inputSize: {Invariant.Text(recurrent.Features)}, hiddenSize: {Invariant.Text(recurrent.Units)}, "
                        + $"{current}, {tensors}, {hidden}, {cell}, kernelScratch);");
                    current = hidden;
                    continue;
                }

                writer.Line($"// {LayerContext.HeadingOf(layer, l + 1, spec.Layers.Count)}{(oneStep ? ", one step" : string.Empty)}");
                if (!outputOffsets.TryGetValue(l, out int at))
                {
                    writer.Line(l == spec.Layers.Count - 1 && layer.Activation.Kind != ActivationKind.Identity
                        ? "// The output head applies this activation: nothing to compute here."
                        : "// A view of the same values in another shape: nothing to compute.");
                    continue;
                }

                string next = $"scratch.Slice({Invariant.Text(at)}, {(oneStep ? Invariant.Text(layer.OutputSize) : layer.Name + "Size")})";
                using (writer.Block())
                {
                    LayerCatalog.EmitterFor(layer).EmitForward(writer, Context(spec, l, layer, training: false), new SampleViews(current, next, "temporary"));
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
