using System.Linq;
using GenNN.Generator.Helpers;
using GenNN.Generator.Model;

namespace GenNN.Generator.Emit;

/// <summary>The network's structure as data (<c>Description</c>) and its declared optimizer (<c>DefaultOptimizer</c>).</summary>
internal static partial class NetworkEmitter
{
    private static void WriteDescription(SourceWriter writer, NetworkSpec spec)
    {
        writer.Line("/// <summary>The network's structure as data: layers, shapes, settings, and where each tensor lives in <see cref=\"Parameters\"/> or <see cref=\"Buffers\"/>.</summary>");
        WriteGeneratedCode(writer);
        writer.Line("public static global::GenNN.NetworkDescription Description { get; } = new(");
        writer.Line($"    \"{spec.Type.Name.TrimStart('@')}\",");
        writer.Line($"    global::GenNN.Precision.{spec.Numeric},");
        writer.Line($"    new[] {{ {spec.InputShape.Elements} }},");
        writer.Line("    new global::GenNN.LayerDescription[]");
        writer.Line("    {");
        foreach (LayerSpec layer in spec.Layers)
        {
            writer.Line(
                $"        new(\"{layer.Name}\", \"{layer.KindName}\", new[] {{ {layer.InputShape.Elements} }}, new[] {{ {layer.OutputShape.Elements} }}, "
                + $"global::GenNN.Activation.{layer.Activation.Kind},");
            writer.Line(layer.Settings.Count == 0
                ? "            global::System.Array.Empty<global::GenNN.LayerSetting>(),"
                : $"            new global::GenNN.LayerSetting[] {{ {string.Join(", ", layer.Settings.Select(setting => $"new(\"{setting.Name}\", {NumericType.Double.Literal(setting.Value)})"))} }},");
            WriteTensorDescriptions(writer, layer, layer.Tensors, last: false);
            WriteTensorDescriptions(writer, layer, layer.Buffers, last: true);
        }

        writer.Line("    },");
        writer.Line($"    {(spec.Loss is LossKind loss ? "global::GenNN.LossFunction." + loss : "null")});");
        writer.Line();
    }

    private static void WriteTensorDescriptions(SourceWriter writer, LayerSpec layer, System.Collections.Generic.IReadOnlyList<ParameterTensor> tensors, bool last)
    {
        string end = last ? ")," : ",";
        if (tensors.Count == 0)
        {
            writer.Line($"            global::System.Array.Empty<global::GenNN.TensorDescription>(){end}");
            return;
        }

        writer.Line("            new global::GenNN.TensorDescription[]");
        writer.Line("            {");
        foreach (ParameterTensor tensor in tensors)
        {
            string member = layer.Name + tensor.MemberSuffix;
            writer.Line($"                new(\"{tensor.MemberSuffix}\", {member}Offset, {member}Length, new[] {{ {tensor.Dimensions.Elements} }}),");
        }

        writer.Line($"            }}{end}");
    }

    private static void WriteDefaultOptimizer(SourceWriter writer, NetworkSpec spec)
    {
        if (spec.Optimizer is not OptimizerSpec optimizer)
        {
            writer.Line("/// <summary>The optimizer the fit loop uses unless told otherwise: no <c>[Optimizer]</c> is declared, so Adam with PyTorch's defaults.</summary>");
            WriteGeneratedCode(writer);
            writer.Line("public static global::GenNN.Training.OptimizerOptions DefaultOptimizer { get; } = global::GenNN.Training.OptimizerOptions.For(global::GenNN.Training.OptimizerKind.Adam);");
            writer.Line();
            return;
        }

        writer.Line("/// <summary>The optimizer declared by <c>[Optimizer]</c>: PyTorch's defaults for it, with the settings given there.</summary>");
        WriteGeneratedCode(writer);
        writer.Line("public static global::GenNN.Training.OptimizerOptions DefaultOptimizer { get; } =");
        string options = $"global::GenNN.Training.OptimizerOptions.For(global::GenNN.Training.OptimizerKind.{optimizer.KindName})";
        if (optimizer.Settings.Count == 0)
        {
            writer.Line($"    {options};");
        }
        else
        {
            writer.Line($"    {options} with");
            writer.Line("    {");
            foreach (OptimizerSetting setting in optimizer.Settings)
            {
                writer.Line($"        {setting.Name} = {setting.Literal},");
            }

            writer.Line("    };");
        }

        writer.Line();
    }
}
