using System;

namespace GenNN.Generator.Helpers;

/// <summary>
/// Keeps hint names unique. <c>AddSource</c> compares them ignoring case, but C# names do not: networks <c>Net</c>
/// and <c>NET</c> in one namespace would collide, and a collision makes the whole generator fail.
/// </summary>
internal static class HintNames
{
    /// <summary>
    /// <paramref name="hintName"/>, or when other networks' hint names equal it ignoring case, the same name with
    /// its 1-based rank among them (ordinal order) before the extension: <c>Demo.Net.2.GenNN.g.cs</c>.
    /// </summary>
    public static string MakeUnique(string hintName, EquatableArray<string> allHintNames)
    {
        int rank = 0;
        bool collides = false;
        foreach (string other in allHintNames)
        {
            if (string.Equals(other, hintName, StringComparison.OrdinalIgnoreCase) && !string.Equals(other, hintName, StringComparison.Ordinal))
            {
                collides = true;
                if (string.CompareOrdinal(other, hintName) < 0)
                {
                    rank++;
                }
            }
        }

        return collides && rank > 0
            ? hintName.Insert(hintName.Length - ".GenNN.g.cs".Length, "." + Invariant.Text(rank + 1))
            : hintName;
    }
}
