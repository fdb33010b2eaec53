using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using GenNN.IntegrationTests.Scratch;
using GenNN.IntegrationTests.Training;
using Xunit;

namespace GenNN.IntegrationTests;

/// <summary>
/// Parameters, gradients and buffers start at a 64-byte boundary in every network object, whatever was allocated
/// before it and after garbage collections that compact the heap: the kernels' speed must not depend on where a
/// launch's allocator happened to put the network.
/// </summary>
public sealed class AlignmentTests
{
    [Fact]
    public void EveryNetworksValuesStartAtA64ByteBoundary()
    {
        var networks = new List<(string Name, Func<nint[]> Addresses)>();
        var garbage = new List<byte[]>();
        for (int i = 0; i < 40; i++)
        {
            // Odd-sized allocations between the networks shift where each lands.
            garbage.Add(new byte[1 + (i * 37 % 301)]);
            var xor = new XorNet(i);
            var allKinds = new AllKindsNet(i);
            var inferenceOnly = new InferenceOnlyNet(i);
            networks.Add(("XorNet", () => [Address(xor.Parameters), Address(xor.Gradients)]));
            networks.Add(("AllKindsNet", () => [Address(allKinds.Parameters), Address(allKinds.Gradients), Address(allKinds.Buffers)]));
            networks.Add(("InferenceOnlyNet", () => [Address(inferenceOnly.Parameters)]));
        }

        for (int round = 0; round < 2; round++)
        {
            foreach ((string name, Func<nint[]> addresses) in networks)
            {
                foreach (nint address in addresses())
                {
                    Assert.True(address % 64 == 0, $"{name}'s values start at 0x{address:x}, {address % 64} bytes past a 64-byte boundary.");
                }
            }

            garbage.Clear();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }

    private static unsafe nint Address<T>(Span<T> values) => (nint)Unsafe.AsPointer(ref values[0]);
}
