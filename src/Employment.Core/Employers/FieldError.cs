namespace Employment.Core.Employers;

/// <summary>
/// One refused field: the field's name as the form spells it, a stable code the pages turn into
/// words in the reader's language, and the values the words need.
/// </summary>
public sealed record FieldError(string Field, string Code, params object[] Args)
{
    public override string ToString() => Args.Length == 0 ? $"{Field}: {Code}" : $"{Field}: {Code} ({string.Join(", ", Args)})";
}

/// <summary>A request refused with every reason at once; nothing was written.</summary>
public sealed class FieldErrorsException(IReadOnlyList<FieldError> errors)
    : InvalidOperationException(string.Join("; ", errors))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>The error codes, one list so pages and resources can be checked against it.</summary>
public static class ErrorCodes
{
    public const string Required = "required";
    public const string TooLong = "too_long";
    public const string Range = "range";
    public const string Format = "format";
    public const string UnknownCode = "unknown_code";
    public const string UnknownDivision = "unknown_division";
    public const string LocationRequired = "location_required";
    public const string CoordinatesPair = "coordinates_pair";
    public const string PublicWelfareNeedsPublicSector = "public_welfare_public_sector";
    public const string AgeOrder = "age_order";
    public const string InPast = "in_past";
    public const string Changed = "changed";
    public const string NotEditable = "not_editable";
    public const string Taken = "taken";
    public const string WeakPassword = "weak_password";
    public const string WrongState = "wrong_state";
    public const string EmployerNotApproved = "employer_not_approved";
    public const string Workflow = "workflow";
    public const string SubsidyCap = "subsidy_cap";
    /// <summary>A warning the employer can confirm past: a start dated before the interview.</summary>
    public const string BeforeInterview = "before_interview";
    /// <summary>A 统一社会信用代码 whose last character does not match the other 17.</summary>
    public const string CheckCharacter = "check_character";
    public const string FundingNeedsPublicWelfare = "funding_public_welfare";
    /// <summary>A public contact typed without ticking "同意在自助终端公开".</summary>
    public const string ConsentRequired = "consent_required";
}
