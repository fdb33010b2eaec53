using System;
using System.IO;

namespace GenNN.Serialization;

/// <summary>
/// Replaces a file all at once: the new contents go to a temporary file in the same folder, are flushed to the disk,
/// and then renamed over the target. A crash or an exception at any point leaves either the old file or the new one,
/// never a half-written mixture.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> contents)
    {
        ArgumentNullException.ThrowIfNull(path);
        string target = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));

        // Same folder, so the rename stays within one file system and is atomic; hidden and unique, so concurrent
        // saves never collide and a leftover from a crash is recognizable.
        string temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw;
        }
    }
}
