using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenNN.Generator.Parsing;

/// <summary>
/// Reads one attribute application: its argument values from <see cref="AttributeData"/>, and for diagnostics the
/// narrowest location (the argument itself when written, else the attribute).
/// </summary>
internal sealed class AttributeReader
{
    private readonly AttributeData _data;

    private AttributeReader(AttributeData data, AttributeSyntax syntax, string metadataName)
    {
        _data = data;
        Syntax = syntax;
        MetadataName = metadataName;
        ShortName = metadataName.Substring(metadataName.LastIndexOf('.') + 1).Replace("Attribute", string.Empty);
    }

    public AttributeSyntax Syntax { get; }

    /// <summary>The attribute class's full name (<c>GenNN.DenseAttribute</c>).</summary>
    public string MetadataName { get; }

    /// <summary>The attribute's name as users write it (<c>Dense</c>).</summary>
    public string ShortName { get; }

    public Location Location => Syntax.GetLocation();

    /// <summary>
    /// Why the arguments cannot be read (no matching constructor, an argument of the wrong type or not constant),
    /// or <see langword="null"/> when they can.
    /// </summary>
    public string? MalformedReason
    {
        get
        {
            if (_data.AttributeConstructor is null)
            {
                return "its arguments match none of its constructors";
            }

            foreach (TypedConstant argument in _data.ConstructorArguments)
            {
                if (argument.Kind == TypedConstantKind.Error)
                {
                    return "an argument is not a constant of the parameter's type";
                }
            }

            foreach (var named in _data.NamedArguments)
            {
                if (named.Value.Kind == TypedConstantKind.Error)
                {
                    return $"the value of '{named.Key}' is not a constant of its type";
                }
            }

            return null;
        }
    }

    /// <summary>The value of the constructor parameter named <paramref name="parameterName"/>, or <paramref name="fallback"/>.</summary>
    public T Argument<T>(string parameterName, T fallback)
    {
        IMethodSymbol? constructor = _data.AttributeConstructor;
        if (constructor is null)
        {
            return fallback;
        }

        for (int i = 0; i < constructor.Parameters.Length && i < _data.ConstructorArguments.Length; i++)
        {
            if (constructor.Parameters[i].Name == parameterName)
            {
                return _data.ConstructorArguments[i].Value is T value ? value : fallback;
            }
        }

        return fallback;
    }

    /// <summary>
    /// The integers given to the array (<c>params int[]</c>) constructor parameter <paramref name="parameterName"/>, or
    /// <see langword="null"/> when it has no such parameter or an element is not an integer.
    /// </summary>
    public int[]? IntegerArray(string parameterName)
    {
        IMethodSymbol? constructor = _data.AttributeConstructor;
        if (constructor is null)
        {
            return null;
        }

        for (int i = 0; i < constructor.Parameters.Length && i < _data.ConstructorArguments.Length; i++)
        {
            TypedConstant argument = _data.ConstructorArguments[i];
            if (constructor.Parameters[i].Name != parameterName || argument.Kind != TypedConstantKind.Array || argument.IsNull)
            {
                continue;
            }

            var values = new int[argument.Values.Length];
            for (int v = 0; v < values.Length; v++)
            {
                if (argument.Values[v].Value is not int value)
                {
                    return null;
                }

                values[v] = value;
            }

            return values;
        }

        return null;
    }

    /// <summary>The named arguments, in source order.</summary>
    public System.Collections.Immutable.ImmutableArray<System.Collections.Generic.KeyValuePair<string, TypedConstant>> NamedArguments => _data.NamedArguments;

    /// <summary>Whether the named property <paramref name="name"/> was set.</summary>
    public bool HasNamed(string name)
    {
        foreach (var named in _data.NamedArguments)
        {
            if (named.Key == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value given to the named property <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public T Named<T>(string name, T fallback)
    {
        foreach (var named in _data.NamedArguments)
        {
            if (named.Key == name)
            {
                return named.Value.Value is T value ? value : fallback;
            }
        }

        return fallback;
    }

    /// <summary>The location of the argument given for constructor parameter <paramref name="parameterName"/>, else the attribute's.</summary>
    public Location ArgumentLocation(string parameterName)
    {
        IMethodSymbol? constructor = _data.AttributeConstructor;
        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = Syntax.ArgumentList?.Arguments ?? default;
        int position = 0;
        foreach (AttributeArgumentSyntax argument in arguments)
        {
            if (argument.NameEquals is not null)
            {
                continue;
            }

            string? name = argument.NameColon?.Name.Identifier.ValueText
                ?? (constructor is not null && position < constructor.Parameters.Length ? constructor.Parameters[position].Name : null);
            position++;
            if (name == parameterName)
            {
                return argument.GetLocation();
            }
        }

        return Location;
    }

    /// <summary>The location of the <paramref name="position"/>-th positional argument (0-based), else the attribute's.</summary>
    public Location PositionalArgumentLocation(int position)
    {
        int seen = 0;
        foreach (AttributeArgumentSyntax argument in Syntax.ArgumentList?.Arguments ?? default)
        {
            if (argument.NameEquals is null && seen++ == position)
            {
                return argument.GetLocation();
            }
        }

        return Location;
    }

    /// <summary>The location of the named argument <paramref name="name"/>, else the attribute's.</summary>
    public Location NamedLocation(string name)
    {
        foreach (AttributeArgumentSyntax argument in Syntax.ArgumentList?.Arguments ?? default)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == name)
            {
                return argument.GetLocation();
            }
        }

        return Location;
    }

    /// <summary>Pairs <paramref name="data"/> with its syntax; <see langword="null"/> for attributes not written in source.</summary>
    public static AttributeReader? Create(AttributeData data, CancellationToken cancellationToken)
        => data.AttributeClass?.ToDisplayString() is string metadataName
           && data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax
            ? new AttributeReader(data, syntax, metadataName)
            : null;
}
