namespace Employment.Core.Interchange;

/// <summary>
/// One way a dataset breaks the contract.
/// </summary>
/// <param name="Record">The record as a person would look for it: <c>position P-3</c>,
/// <c>person S-7 (household H-2)</c>, <c>employer E-1</c>, <c>region</c>, <c>dataset</c>; a record
/// without a usable id is named by its place, e.g. <c>positions[2]</c>.</param>
/// <param name="Field">The contract's path inside the record, e.g. <c>requiredSkills[1]</c>,
/// <c>location.lat</c>, <c>skills[0].code</c>; empty when the fault is the whole document.</param>
/// <param name="Message">What is wrong, in a few English words.</param>
public sealed record DatasetError(string Record, string Field, string Message)
{
    public override string ToString() =>
        Field.Length == 0 ? $"{Record}: {Message}" : $"{Record}, {Field}: {Message}";
}

/// <summary>A dataset was refused; <see cref="Errors"/> holds every fault found, not just the first.</summary>
public sealed class DatasetException(IReadOnlyList<DatasetError> errors) : Exception(Describe(errors))
{
    public IReadOnlyList<DatasetError> Errors { get; } = errors;

    private static string Describe(IReadOnlyList<DatasetError> errors) =>
        $"the dataset breaks the contract in {errors.Count} place{(errors.Count == 1 ? "" : "s")}:"
        + string.Concat(errors.Select(e => Environment.NewLine + e));
}
