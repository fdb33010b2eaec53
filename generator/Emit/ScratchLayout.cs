using System.Collections.Generic;
using System.Linq;
using GenNN.Generator.Helpers;
using GenNN.Generator.Layers;
using GenNN.Generator.Model;
using GenNN.Generator.Parsing;

namespace GenNN.Generator.Emit;

/// <summary>
/// Where every value the generated passes compute lives. One sample's region holds, in order: each computing layer's
/// output values (the last layer's are the logits), then for training the head's output, the layers' per-sample
/// regions (dropout masks) and a delta for every value. A block pass lays <c>BatchBlockSize</c> sample regions end to
/// end, then in training the per-block regions (BatchNorm statistics, transposed weights), then the temporary region
/// layers share. Inference passes use only the leading values part of each sample region, so value offsets are the
/// same in every pass. Layers that alias their input (Flatten) get no region: their output and delta are their input's.
/// </summary>
internal sealed class ScratchLayout
{
    /// <summary>Passes needing at most this many bytes of scratch take it from the stack; larger ones rent from the network type's workspace pool.</summary>
    public const int StackScratchBytes = 64 * 1024;

    private readonly NetworkSpec _spec;

    public ScratchLayout(NetworkSpec spec)
    {
        _spec = spec;
        int layers = spec.Layers.Count;
        Producers = new int[layers];
        long values = 0;
        for (int l = 0; l < layers; l++)
        {
            LayerSpec layer = spec.Layers[l];
            int input = l == 0 ? -1 : Producers[l - 1];
            if (layer.AliasesInput(l == layers - 1))
            {
                Producers[l] = input;
                continue;
            }

            Producers[l] = l;
            values += layer.OutputSize;
        }

        InferenceSampleLength = values;
        long sample = values + (long)spec.OutputSize;
        long block = 0;
        long temporary = 0;
        foreach (LayerSpec layer in spec.Layers)
        {
            foreach (ScratchRegion region in layer.Scratch)
            {
                switch (region.Scope)
                {
                    case ScratchScope.TrainingSample:
                        sample += region.Length;
                        break;
                    case ScratchScope.TrainingBlock:
                        block += region.Length;
                        break;
                    default:
                        temporary = System.Math.Max(temporary, region.Length);
                        break;
                }
            }
        }

        sample += values;
        TrainingSampleLength = sample;
        BlockScratchLength = block;
        TemporaryLength = temporary;
        long perSample = (spec.Loss is null ? InferenceSampleLength : TrainingSampleLength) * BytesPerValue;
        BatchBlockSize = (int)System.Math.Max(1, System.Math.Min(32, NetworkLimits.MaxSampleScratchBytes / System.Math.Max(1, perSample)));
    }

    /// <summary>For each layer (0-based), the layer whose output region holds its output, or −1 for the network input.</summary>
    public int[] Producers { get; }

    public int BytesPerValue => _spec.Numeric == NumericType.Single ? sizeof(float) : sizeof(double);

    /// <summary>Values computed per sample: every computing layer's outputs.</summary>
    public long InferenceSampleLength { get; }

    /// <summary>Training's per-sample region: values, head output, per-sample regions and deltas.</summary>
    public long TrainingSampleLength { get; }

    /// <summary>Training's per-block regions.</summary>
    public long BlockScratchLength { get; }

    /// <summary>The largest temporary region of any layer.</summary>
    public long TemporaryLength { get; }

    /// <summary>Samples per block.</summary>
    public int BatchBlockSize { get; }

    /// <summary>Single-sample inference: one sample's values, the temporary region, and room for the output (ComputeLoss).</summary>
    public long ForwardScratchLength => InferenceSampleLength + TemporaryLength + _spec.OutputSize;

    public long InferenceBlockScratchLength => (BatchBlockSize * InferenceSampleLength) + TemporaryLength;

    public long TrainingScratchLength => (BatchBlockSize * TrainingSampleLength) + BlockScratchLength + TemporaryLength;

    /// <summary>Bytes of training scratch one sample needs: what the size limit (GNN0016) bounds.</summary>
    public long TrainingBytesPerSample => (_spec.Loss is null ? InferenceSampleLength : TrainingSampleLength) * BytesPerValue;

    /// <summary>Whether a pass of <paramref name="length"/> values takes its scratch from the stack.</summary>
    public bool FitsStack(long length) => length * BytesPerValue <= StackScratchBytes;

    /// <summary>
    /// The passes that rent their scratch, each from a pool of its own length (so a small pass never holds a training-size
    /// array): the constant naming the length, and the length.
    /// </summary>
    public IEnumerable<(string LengthConstant, long Length)> PooledPasses()
    {
        var passes = new List<(string, long)> { ("ForwardScratchLength", ForwardScratchLength), ("InferenceBlockScratchLength", InferenceBlockScratchLength) };
        if (_spec.Loss is not null)
        {
            passes.Add(("TrainingScratchLength", TrainingScratchLength));
        }

        return passes.Where(pass => !FitsStack(pass.Item2));
    }

    /// <summary>The pool a pass rents from: <c>s_forwardWorkspaces</c> for <c>ForwardScratchLength</c>.</summary>
    public static string PoolName(string lengthConstant)
        => "s_" + char.ToLowerInvariant(lengthConstant[0]) + lengthConstant.Substring(1).Replace("ScratchLength", "Workspaces");

    /// <summary>The private constants the layout defines, in a fixed order, as (name, value) pairs.</summary>
    public IEnumerable<(string Name, long Value)> Constants()
    {
        long offset = 0;
        for (int l = 0; l < _spec.Layers.Count; l++)
        {
            if (Producers[l] == l)
            {
                yield return (_spec.Layers[l].Name + "OutputOffset", offset);
                offset += _spec.Layers[l].OutputSize;
            }
        }

        yield return ("InferenceSampleLength", InferenceSampleLength);
        if (_spec.Loss is null)
        {
            yield return ("TemporaryLength", TemporaryLength);
            foreach ((string name, long value) in RegionConstants(ScratchScope.Temporary, 0))
            {
                yield return (name, value);
            }

            yield break;
        }

        yield return ("ActivatedOutputOffset", offset);
        offset += _spec.OutputSize;
        foreach ((string name, long value) in RegionConstants(ScratchScope.TrainingSample, offset))
        {
            yield return (name, value);
        }

        offset = InferenceSampleLength + _spec.OutputSize + SampleRegionsLength;
        for (int l = 0; l < _spec.Layers.Count; l++)
        {
            if (Producers[l] == l)
            {
                yield return (_spec.Layers[l].Name + "DeltaOffset", offset);
                offset += _spec.Layers[l].OutputSize;
            }
        }

        yield return ("TrainingSampleLength", TrainingSampleLength);
        foreach ((string name, long value) in RegionConstants(ScratchScope.TrainingBlock, 0))
        {
            yield return (name, value);
        }

        yield return ("BlockScratchLength", BlockScratchLength);
        yield return ("TemporaryLength", TemporaryLength);
        foreach ((string name, long value) in RegionConstants(ScratchScope.Temporary, 0))
        {
            yield return (name, value);
        }
    }

    private long SampleRegionsLength => _spec.Layers.SelectMany(layer => layer.Scratch).Where(region => region.Scope == ScratchScope.TrainingSample).Sum(region => (long)region.Length);

    /// <summary>Offset and length constants of every region of <paramref name="scope"/>, packed from <paramref name="start"/> (temporary regions all start at 0).</summary>
    private IEnumerable<(string Name, long Value)> RegionConstants(ScratchScope scope, long start)
    {
        long offset = start;
        foreach (LayerSpec layer in _spec.Layers)
        {
            foreach (ScratchRegion region in layer.Scratch.Where(region => region.Scope == scope))
            {
                if (scope != ScratchScope.Temporary)
                {
                    yield return (layer.Name + region.Suffix + "Offset", offset);
                    offset += region.Length;
                }

                yield return (layer.Name + region.Suffix + "Length", region.Length);
            }
        }
    }

    /// <summary>Single-sample inference: the span holding the output of layer <paramref name="producer"/> (−1: the input).</summary>
    public string SampleValue(int producer)
        => producer < 0 ? "input" : $"scratch.Slice({_spec.Layers[producer].Name}OutputOffset, {_spec.Layers[producer].Name}Size)";

    /// <summary>A block pass: the values of layer <paramref name="producer"/>'s output (−1: the block's inputs).</summary>
    public StridedView BlockValue(int producer, bool training)
        => producer < 0
            ? new StridedView("blockInputs", "InputSize", "InputSize")
            : new StridedView($"block.Slice({_spec.Layers[producer].Name}OutputOffset)", SampleStride(training), $"{_spec.Layers[producer].Name}Size");

    /// <summary>Training's backward pass: the deltas of layer <paramref name="producer"/>'s output, or <see langword="null"/> for the network input.</summary>
    public StridedView? BlockDelta(int producer)
        => producer < 0
            ? null
            : new StridedView($"block.Slice({_spec.Layers[producer].Name}DeltaOffset)", "TrainingSampleLength", $"{_spec.Layers[producer].Name}Size");

    public static string SampleStride(bool training) => training ? "TrainingSampleLength" : "InferenceSampleLength";

    /// <summary>The views of layer <paramref name="l"/> (0-based) in a block pass.</summary>
    public BlockViews Block(int l, bool training, bool backward)
    {
        int input = l == 0 ? -1 : Producers[l - 1];
        return new BlockViews(
            "count",
            BlockValue(input, training),
            BlockValue(Producers[l], training),
            backward ? BlockDelta(Producers[l]) : null,
            backward ? BlockDelta(input) : null,
            "temporary",
            "block",
            SampleStride(training),
            "blockScratch");
    }

    /// <summary>The views of layer <paramref name="l"/> (0-based) in single-sample inference.</summary>
    public SampleViews Sample(int l) => new(SampleValue(l == 0 ? -1 : Producers[l - 1]), SampleValue(Producers[l]), "temporary");

    /// <summary>The producer of the logits: the last layer's output region, or −1 when the whole network aliases its input.</summary>
    public int LogitsProducer => Producers[Producers.Length - 1];
}
