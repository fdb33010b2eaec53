using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenNN.Generator.Tests.Infrastructure;

/// <summary>
/// Walks an object graph through its fields (public or not, including compiler-generated backing fields), the way
/// NetEscapades' <c>AssertObjectGraph</c> and STJ's model tests do. Used on pipeline models, which must be plain
/// values: a Roslyn object in them roots old compilations and defeats caching.
/// </summary>
internal static class ObjectGraph
{
    /// <summary>The Roslyn types a pipeline model must never hold, named in failure messages.</summary>
    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(Compilation), typeof(SemanticModel),
    ];

    /// <summary>Everything else from the compiler's assemblies is suspect too (<c>AttributeData</c>, <c>Diagnostic</c>, ...), enums aside.</summary>
    private static readonly Assembly[] RoslynAssemblies = [typeof(Compilation).Assembly, typeof(CSharpCompilation).Assembly];

    private const int MaxDepth = 64;

    /// <summary>The paths (<c>root.Layers._items[0].Name</c>) of every Roslyn object reachable from <paramref name="root"/>.</summary>
    public static IReadOnlyList<string> FindRoslynObjects(object root, string rootName = "root")
    {
        var found = new List<string>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(root, rootName, 0);
        return found;

        void Walk(object? value, string path, int depth)
        {
            if (value is null || IsLeaf(value.GetType()))
            {
                return;
            }

            Type type = value.GetType();
            if (RoslynKind(type) is string kind)
            {
                found.Add($"{path}: {kind} ({type.FullName})");
                return;
            }

            if ((!type.IsValueType && !visited.Add(value)) || depth > MaxDepth)
            {
                return;
            }

            if (value is Array array)
            {
                for (int i = 0; i < array.Length; i++)
                {
                    Walk(array.GetValue(i), $"{path}[{i}]", depth + 1);
                }

                return;
            }

            foreach (FieldInfo field in InstanceFields(type))
            {
                Walk(field.GetValue(value), $"{path}.{DisplayName(field)}", depth + 1);
            }
        }
    }

    /// <summary>
    /// The path to the first field where <paramref name="left"/> and <paramref name="right"/> differ, or
    /// <see langword="null"/> when they are structurally equal (as <c>GeneratorTestHelpers.AssertStructurallyEqual</c> reports).
    /// </summary>
    public static string? FirstDifference(object? left, object? right, string path = "root", int depth = 0)
    {
        if (ReferenceEquals(left, right) || depth > MaxDepth)
        {
            return null;
        }

        if (left is null || right is null || left.GetType() != right.GetType())
        {
            return $"{path}: {Describe(left)} vs {Describe(right)}";
        }

        Type type = left.GetType();
        if (IsLeaf(type))
        {
            return left.Equals(right) ? null : $"{path}: {Describe(left)} vs {Describe(right)}";
        }

        if (left is IList leftList && right is IList rightList && type.IsArray)
        {
            if (leftList.Count != rightList.Count)
            {
                return $"{path}: length {leftList.Count} vs {rightList.Count}";
            }

            for (int i = 0; i < leftList.Count; i++)
            {
                if (FirstDifference(leftList[i], rightList[i], $"{path}[{i}]", depth + 1) is string difference)
                {
                    return difference;
                }
            }

            return null;
        }

        return InstanceFields(type)
            .Select(field => FirstDifference(field.GetValue(left), field.GetValue(right), $"{path}.{DisplayName(field)}", depth + 1))
            .FirstOrDefault(difference => difference is not null);
    }

    private static string? RoslynKind(Type type)
        => Forbidden.FirstOrDefault(forbidden => forbidden.IsAssignableFrom(type))?.Name
           ?? (RoslynAssemblies.Contains(type.Assembly) && !type.IsEnum && !type.IsArray ? "Roslyn object" : null);

    private static bool IsLeaf(Type type)
        => type.IsPrimitive || type.IsEnum || type.IsPointer || type == typeof(string) || type == typeof(decimal) || typeof(Type).IsAssignableFrom(type);

    /// <summary>Instance fields declared by <paramref name="type"/> and all its base types (private fields are not inherited by reflection).</summary>
    private static IEnumerable<FieldInfo> InstanceFields(Type type)
    {
        for (Type? current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (FieldInfo field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                yield return field;
            }
        }
    }

    /// <summary><c>Layers</c> for the record backing field <c>&lt;Layers&gt;k__BackingField</c>.</summary>
    private static string DisplayName(FieldInfo field)
        => field.Name.StartsWith('<') && field.Name.IndexOf('>') is int end and > 0 ? field.Name.Substring(1, end - 1) : field.Name;

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        _ when IsLeaf(value.GetType()) => $"{value} ({value.GetType().Name})",
        _ => value.GetType().Name,
    };
}
