using System.Globalization;
using System.Text.Json;

namespace Employment.Core.Data;

/// <summary>
/// What an audit entry says beyond its action, as a code (<see cref="AuditDetails"/>) and the values
/// its sentence names (ids, counts, dates, a reason as typed). The web host's AuditResource (zh-CN,
/// English) is the one place a code becomes a sentence; the log keeps the code, never a sentence.
/// </summary>
public sealed record AuditDetail(string Code, IReadOnlyList<string> Arguments)
{
    /// <summary>How an instant is written among the values (UTC); the reader's page parses the same format to show local time.</summary>
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Values as text in the invariant culture: dates as yyyy-MM-dd, instants as UTC ISO 8601, numbers with a point.</summary>
    public static AuditDetail Of(string code, params object?[] arguments) =>
        new(code, arguments.Select(Text).ToList());

    /// <summary>
    /// The arguments as stored in <see cref="AuditEntry.DetailArgs"/>: a JSON array of strings, the
    /// characters as they are (a name stays findable, and scrubbable, in the column), each value cut
    /// so the array fits the column and stays readable.
    /// </summary>
    public string ArgumentsJson
    {
        get
        {
            var each = Arguments.Count == 0 ? 0 : Math.Max(16, (AuditEntry.DetailArgsMax - 2) / Arguments.Count - 8);
            var json = JsonSerializer.Serialize(Arguments, Json);
            for (; json.Length > AuditEntry.DetailArgsMax && each > 0; each /= 2)
            {
                json = JsonSerializer.Serialize(Arguments.Select(a => a.Length > each ? a[..each] : a), Json);
            }
            return json;
        }
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The detail an entry holds; null for an entry written before codes (free text in <see cref="AuditEntry.Detail"/>).</summary>
    public static AuditDetail? From(AuditEntry entry) => From(entry.DetailCode, entry.DetailArgs);

    public static AuditDetail? From(string? code, string? argumentsJson)
    {
        if (code is null)
        {
            return null;
        }
        IReadOnlyList<string> arguments = [];
        if (!string.IsNullOrEmpty(argumentsJson))
        {
            try
            {
                arguments = JsonSerializer.Deserialize<List<string>>(argumentsJson) ?? [];
            }
            catch (JsonException)
            {
                // A row cut at the column's length: its code still says what happened.
            }
        }
        return new AuditDetail(code, arguments);
    }

    /// <summary>Code and values, for logs and the CLI (never shown to people as a sentence).</summary>
    public override string ToString() => Arguments.Count == 0 ? Code : Code + " (" + string.Join(", ", Arguments) + ")";

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString(InstantFormat, CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##", CultureInfo.InvariantCulture),
        double x => x.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>
/// The codes of audit details; the web host's AuditResource has a sentence for each, in zh-CN and
/// English ("AuditDetail_" + code), with the arguments in the order given here.
/// </summary>
public static class AuditDetails
{
    // Views: which page or list showed the record.
    public const string HouseholdPage = "page.household";
    public const string HouseholdEditPage = "page.household-edit";
    public const string PersonPage = "page.person";
    public const string PersonEditPage = "page.person-edit";
    public const string PersonFilePage = "page.person-file";
    public const string ExitVerifyPage = "page.exit-verify";
    /// <summary>Argument: the follow-up's id.</summary>
    public const string FollowUpPage = "page.follow-up";
    public const string AlertsPage = "page.alerts";
    public const string CaseloadZeroEmployment = "caseload.zero-employment";
    public const string CaseloadNotReferred = "caseload.not-referred";
    public const string CaseloadLeads = "caseload.leads";
    public const string CaseloadFollowUps = "caseload.follow-ups";
    public const string CaseloadExpired = "caseload.expired";
    public const string CaseloadTerms = "caseload.terms";
    public const string TalentPoolSearch = "search.talent-pool";
    public const string ApiMatches = "api.matches";
    /// <summary>Argument: the position.</summary>
    public const string ApiPositionMatches = "api.position-matches";
    /// <summary>Argument: the households listed (comma-separated).</summary>
    public const string ExitList = "list.exit-candidates";
    /// <summary>Argument: the persons listed (comma-separated).</summary>
    public const string CourseList = "list.course";
    /// <summary>Arguments: persons listed, persons with no suitable place.</summary>
    public const string FairInvitations = "fair.invitations";
    /// <summary>Arguments: persons listed, the street, persons with no suitable place.</summary>
    public const string FairInvitationsInStreet = "fair.invitations-street";
    /// <summary>Arguments: the employer, the position.</summary>
    public const string EmployerCandidate = "employer.candidate";
    /// <summary>Argument: recommendations shown.</summary>
    public const string KioskRecommendations = "kiosk.recommendations";
    /// <summary>Arguments: the request (method, path, query), the status answered.</summary>
    public const string Refused = "refused";

    // Changes.
    /// <summary>Arguments: the ledger's section, the day the entry is dated.</summary>
    public const string LedgerAdded = "ledger.added";
    /// <summary>Argument: the entry.</summary>
    public const string LedgerCorrected = "ledger.corrected";
    /// <summary>Arguments: the entry, its section.</summary>
    public const string LedgerUndone = "ledger.undone";
    /// <summary>Arguments: the position, the channel.</summary>
    public const string Referred = "referral.made";
    /// <summary>Arguments: the referral, the position.</summary>
    public const string Referral = "referral";
    /// <summary>Arguments: the referral, the position, the days without an answer.</summary>
    public const string ReferralExpired = "referral.expired";
    /// <summary>Arguments: the referral, the position, the interview's instant (UTC).</summary>
    public const string Interview = "referral.interview";
    /// <summary>Arguments: the referral, the position, the employer's reason.</summary>
    public const string ReferralRejected = "referral.rejected";
    /// <summary>Arguments: the lead, the position.</summary>
    public const string Lead = "lead";
    /// <summary>Argument: the position.</summary>
    public const string InterestedInPosition = "kiosk.interested-position";
    /// <summary>Argument: the course.</summary>
    public const string InterestedInCourse = "kiosk.interested-course";
    /// <summary>Argument: the card number.</summary>
    public const string KioskCard = "kiosk.card";
    /// <summary>Argument: the device's name.</summary>
    public const string KioskDevice = "kiosk.device";
    /// <summary>Arguments: the day verified, income per head, the dibao line, the edge line.</summary>
    public const string ExitVerified = "exit.verified";
    /// <summary>Argument: the day the undone exit was verified.</summary>
    public const string ExitUndone = "exit.undone";
    /// <summary>Arguments: the district, dibao and edge before, dibao and edge after, the first day, households whose candidacy changed.</summary>
    public const string LinesChanged = "lines.changed";
    /// <summary>Arguments: members, the street.</summary>
    public const string HouseholdRegistered = "household.registered";
    /// <summary>Arguments: the fields changed (each a word of its own).</summary>
    public const string FieldsChanged = "fields";
    /// <summary>Argument: the member added.</summary>
    public const string MemberAdded = "member.added";
    /// <summary>Arguments: outcomes saved, hires.</summary>
    public const string FairOutcomes = "fair.outcomes";
    /// <summary>Arguments: the fair's day, assignments, persons with no suitable place, employers invited.</summary>
    public const string FairPlan = "fair.plan";
    /// <summary>Arguments: the placement, months after, the day due, days past due.</summary>
    public const string FollowUpEscalated = "follow-up.escalated";
    /// <summary>Arguments: the position, the monthly wage, the channel.</summary>
    public const string Hired = "placement.hired";
    /// <summary>Arguments: the placement, months after, still employed (true/false).</summary>
    public const string FollowUpRecorded = "follow-up.recorded";
    /// <summary>Arguments: the placement, the reason.</summary>
    public const string PlacementEnded = "placement.ended";
    /// <summary>Arguments: the placement, the new last day of the term.</summary>
    public const string TermRenewed = "term.renewed";
    /// <summary>Arguments: the placement, who answered.</summary>
    public const string Satisfaction = "satisfaction";
    /// <summary>Argument: how the file left (a word: page, cli…).</summary>
    public const string PersonExported = "person.exported";
    /// <summary>Argument: open referrals withdrawn.</summary>
    public const string ConsentWithdrawn = "consent.withdrawn";
    /// <summary>Argument: the reason as stated (names and ID numbers scrubbed).</summary>
    public const string Reason = "reason";
    /// <summary>Argument: the years of retention.</summary>
    public const string RetentionEnded = "retention.ended";
    /// <summary>Argument: the positions (comma-separated).</summary>
    public const string CourseOrderPositions = "course-order.positions";
    /// <summary>Argument: the provider.</summary>
    public const string CourseProvider = "course.provider";
    /// <summary>Argument: the course.</summary>
    public const string Course = "course";
    /// <summary>Argument: the role (a word).</summary>
    public const string AccountRole = "account.role";
    /// <summary>Argument: the areas (comma-separated division codes).</summary>
    public const string AccountAreas = "account.areas";
    /// <summary>Argument: the employer.</summary>
    public const string AccountEmployer = "account.employer";
    public const string PasswordResetByOperator = "account.reset-cli";
    /// <summary>Arguments: the login, the client address.</summary>
    public const string AccountLocked = "account.locked";
    /// <summary>Arguments: the cron before, the cron after.</summary>
    public const string Rescheduled = "schedule.cron";
    /// <summary>Arguments: the district's code (empty: the district), the cap in yuan.</summary>
    public const string SubsidyCap = "subsidy.cap";
    /// <summary>Argument: the district's code (empty: the district).</summary>
    public const string SubsidyCapRemoved = "subsidy.cap-removed";
    /// <summary>Argument: the words searched.</summary>
    public const string SearchWords = "search.words";
    /// <summary>The employer agreed to show its public contact at kiosks.</summary>
    public const string PublicContactShown = "public-contact.shown";
    /// <summary>The employer's public contact is no longer shown at kiosks.</summary>
    public const string PublicContactWithdrawn = "public-contact.withdrawn";
    /// <summary>Arguments: the district's name, records added, records updated.</summary>
    public const string Imported = "dataset.imported";

    /// <summary>Every code, for the check that each has its sentence in both languages.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(AuditDetails).GetFields()
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
}
