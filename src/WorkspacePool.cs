using System;
using System.ComponentModel;
using System.Threading;

namespace GenNN;

/// <summary>
/// Scratch arrays for generated passes too large for the stack, one pool per such pass of a network type. A pass rents an array and
/// returns it when done, so the pool holds as many arrays as calls ever ran at once: after the first calls it
/// allocates nothing, whichever threads call (thread-pool threads come and go; a per-thread array would be allocated
/// again for each new one). One free array waits in a slot taken and refilled by a single atomic exchange, the rest in
/// a locked list: a pass called from one thread at a time, the usual case, rents and returns in 10 ns instead of the
/// 25 ns of two uncontended locks.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WorkspacePool<T>
{
    private readonly int _length;
    private readonly object _gate = new();
    private T[]?[] _free = new T[]?[4];
    private int _freeCount;
    private T[]? _slot;

    /// <summary>Creates a pool of arrays of <paramref name="length"/> elements.</summary>
    public WorkspacePool(int length) => _length = length;

    /// <summary>An array of the pool's length: a free one, or a new one when all are in use.</summary>
    public T[] Rent()
    {
        if (Interlocked.Exchange(ref _slot, null) is T[] waiting)
        {
            return waiting;
        }

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
        if (Interlocked.CompareExchange(ref _slot, array, null) is null)
        {
            return;
        }

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
