using System.Collections.Generic;
using System.IO;
using System.Text;

namespace GenNN.Data;

/// <summary>
/// Splits CSV text into records as RFC 4180 describes: fields separated by a delimiter, records by CR, LF or CRLF,
/// and fields optionally in double quotes, which may then hold delimiters, line breaks and doubled quotes.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly string _source;
    private readonly StringBuilder _field = new();
    private int _line = 1;

    public CsvRecordReader(TextReader reader, char delimiter, string source)
    {
        _reader = reader;
        _delimiter = delimiter;
        _source = source;
    }

    /// <summary>The line on which the record last read starts (1-based).</summary>
    public int RecordLine { get; private set; }

    /// <summary>
    /// Reads the next non-blank record into <paramref name="fields"/>; <see langword="false"/> at the end of the text.
    /// A line of nothing but spaces and tabs is blank too.
    /// </summary>
    /// <exception cref="InvalidDataException">A quoted field is not closed, or text follows its closing quote.</exception>
    public bool ReadRecord(List<string> fields)
    {
        fields.Clear();
        while (true)
        {
            RecordLine = _line;
            int first = _reader.Peek();
            if (first < 0)
            {
                return false;
            }

            if (first is '\r' or '\n')
            {
                ReadLineBreak();
                continue;
            }

            bool endOfRecord = ReadField(out string field);
            if (endOfRecord && first != '"' && string.IsNullOrWhiteSpace(field))
            {
                continue;
            }

            fields.Add(field);
            while (!endOfRecord)
            {
                endOfRecord = ReadField(out field);
                fields.Add(field);
            }

            return true;
        }
    }

    /// <summary>Reads one field and the separator after it; returns whether that ended the record.</summary>
    private bool ReadField(out string field)
    {
        _field.Clear();
        if (_reader.Peek() == '"')
        {
            _reader.Read();
            ReadQuoted();
        }

        while (true)
        {
            int next = _reader.Peek();
            if (next < 0 || next == '\r' || next == '\n')
            {
                ReadLineBreak();
                field = _field.ToString();
                return true;
            }

            _reader.Read();
            if (next == _delimiter)
            {
                field = _field.ToString();
                return false;
            }

            _field.Append((char)next);
        }
    }

    private void ReadQuoted()
    {
        int startLine = _line;
        while (true)
        {
            int next = _reader.Read();
            if (next < 0)
            {
                throw new InvalidDataException($"{_source}, line {startLine}: a quoted field is never closed.");
            }

            if (next == '"')
            {
                if (_reader.Peek() != '"')
                {
                    int after = _reader.Peek();
                    if (after >= 0 && after != _delimiter && after != '\r' && after != '\n')
                    {
                        throw new InvalidDataException(
                            $"{_source}, line {_line}: '{(char)after}' follows a closing quote; a quoted field ends at a delimiter or line break.");
                    }

                    return;
                }

                _reader.Read();
            }
            else if (next == '\n' || (next == '\r' && _reader.Peek() != '\n'))
            {
                _line++;
            }

            _field.Append((char)next);
        }
    }

    private void ReadLineBreak()
    {
        int next = _reader.Read();
        if (next == '\r' && _reader.Peek() == '\n')
        {
            _reader.Read();
        }

        if (next >= 0)
        {
            _line++;
        }
    }
}
