using System;
using System.Globalization;
using System.Threading;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;
using GenNN.Generator.Weights;

namespace GenNN.Generator.Emit;

/// <summary>
/// The compiled-in weights of a network that names a weights file, in a file of their own (<c>.Weights.g.cs</c>) so
/// that editing the weights regenerates only it: one read-only span per tensor, a constant array the compiler stores
/// as data in the assembly (no allocation, no start-up work), copied into <c>Parameters</c> and <c>Buffers</c> by
/// the parameterless constructor and by <c>ResetToTrainedWeights</c>.
/// </summary>
internal static partial class NetworkEmitter
{
    /// <summary>Values per line of an array initializer.</summary>
    private const int ValuesPerLine = 8;

    public static string EmitWeights(BoundWeights weights, CancellationToken cancellationToken)
    {
        NetworkSpec spec = weights.Spec;
        string t = spec.Numeric.Keyword();
        string source = Xml(weights.SourcePath);
        var writer = new SourceWriter();
        // The file holds numbers only, no reference types, and the compiler's nullable analysis would visit every
        // element of the arrays: off, a 1M-parameter file compiles in about half the time.
        System.Collections.Generic.Stack<SourceWriter.Scope> scopes = OpenFile(
            writer,
            spec.Type,
            $"the trained weights of network '{spec.Type.Name}', compiled in from {source}. Edit or replace that file, not this one.",
            nullable: false);
        writer.Line($"partial class {spec.Type.Name}");
        using (writer.Block())
        {
            writer.Line($"partial void {GeneratedMembers.CopyTrainedWeights.Signature}");
            using (writer.Block())
            {
                foreach (BoundTensor tensor in weights.Tensors)
                {
                    writer.Line($"Trained{tensor.Member}.CopyTo({tensor.Member});");
                }
            }

            writer.Line();
            writer.Line($"// Each tensor is a constant array returned as a ReadOnlySpan<{t}>: the compiler stores it as data in the assembly");
            writer.Line("// and the span reads it in place, so the weights cost no allocation and no start-up work.");
            foreach (BoundTensor tensor in weights.Tensors)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.Line();
                string count = tensor.Values.Length == 1 ? "1 value" : $"{Invariant.Text(tensor.Values.Length)} values";
                writer.Line($"// {tensor.Member} ({(tensor.IsBuffer ? "buffer" : "parameter")}, {count}) from {tensor.Source}.");
                writer.Line($"private static global::System.ReadOnlySpan<{t}> Trained{tensor.Member} => new {t}[]");
                using (writer.Block(";"))
                {
                    WriteValues(writer, tensor.Values, spec.Numeric);
                }
            }
        }

        CloseScopes(scopes);
        return writer.ToString();
    }

    /// <summary>
    /// The values, <see cref="ValuesPerLine"/> a line, each written so it parses back to the same bits: nine
    /// significant digits for a float and seventeen for a double, with the invariant culture (<c>G9</c>/<c>G17</c>
    /// give the same text on every runtime, unlike <c>R</c> on .NET Framework).
    /// </summary>
    private static void WriteValues(SourceWriter writer, double[] values, NumericType numeric)
    {
        var line = new System.Text.StringBuilder();
        for (int i = 0; i < values.Length; i++)
        {
            // A negative zero keeps its sign: .NET Framework, which runs the compiler in some IDE builds, formats it
            // as "0", and the text must not depend on where the generator runs.
            string text = numeric == NumericType.Single
                ? ((float)values[i]).ToString("G9", CultureInfo.InvariantCulture)
                : values[i].ToString("G17", CultureInfo.InvariantCulture);
            if (values[i] == 0 && BitConverter.DoubleToInt64Bits(values[i]) < 0 && text[0] != '-')
            {
                text = "-" + text;
            }

            line.Append(text).Append(numeric == NumericType.Single ? 'f' : 'd');
            line.Append(',');
            if ((i + 1) % ValuesPerLine == 0 || i == values.Length - 1)
            {
                writer.Line(line.ToString());
                line.Clear();
            }
            else
            {
                line.Append(' ');
            }
        }
    }
}
