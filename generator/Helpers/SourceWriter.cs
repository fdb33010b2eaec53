using System;
using System.Text;

namespace GenNN.Generator.Helpers;

/// <summary>
/// Writes indented C# with <c>\n</c> line endings, whatever the OS, so generated text is byte-identical everywhere.
/// <see cref="Block"/> returns a scope that closes its brace, so braces always balance.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _text = new();
    private int _indent;

    public void Line(string line)
    {
        if (line.Length > 0)
        {
            for (int i = 0; i < _indent; i++)
            {
                _text.Append(IndentUnit);
            }

            _text.Append(line);
        }

        _text.Append('\n');
    }

    public void Line() => _text.Append('\n');

    /// <summary>Writes <c>{</c>, indents until the scope is disposed, then writes <c>}</c> (plus <paramref name="closingSuffix"/>).</summary>
    public Scope Block(string closingSuffix = "")
    {
        Line("{");
        _indent++;
        return new Scope(this, closingSuffix);
    }

    public override string ToString()
    {
        if (_indent != 0)
        {
            throw new InvalidOperationException("Unbalanced blocks in generated source.");
        }

        return _text.ToString();
    }

    internal readonly struct Scope : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string _closingSuffix;

        public Scope(SourceWriter writer, string closingSuffix)
        {
            _writer = writer;
            _closingSuffix = closingSuffix;
        }

        public void Dispose()
        {
            _writer._indent--;
            _writer.Line("}" + _closingSuffix);
        }
    }
}
