using System.Globalization;
using System.Text;

namespace GenNN.Generator.Tests.Infrastructure;

/// <summary>Writes a <see cref="Topology"/> as the attribute-annotated partial class a user would write.</summary>
internal static class TopologySource
{
    public const string Namespace = "PropertyTests";

    public const string ClassName = "Net";

    /// <summary>The generated type's name, for <see cref="InMemoryAssembly.Create{T}"/>.</summary>
    public const string TypeName = Namespace + "." + ClassName;

    public static string Render(Topology topology)
    {
        var source = new StringBuilder()
            .AppendLine("using GenNN;")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"namespace {Namespace};")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"[Network(Precision.{topology.Precision})]")
            .AppendLine(CultureInfo.InvariantCulture, $"[Input({topology.InputSize})]");
        foreach (DenseLayer layer in topology.Layers)
        {
            source.Append(CultureInfo.InvariantCulture, $"[Dense({layer.Units}, Activation.{layer.Activation}");
            if (layer.Activation == Activation.LeakyReLU)
            {
                source.Append(CultureInfo.InvariantCulture, $", NegativeSlope = {layer.NegativeSlope:R}");
            }

            source.AppendLine(")]");
        }

        if (topology.Loss is LossFunction loss)
        {
            source.AppendLine(CultureInfo.InvariantCulture, $"[Loss(LossFunction.{loss})]");
        }

        return source.AppendLine(CultureInfo.InvariantCulture, $"public partial class {ClassName} {{ }}").ToString();
    }
}
