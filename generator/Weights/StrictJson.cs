using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GenNN.Generator.Weights;

/// <summary>
/// A small, strict JSON reader (RFC 8259) for the safetensors header: the generator targets netstandard2.0 and
/// carries no System.Text.Json. Objects keep their members in order, duplicates included, so the caller can refuse
/// them; numbers keep their text. Anything that is not JSON throws <see cref="FormatException"/> with the offset.
/// Nesting is limited, so hostile input cannot exhaust the stack.
/// </summary>
internal static class StrictJson
{
    private const int MaxDepth = 64;

    public static JsonValue Parse(string text)
    {
        int position = 0;
        JsonValue value = ReadValue(text, ref position, depth: 0);
        SkipWhitespace(text, ref position);
        if (position != text.Length)
        {
            throw Error(position, "text after the JSON value");
        }

        return value;
    }

    private static JsonValue ReadValue(string text, ref int position, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error(position, $"nesting deeper than {MaxDepth}");
        }

        SkipWhitespace(text, ref position);
        if (position >= text.Length)
        {
            throw Error(position, "unexpected end");
        }

        char c = text[position];
        switch (c)
        {
            case '{':
                return ReadObject(text, ref position, depth);
            case '[':
                return ReadArray(text, ref position, depth);
            case '"':
                return new JsonString(ReadString(text, ref position));
            case 't':
                return ReadLiteral(text, ref position, "true");
            case 'f':
                return ReadLiteral(text, ref position, "false");
            case 'n':
                return ReadLiteral(text, ref position, "null");
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ReadNumber(text, ref position);
                }

                throw Error(position, $"unexpected character '{c}'");
        }
    }

    private static JsonObject ReadObject(string text, ref int position, int depth)
    {
        var members = new List<KeyValuePair<string, JsonValue>>();
        position++;
        SkipWhitespace(text, ref position);
        if (position < text.Length && text[position] == '}')
        {
            position++;
            return new JsonObject(members);
        }

        while (true)
        {
            SkipWhitespace(text, ref position);
            if (position >= text.Length || text[position] != '"')
            {
                throw Error(position, "expected a member name");
            }

            string name = ReadString(text, ref position);
            SkipWhitespace(text, ref position);
            Expect(text, ref position, ':');
            members.Add(new KeyValuePair<string, JsonValue>(name, ReadValue(text, ref position, depth + 1)));
            SkipWhitespace(text, ref position);
            if (position < text.Length && text[position] == ',')
            {
                position++;
                continue;
            }

            Expect(text, ref position, '}');
            return new JsonObject(members);
        }
    }

    private static JsonArray ReadArray(string text, ref int position, int depth)
    {
        var items = new List<JsonValue>();
        position++;
        SkipWhitespace(text, ref position);
        if (position < text.Length && text[position] == ']')
        {
            position++;
            return new JsonArray(items);
        }

        while (true)
        {
            items.Add(ReadValue(text, ref position, depth + 1));
            SkipWhitespace(text, ref position);
            if (position < text.Length && text[position] == ',')
            {
                position++;
                continue;
            }

            Expect(text, ref position, ']');
            return new JsonArray(items);
        }
    }

    private static string ReadString(string text, ref int position)
    {
        var builder = new StringBuilder();
        position++;
        while (true)
        {
            if (position >= text.Length)
            {
                throw Error(position, "unterminated string");
            }

            char c = text[position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c < ' ')
            {
                throw Error(position - 1, "control character in a string");
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (position >= text.Length)
            {
                throw Error(position, "unterminated escape");
            }

            char escape = text[position++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (position + 4 > text.Length
                        || !int.TryParse(text.Substring(position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                    {
                        throw Error(position, "invalid \\u escape");
                    }

                    builder.Append((char)code);
                    position += 4;
                    break;
                default:
                    throw Error(position - 1, $"invalid escape '\\{escape}'");
            }
        }
    }

    private static JsonNumber ReadNumber(string text, ref int position)
    {
        int start = position;
        if (text[position] == '-')
        {
            position++;
        }

        if (position < text.Length && text[position] == '0')
        {
            position++;
        }
        else if (!ReadDigits(text, ref position))
        {
            throw Error(position, "invalid number");
        }

        if (position < text.Length && text[position] == '.')
        {
            position++;
            if (!ReadDigits(text, ref position))
            {
                throw Error(position, "invalid number");
            }
        }

        if (position < text.Length && (text[position] == 'e' || text[position] == 'E'))
        {
            position++;
            if (position < text.Length && (text[position] == '+' || text[position] == '-'))
            {
                position++;
            }

            if (!ReadDigits(text, ref position))
            {
                throw Error(position, "invalid number");
            }
        }

        return new JsonNumber(text.Substring(start, position - start));
    }

    private static bool ReadDigits(string text, ref int position)
    {
        int start = position;
        while (position < text.Length && text[position] >= '0' && text[position] <= '9')
        {
            position++;
        }

        return position > start;
    }

    private static JsonLiteral ReadLiteral(string text, ref int position, string literal)
    {
        if (string.CompareOrdinal(text, position, literal, 0, literal.Length) != 0)
        {
            throw Error(position, "invalid literal");
        }

        position += literal.Length;
        return new JsonLiteral();
    }

    private static void Expect(string text, ref int position, char expected)
    {
        if (position >= text.Length || text[position] != expected)
        {
            throw Error(position, $"expected '{expected}'");
        }

        position++;
    }

    private static void SkipWhitespace(string text, ref int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\n' or '\r')
        {
            position++;
        }
    }

    private static FormatException Error(int position, string problem)
        => new($"{problem} at offset {position.ToString(CultureInfo.InvariantCulture)}");
}

/// <summary>A parsed JSON value.</summary>
internal abstract class JsonValue
{
}

internal sealed class JsonObject(IReadOnlyList<KeyValuePair<string, JsonValue>> members) : JsonValue
{
    public IReadOnlyList<KeyValuePair<string, JsonValue>> Members { get; } = members;

    /// <summary>The member named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public JsonValue? this[string name]
    {
        get
        {
            foreach (KeyValuePair<string, JsonValue> member in Members)
            {
                if (member.Key == name)
                {
                    return member.Value;
                }
            }

            return null;
        }
    }
}

internal sealed class JsonArray(IReadOnlyList<JsonValue> items) : JsonValue
{
    public IReadOnlyList<JsonValue> Items { get; } = items;
}

internal sealed class JsonString(string value) : JsonValue
{
    public string Value { get; } = value;
}

/// <summary>A number as written; <see cref="TryGetInt64"/> accepts integers only.</summary>
internal sealed class JsonNumber(string text) : JsonValue
{
    public string Text { get; } = text;

    public bool TryGetInt64(out long value)
        => long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}

/// <summary><c>true</c>, <c>false</c> or <c>null</c>: valid JSON, though no safetensors field may be one.</summary>
internal sealed class JsonLiteral : JsonValue
{
}
