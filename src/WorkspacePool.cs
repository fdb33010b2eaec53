using System;
using System.ComponentModel;

namespace GenNN;

/// <summary>
/// Scratch arrays for generated passes too large for the stack, one pool per such pass of a network type. A pass rents an array and
/// returns it when done, so the pool holds as many arrays as calls ever ran at once: after the first calls it
/// allocates nothing, whichever threads call (thread-pool threads come and go; a per-thread array would be allocated
/// again for each new one).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WorkspacePool<T>
{
    private readonly int _length;
    private readonly object _gate = new();
    private T[]?[] _free = new T[]?[4];
    private int _freeCount;

    /// <summary>Creates a pool of arrays of <paramref name="length"/> elements.</summary>
    public WorkspacePool(int length) => _length = length;

    /// <summary>An array of the pool's length: a free one, or a new one when all are in use.</summary>
    public T[] Rent()
    {
        lock (_gate)
        {
            if (_freeCount > 0)
            {
                T[] array = _free[--_freeCount]!;
                _free[_freeCount] = null;
                return array;
            }
        }

        return new T[_length];
    }

    /// <summary>Gives back an array from <see cref="Rent"/>.</summary>
    public void Return(T[] array)
    {
        lock (_gate)
        {
            if (_freeCount == _free.Length)
            {
                Array.Resize(ref _free, _free.Length * 2);
            }

            _free[_freeCount++] = array;
        }
    }
}
