using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace GenNN.Generator.Tests.Infrastructure;

/// <summary>
/// Emits a compilation to memory and loads it into a collectible context, so property tests can compile and run
/// hundreds of generated networks without filling the process. GenNN itself resolves from the default context,
/// so the loaded networks implement the very <see cref="INetwork{T}"/> the tests see.
/// </summary>
internal sealed class InMemoryAssembly : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private InMemoryAssembly(AssemblyLoadContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    /// <summary>Emits <paramref name="compilation"/>; fails with the compiler's errors when it does not compile cleanly.</summary>
    public static InMemoryAssembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        EmitResult result = compilation.Emit(stream);
        Diagnostic[] problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        if (!result.Success || problems.Length > 0)
        {
            throw new InvalidOperationException("Generated code did not compile cleanly:\n" + string.Join("\n", problems.Select(d => d.ToString())));
        }

        stream.Position = 0;
        var context = new AssemblyLoadContext("GenNN.Tests." + Guid.NewGuid().ToString("N"), isCollectible: true);
        return new InMemoryAssembly(context, context.LoadFromStream(stream));
    }

    /// <summary>Creates an instance of the generated network <paramref name="typeName"/> through its <c>(long seed)</c> constructor.</summary>
    public T Create<T>(string typeName, long seed)
        => (T)Activator.CreateInstance(Assembly.GetType(typeName, throwOnError: true)!, seed)!;

    public void Dispose() => _context.Unload();
}
