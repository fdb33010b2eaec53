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
    /// <summary>Writes <paramref name="contents"/> to <paramref name="path"/>, replacing any file there.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException">The file cannot be written; the message names <paramref name="path"/>.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or the file may not be written.</exception>
    public static void Write(string path, ReadOnlySpan<byte> contents)
    {
        ArgumentNullException.ThrowIfNull(path);
        string target = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Cannot save '{path}': the folder '{folder}' does not exist.");
        }

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
        catch (Exception exception)
        {
            DeleteIfExists(temporary);
            if (exception is not (IOException or UnauthorizedAccessException))
            {
                throw;
            }

            // The system's message names the temporary file, which the caller never saw: lead with the file asked for.
            string message = $"Cannot save '{path}': {exception.Message}";
            throw exception switch
            {
                DirectoryNotFoundException => new DirectoryNotFoundException(message, exception),
                UnauthorizedAccessException => new UnauthorizedAccessException(message, exception),
                _ => new IOException(message, exception),
            };
        }
    }

    private static void DeleteIfExists(string temporary)
    {
        if (File.Exists(temporary))
        {
            File.Delete(temporary);
        }
    }
}
