using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary>The <c>INetwork&lt;T&gt;</c> members whose names the constants already use, implemented explicitly.</summary>
internal static partial class NetworkEmitter
{
    private static void WriteInterfaceMembers(SourceWriter writer, NetworkSpec spec)
    {
        string contract = $"global::GenNN.INetwork<{spec.Numeric.Keyword()}>";
        WriteGeneratedCode(writer);
        writer.Line($"int {contract}.InputSize => InputSize;");
        writer.Line();
        WriteGeneratedCode(writer);
        writer.Line($"int {contract}.OutputSize => OutputSize;");
        writer.Line();
        WriteGeneratedCode(writer);
        writer.Line($"int {contract}.ParameterCount => ParameterCount;");
        writer.Line();
        WriteGeneratedCode(writer);
        writer.Line($"int {contract}.BufferCount => BufferCount;");
        writer.Line();
        WriteGeneratedCode(writer);
        writer.Line($"global::GenNN.NetworkDescription {contract}.Description => Description;");
        if (spec.Loss is not null)
        {
            writer.Line();
            WriteGeneratedCode(writer);
            writer.Line($"global::GenNN.Training.OptimizerOptions global::GenNN.ITrainableNetwork<{spec.Numeric.Keyword()}>.DefaultOptimizer => DefaultOptimizer;");
        }
    }
}
