namespace Employment.Core.Domain;

/// <summary>
/// A request refused by a rule, from any Core service: the record and the field at fault, a stable
/// <see cref="Code"/> and the figures its sentence names. The web host turns it into a sentence in
/// the reader's language in one place (its RefusalResource); the CLI prints record, field and code.
/// </summary>
public sealed class RefusalException(string record, string field, string code, params object[] arguments)
    : InvalidOperationException($"{record}: {field}: {code}{(arguments.Length == 0 ? "" : " (" + string.Join(", ", arguments) + ")")}")
{
    public string Record { get; } = record;
    public string Field { get; } = field;
    public string Code { get; } = code;
    /// <summary>The figures the sentence names (a limit, a date): formatted in the reader's language.</summary>
    public IReadOnlyList<object> Arguments { get; } = arguments;
}

/// <summary>The reasons a request is refused; the web host's RefusalResource has a sentence for each, in zh-CN and English.</summary>
public static class RefusalCodes
{
    public const string Required = "Required";
    public const string TooLong = "TooLong";
    public const string Invalid = "Invalid";
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
    public const string ChangedMeanwhile = "ChangedMeanwhile";
    /// <summary>A state change the lifecycle does not allow; arguments: from, to.</summary>
    public const string TransitionNotAllowed = "TransitionNotAllowed";
    public const string NotThisReferral = "NotThisReferral";
    public const string AlreadyRecorded = "AlreadyRecorded";
    public const string AlreadyEnded = "AlreadyEnded";
    public const string BeforeStart = "BeforeStart";
    public const string AlreadyExited = "AlreadyExited";
    public const string NotExitCandidate = "NotExitCandidate";
    /// <summary>Verified before the household became a candidate; argument: that date.</summary>
    public const string BeforeCandidate = "BeforeCandidate";
    public const string LinesNotSet = "LinesNotSet";
    /// <summary>A district's line at or below zero or above the ceiling; argument: the ceiling.</summary>
    public const string LineOutOfRange = "LineOutOfRange";
    /// <summary>An edge line below the dibao line of the same district.</summary>
    public const string EdgeBelowDibao = "EdgeBelowDibao";
    /// <summary>On the verification day the income per head was below the edge line then in force; arguments: day, line, income per head.</summary>
    public const string BelowLineInForce = "BelowLineInForce";
    /// <summary>No district of the store has this division code; arguments: the code, the store's codes.</summary>
    public const string UnknownDistrict = "UnknownDistrict";
    /// <summary>The store holds several districts and none was named; argument: the store's codes.</summary>
    public const string DistrictRequired = "DistrictRequired";
    public const string ExitRevoked = "ExitRevoked";
    public const string NotYourExit = "NotYourExit";
    public const string UndoWindowPassed = "UndoWindowPassed";
    public const string CardFormat = "CardFormat";
    public const string CardTaken = "CardTaken";
    public const string PinFormat = "PinFormat";
    public const string PinWeak = "PinWeak";
    /// <summary>A quarter that has not begun; arguments: the quarter, today.</summary>
    public const string QuarterNotStarted = "QuarterNotStarted";
    /// <summary>Course rule 1: every seat taken; argument: the seats.</summary>
    public const string CourseFull = "CourseFull";
    /// <summary>Course rule 1: the course began before today; argument: its start date.</summary>
    public const string CourseStarted = "CourseStarted";
    /// <summary>Course rule 1: an order-based course still in review, or a cancelled one.</summary>
    public const string CourseNotOffered = "CourseNotOffered";
    /// <summary>Course rules 2 to 7 of the contract's "Who may take which course", one code each.</summary>
    public const string CourseRule2 = "CourseRule2";
    public const string CourseRule3 = "CourseRule3";
    public const string CourseRule4 = "CourseRule4";
    public const string CourseRule5 = "CourseRule5";
    public const string CourseRule6 = "CourseRule6";
    public const string CourseRule7 = "CourseRule7";
    public const string AlreadyEnrolled = "AlreadyEnrolled";
    public const string EnrollmentClosed = "EnrollmentClosed";
    /// <summary>An employer named a position that is not its own; argument: the position id.</summary>
    public const string NotYourPosition = "NotYourPosition";
    /// <summary>Not a skill of the taxonomy; argument: the code.</summary>
    public const string UnknownSkill = "UnknownSkill";
    public const string EndBeforeStart = "EndBeforeStart";
    /// <summary>A kiosk device key this program never issued (or mistyped).</summary>
    public const string DeviceKeyUnknown = "DeviceKeyUnknown";
    /// <summary>A kiosk device key an administrator revoked.</summary>
    public const string DeviceKeyRevoked = "DeviceKeyRevoked";

    /// <summary>Every code, for the check that each has its sentence in both languages.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(RefusalCodes).GetFields()
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
}
