using GenNN.Generator.Helpers;

namespace GenNN.Generator.Layers.Recurrent;

/// <summary>
/// Writes a recurrent layer. Inference, per sample and direction: <c>GenNN.Kernels.RecurrentKernel.Forward</c> runs
/// the whole sequence from a zero state into the direction's hidden states, then the layer's output is copied out:
/// every step's hidden states side by side, or the last ones. Training runs the block's samples together, a time step
/// at a time (<c>RecurrentKernel.ForwardBlock</c>, keeping the gates backward needs), and backpropagation through time
/// the same way (<c>RecurrentKernel.BackwardBlock</c>), reading each direction's <c>dL/dh_t</c> from the output's
/// gradient.
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
        writer.Line($"global::System.Span<{context.T}> work = {views.Temporary}.Slice(0, {layer.Name}WorkLength);");
        if (!context.Training)
        {
            writer.Line(Formula(layer) + ", per sample");
            writer.Line($"for (int s = 0; s < {views.Count}; s++)");
            using (writer.Block())
            {
                writer.Line($"global::System.Span<{context.T}> sequence = work.Slice(0, {Invariant.Text(layer.ZeroStateOffset)});");
                EmitSample(writer, context, layer, views.Inputs.Sample("s"), views.Outputs.Sample("s"));
            }

            return;
        }

        StridedView sequences = views.Region(layer.Name, "Sequence");
        StridedView steps = views.Region(layer.Name, "Steps");
        writer.Line(Formula(layer) + ", the block's samples together at each step:");
        writer.Line("// the gate sums of step t are the products X_t·W_ih + b_ih and H_(t−1)·W_hh + b_hh over the block");
        for (int direction = 0; direction < layer.Directions; direction++)
        {
            writer.Line(
                $"{Kernel}.ForwardBlock<{context.T}>({Cell(layer)}, steps: {Invariant.Text(layer.Steps)}, inputSize: {Invariant.Text(layer.Features)}, hiddenSize: {Invariant.Text(layer.Units)}, reverse: {Bool(direction == 1)}, batch: {views.Count}, "
                + $"{views.Inputs.Base}, {views.Inputs.Stride}, {Tensors(context, layer, direction)}, {States(sequences, layer, direction)}, {sequences.Stride}, {steps.Base}, {steps.Stride}, work);");
        }

        writer.Line($"for (int s = 0; s < {views.Count}; s++)");
        using (writer.Block())
        {
            writer.Line($"global::System.ReadOnlySpan<{context.T}> sequence = {sequences.Sample("s")};");
            writer.Line($"global::System.Span<{context.T}> y = {views.Outputs.Sample("s")};");
            EmitOutput(writer, layer);
        }
    }

    public void EmitBlockBackward(SourceWriter writer, LayerContext context, BlockViews views)
    {
        var layer = (RecurrentLayerSpec)context.Layer;
        string t = context.T;
        int h = layer.Units;
        StridedView sequences = views.Region(layer.Name, "Sequence");
        StridedView steps = views.Region(layer.Name, "Steps");
        StridedView deltas = views.OutputDeltas!;
        StridedView? inputDeltas = views.InputDeltas;
        writer.Line("// Backpropagation through time, the block's samples together at each step: dW_ih += X_tᵀ·DZ_t, dW_hh += H_(t−1)ᵀ·DZ_t,");
        writer.Line("// dX_t = DZ_t·W_ihᵀ and the carried dL/dH_(t−1) = DZ_t·W_hhᵀ");
        writer.Line($"global::System.Span<{t}> work = {views.Temporary}.Slice(0, {layer.Name}WorkLength);");
        for (int direction = 0; direction < layer.Directions; direction++)
        {
            bool reverse = direction == 1;
            string ofDirection = layer.Directions == 1 ? string.Empty : $" of the {(reverse ? "backward" : "forward")} direction";
            writer.Line(layer.ReturnSequences
                ? layer.Directions == 1
                    ? "// dL/dh_t: every step's output gradient"
                    : $"// dL/dh_t{ofDirection}: its half of every step's output gradient"
                : $"// dL/dh_t{ofDirection}: only {(layer.Directions == 1 ? "the" : "its")} last step ({(reverse ? "t = 0" : "t = T − 1")}) reaches the output");
            string dy = direction == 0 ? deltas.Base : $"{deltas.Base}.Slice({Invariant.Text(direction * h)})";
            string stepStride = Invariant.Text(layer.ReturnSequences ? layer.Directions * h : 0);
            string dx = inputDeltas is null ? "default, 0, addInputGradient: false" : $"{inputDeltas.Base}, {inputDeltas.Stride}, addInputGradient: {Bool(reverse)}";
            writer.Line(
                $"{Kernel}.BackwardBlock<{t}>({Cell(layer)}, steps: {Invariant.Text(layer.Steps)}, inputSize: {Invariant.Text(layer.Features)}, hiddenSize: {Invariant.Text(h)}, reverse: {Bool(reverse)}, batch: {views.Count}, "
                + $"{views.Inputs.Base}, {views.Inputs.Stride}, {Tensors(context, layer, direction)}, {States(sequences, layer, direction)}, {sequences.Stride}, {dy}, {deltas.Stride}, {stepStride}, "
                + $"{Gradients(context, layer, direction)}, {dx}, {steps.Base}, {steps.Stride}, work);");
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
                $"{Kernel}.Forward<{t}>({Cell(layer)}, steps: {Invariant.Text(layer.Steps)}, inputSize: {Invariant.Text(layer.Features)}, hiddenSize: {Invariant.Text(h)}, reverse: {Bool(reverse)}, "
                + $"x, {Tensors(context, layer, direction)}, zeroState, {CellZero(layer)}, {Hidden(layer, direction)}, {Saved(layer, direction)}, kernelScratch);");
        }

        EmitOutput(writer, layer);
    }

    /// <summary>Copies the layer's output <c>y</c> out of the directions' hidden states in <c>sequence</c>.</summary>
    private static void EmitOutput(SourceWriter writer, RecurrentLayerSpec layer)
    {
        int h = layer.Units;
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
        RecurrentCellKind.Gru => "// GRU (gates r, z, n): n = tanh(x_t·W_in + b_in + r ⊙ (h_(t−1)·W_hn + b_hn)), h_t = (1 − z) ⊙ n + z ⊙ h_(t−1), from h_(−1) = 0 (weights input-major, [in, gates·units])",
        RecurrentCellKind.RnnReLU => "// RNN: h_t = relu(x_t·W_ih + b_ih + h_(t−1)·W_hh + b_hh), from h_(−1) = 0 (weights input-major, [in, units])",
        _ => "// RNN: h_t = tanh(x_t·W_ih + b_ih + h_(t−1)·W_hh + b_hh), from h_(−1) = 0 (weights input-major, [in, units])",
    };

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A direction's hidden states and saved values in the block's first sample's sequence region.</summary>
    private static string States(StridedView sequences, RecurrentLayerSpec layer, int direction)
        => direction == 0 ? sequences.Base : $"{sequences.Base}.Slice({Invariant.Text(direction * layer.DirectionStateLength)})";

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
