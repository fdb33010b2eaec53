namespace GenNN.Generator.Model;

/// <summary>
/// Which axis comes first in a two-axis value: a signal's channels (<c>[C, L]</c>, as convolutions and pools read it,
/// PyTorch's <c>nn.Conv1d</c>) or a sequence's steps (<c>[T, F]</c>, as recurrent layers read it, PyTorch's
/// <c>batch_first</c>). The shapes alone cannot tell the two apart; the layers that write and read them can.
/// </summary>
internal enum SignalAxes
{
    ChannelsFirst,
    StepsFirst,
}

/// <summary>How each <see cref="SignalAxes"/> reads in diagnostics.</summary>
internal static class SignalAxesText
{
    public static string Describe(this SignalAxes axes) => axes == SignalAxes.ChannelsFirst ? "[channels, length]" : "[steps, features]";
}
