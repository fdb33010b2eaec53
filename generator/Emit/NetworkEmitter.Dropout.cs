using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary>
/// Inverted dropout after a layer's activation. Training keeps each activation with probability <c>1 − p</c> and
/// scales it by <c>1/(1 − p)</c> into a separate "retained" span <c>r</c>, which the next layer reads; the
/// activations themselves stay intact for the layer's own backward pass. Inference copies them unchanged.
/// </summary>
internal static partial class NetworkEmitter
{
    private static void WriteDropoutForward(SourceWriter writer, NetworkSpec spec, NetworkLayout layout, int index)
    {
        LayerSpec layer = spec.Layers[index - 1];
        string t = spec.Numeric.Keyword();
        string a = layout.OutputOf(index);
        string r = NetworkLayout.RetainedName(index);
        string m = NetworkLayout.MaskName(index);
        double rate = layer.DropoutRate;
        writer.Line($"// Dropout (training only): {r} = {a} ⊙ {m}, {m}[j] = 0 with probability {Invariant.Text(rate)}, else 1/(1 − {Invariant.Text(rate)})");
        writer.Line($"global::System.Span<{t}> {r} = hidden.Slice({layer.Name}RetainedOffset, {layer.Name}Size);");
        writer.Line("if (masks.IsEmpty)");
        using (writer.Block())
        {
            writer.Line($"{a}.CopyTo({r});");
        }

        writer.Line("else");
        using (writer.Block())
        {
            writer.Line($"global::System.Span<{t}> {m} = masks.Slice({layer.Name}MaskOffset, {layer.Name}Size);");
            WriteDropoutMasking(writer, spec, layer, a, r, m);
        }
    }

    /// <summary>Draws mask <paramref name="m"/> and writes <c>r = a ⊙ m</c>, one unit after another.</summary>
    private static void WriteDropoutMasking(SourceWriter writer, NetworkSpec spec, LayerSpec layer, string a, string r, string m)
    {
        writer.Line($"for (int j = 0; j < {layer.Name}Size; j++)");
        using (writer.Block())
        {
            writer.Line($"{m}[j] = random.NextDouble() < {NumericType.Double.Literal(layer.DropoutRate)} ? {spec.Numeric.Literal(0)} : {spec.Numeric.Literal(1 / (1 - layer.DropoutRate))};");
            writer.Line($"{r}[j] = {a}[j] * {m}[j];");
        }
    }

    /// <summary>Turns <c>dL/dr</c> (what the next layer's backward wrote) into <c>dL/da</c>: <c>d ⊙ m</c>.</summary>
    private static void WriteDropoutBackward(SourceWriter writer, NetworkSpec spec, int index)
    {
        LayerSpec layer = spec.Layers[index - 1];
        string d = NetworkLayout.DeltaName(index);
        string m = NetworkLayout.MaskName(index);
        writer.Line($"// Dropout backward: dL/da{Invariant.Text(index)} = dL/dr{Invariant.Text(index)} ⊙ {m}");
        writer.Line($"global::System.ReadOnlySpan<{spec.Numeric.Keyword()}> {m} = masks.Slice({layer.Name}MaskOffset, {layer.Name}Size);");
        writer.Line($"{TensorPrimitivesSyntax.Call(spec.Numeric, "Multiply")}({d}, {m}, {d});");
    }
}
