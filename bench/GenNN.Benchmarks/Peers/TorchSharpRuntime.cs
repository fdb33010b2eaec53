using TorchSharp;

namespace GenNN.Benchmarks.Peers;

/// <summary>LibTorch's process-wide settings for a fair single-core comparison.</summary>
public static class TorchSharpRuntime
{
    private static readonly object Gate = new();
    private static bool configured;

    /// <summary>One intra-op and one inter-op thread, as GenNN and ONNX Runtime get. Idempotent.</summary>
    public static void UseOneThread()
    {
        lock (Gate)
        {
            if (configured)
            {
                return;
            }

            // LibTorch accepts the inter-op setting only once, before its pool starts.
            torch.set_num_interop_threads(1);
            torch.set_num_threads(1);
            configured = true;
        }
    }
}
