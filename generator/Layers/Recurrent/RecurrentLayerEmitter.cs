using GenNN.Generator.Helpers;

namespace GenNN.Generator.Layers.Recurrent;

/// <summary>
/// Writes a recurrent layer: per sample and direction, <c>GenNN.Kernels.RecurrentKernel.Forward</c> runs the whole
/// sequence from a zero state into the direction's hidden states (and the gates backward needs), then the layer's
/// output is copied out: every step's hidden states side by side, or the last ones. Backward builds each direction's
/// <c>dL/dh_t</c> from the output's gradient and runs backpropagation through time (<c>RecurrentKernel.Backward</c>).
/// </summary>
internal sealed class RecurrentLayerEmitter : ILayerEmitter
{
    public static readonly RecurrentLayerEmitter Instance = new();

    private const string Kernel = "global::GenNN.Kernels.RecurrentKernel";

    public void EmitForward(SourceWriter writer, LayerContext context, SampleViews views)
    {
        var layer = (RecurrentLayerSpec)context.Layer;
        writer.Line(Formula(layer));
        writer.Line($"global::System.Span<{context.T}> work = {views.Temporary}.Slice(0, {layer.Name}WorkLength);");
        writer.Line($"global::System.Span<{context.T}> sequence = work.Slice(0, {Invariant.Text(layer.ZeroStateOffset)});");
        EmitSample(writer, context, layer, views.Input, views.Output);
    }

    public void EmitBlockForward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        var layer = (RecurrentLayerSpec)context.Layer;
        writer.Line(Formula(layer) + ", per sample");
        writer.Line($"global::System.Span<{context.T}> work = {views.Temporary}.Slice(0, {layer.Name}WorkLength);");
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            writer.Line(context.Training
                ? $"global::System.Span<{context.T}> sequence = {views.Region(layer.Name, "Sequence").Sample("s")};"
                : $"global::System.Span<{context.T}> sequence = work.Slice(0, {Invariant.Text(layer.ZeroStateOffset)});");
            EmitSample(writer, context, layer, views.Inputs.Sample("s"), views.Outputs.Sample("s"));
        }
    }

    public void EmitBlockBackward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        var layer = (RecurrentLayerSpec)context.Layer;
        string t = context.T;
        int h = layer.Units;
        writer.Line("// Backpropagation through time, per sample and direction: dL/dh_t from the output's gradient, then the kernel");
        writer.Line($"global::System.Span<{t}> work = {views.Temporary}.Slice(0, {layer.Name}WorkLength);");
        writer.Line($"global::System.Span<{t}> zeroState = work.Slice({Invariant.Text(layer.ZeroStateOffset)}, {Invariant.Text(h)});");
        writer.Line("zeroState.Clear();");
        writer.Line($"global::System.Span<{t}> kernelScratch = work.Slice({Invariant.Text(layer.KernelScratchOffset)}, {Invariant.Text(layer.Cell.ScratchLength(layer.Features, h))});");
        writer.Line($"global::System.Span<{t}> hiddenGradient = work.Slice({Invariant.Text(layer.HiddenGradientOffset)}, {Invariant.Text(layer.Steps * h)});");
        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            writer.Line($"global::System.ReadOnlySpan<{t}> x = {views.Inputs.Sample("s")};");
            writer.Line($"global::System.ReadOnlySpan<{t}> dy = {views.OutputDeltas!.Sample("s")};");
            writer.Line($"global::System.ReadOnlySpan<{t}> sequence = {views.Region(layer.Name, "Sequence").Sample("s")};");
            string? dx = views.InputDeltas?.Sample("s");
            if (dx is not null)
            {
                writer.Line($"global::System.Span<{t}> dx = {dx};");
            }

            for (int direction = 0; direction < layer.Directions; direction++)
            {
                bool reverse = direction == 1;
                int column = direction * h;
                writer.Line(layer.ReturnSequences
                    ? $"// dL/dh_t of the {(reverse ? "backward" : "forward")} direction: its half of every step's output gradient"
                    : $"// dL/dh_t of the {(reverse ? "backward" : "forward")} direction: only its last step ({(reverse ? "t = 0" : "t = T − 1")}) reaches the output");
                if (layer.ReturnSequences)
                {
                    writer.Line($"for (int step = 0; step < {Invariant.Text(layer.Steps)}; step++)");
                    using (writer.Block())
                    {
                        writer.Line($"dy.Slice((step * {Invariant.Text(layer.Directions * h)}) + {Invariant.Text(column)}, {Invariant.Text(h)}).CopyTo(hiddenGradient.Slice(step * {Invariant.Text(h)}, {Invariant.Text(h)}));");
                    }
                }
                else
                {
                    int last = reverse ? 0 : layer.Steps - 1;
                    writer.Line("hiddenGradient.Clear();");
                    writer.Line($"dy.Slice({Invariant.Text(column)}, {Invariant.Text(h)}).CopyTo(hiddenGradient.Slice({Invariant.Text(last * h)}, {Invariant.Text(h)}));");
                }

                string inputGradient = dx is null ? "default" : reverse ? "reverseInputGradient" : "dx";
                if (dx is not null && reverse)
                {
                    writer.Line($"global::System.Span<{t}> reverseInputGradient = work.Slice({Invariant.Text(layer.ReverseInputGradientOffset)}, {Invariant.Text(layer.Steps * layer.Features)});");
                }

                writer.Line(
                    $"{Kernel}.Backward<{t}>({Cell(layer)}, {Invariant.Text(layer.Steps)}, {Invariant.Text(layer.Features)}, {Invariant.Text(h)}, reverse: {(reverse ? "true" : "false")}, "
                    + $"x, {Tensors(context, layer, direction)}, zeroState, {CellZero(layer)}, {Hidden(layer, direction)}, {Saved(layer, direction)}, hiddenGradient, "
                    + $"{Gradients(context, layer, direction)}, {inputGradient}, kernelScratch);");
                if (dx is not null && reverse)
                {
                    writer.Line($"{TensorPrimitivesSyntax.Call(context.Numeric, "Add")}(dx, reverseInputGradient, dx);");
                }
            }
        }
    }

    /// <summary>Runs every direction over one sample's <paramref name="input"/> into <c>sequence</c>, then writes <paramref name="output"/>.</summary>
    private static void EmitSample(SourceWriter writer, LayerContext context, RecurrentLayerSpec layer, string input, string output)
    {
        string t = context.T;
        int h = layer.Units;
        writer.Line($"global::System.ReadOnlySpan<{t}> x = {input};");
        writer.Line($"global::System.Span<{t}> y = {output};");
        writer.Line($"global::System.Span<{t}> zeroState = work.Slice({Invariant.Text(layer.ZeroStateOffset)}, {Invariant.Text(h)});");
        writer.Line("zeroState.Clear();");
        writer.Line($"global::System.Span<{t}> kernelScratch = work.Slice({Invariant.Text(layer.KernelScratchOffset)}, {Invariant.Text(layer.Cell.ScratchLength(layer.Features, h))});");
        for (int direction = 0; direction < layer.Directions; direction++)
        {
            bool reverse = direction == 1;
            writer.Line(
                $"{Kernel}.Forward<{t}>({Cell(layer)}, {Invariant.Text(layer.Steps)}, {Invariant.Text(layer.Features)}, {Invariant.Text(h)}, reverse: {(reverse ? "true" : "false")}, "
                + $"x, {Tensors(context, layer, direction)}, zeroState, {CellZero(layer)}, {Hidden(layer, direction)}, {Saved(layer, direction)}, kernelScratch);");
        }

        int width = layer.Directions * h;
        if (layer.ReturnSequences)
        {
            writer.Line(layer.Bidirectional ? "// y[t] = [forward h_t, backward h_t]" : "// y = every step's h_t");
            if (!layer.Bidirectional)
            {
                writer.Line($"sequence.Slice(0, {Invariant.Text(layer.Steps * h)}).CopyTo(y);");
                return;
            }

            writer.Line($"for (int step = 0; step < {Invariant.Text(layer.Steps)}; step++)");
            using (writer.Block())
            {
                for (int direction = 0; direction < 2; direction++)
                {
                    writer.Line($"{Hidden(layer, direction)}.Slice(step * {Invariant.Text(h)}, {Invariant.Text(h)}).CopyTo(y.Slice((step * {Invariant.Text(width)}) + {Invariant.Text(direction * h)}, {Invariant.Text(h)}));");
                }
            }

            return;
        }

        writer.Line(layer.Bidirectional ? "// y = [forward h_(T−1), backward h_0]: each direction's last state (PyTorch's h_n)" : "// y = h_(T−1)");
        writer.Line($"{Hidden(layer, 0)}.Slice({Invariant.Text((layer.Steps - 1) * h)}, {Invariant.Text(h)}).CopyTo(y.Slice(0, {Invariant.Text(h)}));");
        if (layer.Bidirectional)
        {
            writer.Line($"{Hidden(layer, 1)}.Slice(0, {Invariant.Text(h)}).CopyTo(y.Slice({Invariant.Text(h)}, {Invariant.Text(h)}));");
        }
    }

    private static string Formula(RecurrentLayerSpec layer) => layer.Cell switch
    {
        RecurrentCellKind.Lstm => "// LSTM (PyTorch's gates i, f, g, o): c_t = f ⊙ c_(t−1) + i ⊙ g, h_t = o ⊙ tanh(c_t), from h_(−1) = c_(−1) = 0",
        RecurrentCellKind.Gru => "// GRU (gates r, z, n): n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h_t = (1 − z) ⊙ n + z ⊙ h_(t−1), from h_(−1) = 0",
        RecurrentCellKind.RnnReLU => "// RNN: h_t = relu(W_ih x_t + b_ih + W_hh h_(t−1) + b_hh), from h_(−1) = 0",
        _ => "// RNN: h_t = tanh(W_ih x_t + b_ih + W_hh h_(t−1) + b_hh), from h_(−1) = 0",
    };

    private static string Cell(RecurrentLayerSpec layer) => $"global::GenNN.Kernels.RecurrentCell.{layer.Cell}";

    private static string CellZero(RecurrentLayerSpec layer) => layer.Cell.HasCellState() ? "zeroState" : "default";

    /// <summary>A direction's hidden states in <c>sequence</c>: <c>[T, H]</c>.</summary>
    private static string Hidden(RecurrentLayerSpec layer, int direction)
        => $"sequence.Slice({Invariant.Text(direction * layer.DirectionStateLength)}, {Invariant.Text(layer.Steps * layer.Units)})";

    /// <summary>What a direction's cell saved for backward, after its hidden states.</summary>
    private static string Saved(RecurrentLayerSpec layer, int direction)
    {
        int saved = layer.Steps * layer.Cell.SavedPerStep(layer.Units);
        return saved == 0 ? "default" : $"sequence.Slice({Invariant.Text((direction * layer.DirectionStateLength) + (layer.Steps * layer.Units))}, {Invariant.Text(saved)})";
    }

    private static string Tensors(LayerContext context, RecurrentLayerSpec layer, int direction)
        => string.Join(", ", System.Linq.Enumerable.Select(layer.DirectionTensors(direction), context.Local));

    private static string Gradients(LayerContext context, RecurrentLayerSpec layer, int direction)
        => string.Join(", ", System.Linq.Enumerable.Select(layer.DirectionTensors(direction), context.GradientLocal));
}
