namespace Employment.Core.Counseling;

/// <summary>
/// A counselor's request refused, naming the record and the field at fault. <see cref="Code"/> is a
/// stable key the pages turn into a sentence in the reader's language.
/// </summary>
public sealed class CounselingException(string record, string field, string code, params object[] arguments)
    : InvalidOperationException($"{record}: {field}: {code}")
{
    public string Record { get; } = record;
    public string Field { get; } = field;
    public string Code { get; } = code;
    /// <summary>The figures the sentence names (a limit, a cap): the pages format them into the reader's language.</summary>
    public IReadOnlyList<object> Arguments { get; } = arguments;
}

/// <summary>The reasons a request is refused; the pages' resources have a sentence for each.</summary>
public static class RefusalCodes
{
    public const string Required = "Required";
    public const string TooLong = "TooLong";
    public const string DateInFuture = "DateInFuture";
    public const string DateTooEarly = "DateTooEarly";
    public const string NotMember = "NotMember";
    public const string NotYourLastEntry = "NotYourLastEntry";
    public const string NoSuchRecord = "NoSuchRecord";
    public const string ConsentRequired = "ConsentRequired";
    public const string PositionNotOpen = "PositionNotOpen";
    public const string AlreadyEmployed = "AlreadyEmployed";
    public const string NoLabourCapacity = "NoLabourCapacity";
    public const string AlreadyReferred = "AlreadyReferred";
    public const string NotAllowed = "NotAllowed";
    public const string LeadHandled = "LeadHandled";
    public const string WageOutOfRange = "WageOutOfRange";
    public const string TooManyOpenReferrals = "TooManyOpenReferrals";
    public const string PositionQueueFull = "PositionQueueFull";
    public const string SubsidyCapReached = "SubsidyCapReached";
    public const string OutOfRange = "OutOfRange";
    public const string RenewalsUsed = "RenewalsUsed";
}
