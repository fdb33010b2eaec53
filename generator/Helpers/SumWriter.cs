using System.Collections.Generic;
using System.Text;

namespace GenNN.Generator.Helpers;

/// <summary>Writes <c>target = t0 + t1 + ...;</c> (or <c>+=</c>), wrapping long sums so unrolled code stays readable.</summary>
internal static class SumWriter
{
    private const int TermsPerLine = 6;

    public static void Write(SourceWriter writer, string assignment, IReadOnlyList<string> terms)
    {
        var line = new StringBuilder(assignment).Append(' ');
        for (int i = 0; i < terms.Count; i++)
        {
            if (i > 0 && i % TermsPerLine == 0)
            {
                writer.Line(line.ToString());
                line.Clear().Append("    + ");
            }
            else if (i > 0)
            {
                line.Append(" + ");
            }

            line.Append(terms[i]);
        }

        writer.Line(line.Append(';').ToString());
    }
}
