namespace GenNN.Generator;

/// <summary>Names of the pipeline steps, so tests can check each one's caching.</summary>
internal static class TrackingNames
{
    public const string ParseResult = nameof(ParseResult);
    public const string NetworkSpec = nameof(NetworkSpec);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Output = nameof(Output);
    public const string WeightsFiles = nameof(WeightsFiles);
    public const string WeightsRequest = nameof(WeightsRequest);
    public const string BoundWeights = nameof(BoundWeights);
}
