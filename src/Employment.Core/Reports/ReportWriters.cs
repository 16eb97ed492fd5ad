using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;

namespace Employment.Core.Reports;

/// <summary>One figure of one scope as a flat line: what the CSV rows and the workbook are made of.</summary>
public sealed record FigureLine(string Key, string Label, object? Value, string Definition);

/// <summary>The report as flat lines, one per figure (channels and trend points as their own lines).</summary>
public static class ReportLines
{
    public static IEnumerable<FigureLine> Of(OutcomeFigures f, CultureInfo culture, OutcomeOptions options)
    {
        FigureLine Line(string key, object? value, string? suffix = null, string? labelSuffix = null) => new(
            suffix is null ? key : key + "." + suffix,
            FigureDefinitions.Name(key, culture) + (labelSuffix is null ? "" : " · " + labelSuffix),
            value,
            FigureDefinitions.Definition(key, culture, options));

        var zh = FigureDefinitions.IsChinese(culture);
        yield return Line(FigureKeys.Households, f.Households);
        yield return Line(FigureKeys.DibaoHouseholds, f.DibaoHouseholds);
        yield return Line(FigureKeys.HouseholdsInQuarter, f.HouseholdsInQuarter);
        yield return Line(FigureKeys.DibaoHouseholdsInQuarter, f.DibaoHouseholdsInQuarter);
        yield return Line(FigureKeys.DibaoHouseholdsNewlyEmployed, f.DibaoHouseholdsNewlyEmployed);
        yield return Line(FigureKeys.DibaoEmploymentGrowthRate, f.DibaoEmploymentGrowthRate);
        yield return Line(FigureKeys.Exits, f.Exits);
        yield return Line(FigureKeys.ExitRate, f.ExitRate);
        yield return Line(FigureKeys.ExitCandidates, f.ExitCandidates);
        yield return Line(FigureKeys.HouseholdsInTransition, f.HouseholdsInTransition);
        yield return Line(FigureKeys.HouseholdsInIncentive, f.HouseholdsInIncentive);
        yield return Line(FigureKeys.ZeroEmploymentHouseholds, f.ZeroEmploymentHouseholds);
        foreach (var point in f.ZeroEmploymentTrend)
        {
            yield return Line(FigureKeys.ZeroEmploymentTrend, point.Count, point.Quarter, point.Quarter);
        }
        yield return Line(FigureKeys.Placements, f.Placements);
        yield return Line(FigureKeys.PlacementsByChannel, f.PlacementsByChannel.Fair, "fair", zh ? "招聘会" : "fair");
        yield return Line(FigureKeys.PlacementsByChannel, f.PlacementsByChannel.Referral, "referral", zh ? "推荐" : "referral");
        yield return Line(FigureKeys.PlacementsByChannel, f.PlacementsByChannel.Kiosk, "kiosk", zh ? "自助终端" : "kiosk");
        yield return Line(FigureKeys.PublicWelfarePlacements, f.PublicWelfarePlacements);
        yield return Line(FigureKeys.FollowUpsDue, f.FollowUpsDue);
        yield return Line(FigureKeys.FollowUpsOnTime, f.FollowUpsOnTime);
        yield return Line(FigureKeys.FollowUpsOnTimeRate, f.FollowUpsOnTimeRate);
        yield return Line(FigureKeys.FirstPlacements, f.FirstPlacements);
        yield return Line(FigureKeys.AverageDaysToPlacement, f.AverageDaysToPlacement);
        yield return Line(FigureKeys.ReferralsExpired, f.ReferralsExpired);
        yield return Line(FigureKeys.SubsidyCommitted, f.SubsidyCommitted);
        yield return Line(FigureKeys.SubsidySpent, f.SubsidySpent);
        yield return Line(FigureKeys.SubsidyCap, f.SubsidyCap);
        yield return Line(FigureKeys.SatisfactionAnswers, f.SatisfactionAnswers);
        yield return Line(FigureKeys.SatisfactionAverage, f.SatisfactionAverage);
        yield return Line(FigureKeys.SatisfactionByChannel, f.SatisfactionByChannel.Fair, "fair", zh ? "招聘会" : "fair");
        yield return Line(FigureKeys.SatisfactionByChannel, f.SatisfactionByChannel.Referral, "referral", zh ? "推荐" : "referral");
        yield return Line(FigureKeys.SatisfactionByChannel, f.SatisfactionByChannel.Kiosk, "kiosk", zh ? "自助终端" : "kiosk");
        yield return Line(FigureKeys.PeopleTrained, f.PeopleTrained);
        yield return Line(FigureKeys.TrainingCompletionRate, f.TrainingCompletionRate);
        yield return Line(FigureKeys.TrainedPlacedWithin90Days, f.TrainedPlacedWithin90Days);
    }

    /// <summary>The district (or the city) first, then each district of the city, each street, then households with no known street.</summary>
    public static IEnumerable<OutcomeFigures> Scopes(OutcomeReport report)
    {
        yield return report.District;
        foreach (var district in report.Districts)
        {
            yield return district;
        }
        foreach (var street in report.Streets)
        {
            yield return street;
        }
        if (report.Unassigned is { } unassigned)
        {
            yield return unassigned;
        }
    }

    public static string ScopeName(OutcomeFigures f, OutcomeReport report, CultureInfo culture) =>
        ReferenceEquals(f, report.Unassigned) ? (FigureDefinitions.IsChinese(culture) ? "未归属街道" : "no street")
        : ReferenceEquals(f, report.District) && report.Districts.Count > 0 ? (FigureDefinitions.IsChinese(culture) ? "全市" : "city")
        : f.Name;

    public static string FormatValue(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>The report as JSON: the district's figures as one object with a <c>streets</c> array of the same.</summary>
public static class ReportJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(OutcomeReport report, Stream stream, CultureInfo culture)
    {
        using var w = new Utf8JsonWriter(stream, Options);
        w.WriteStartObject();
        WriteFigures(w, report, report.District);
        if (report.Districts.Count > 0)
        {
            w.WriteStartArray("districts");
            foreach (var district in report.Districts)
            {
                w.WriteStartObject();
                WriteFigures(w, report, district);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteStartArray("streets");
        foreach (var street in report.Streets)
        {
            w.WriteStartObject();
            WriteFigures(w, report, street);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (report.Unassigned is { } unassigned)
        {
            w.WriteStartObject("unassigned");
            WriteFigures(w, report, unassigned);
            w.WriteEndObject();
        }
        w.WriteStartObject("rules");
        w.WriteNumber("transitionMonths", report.Options.TransitionMonths);
        w.WriteNumber("incentiveYears", report.Options.IncentiveYears);
        w.WriteNumber("followUpGraceDays", report.Options.FollowUpGraceDays);
        w.WriteEndObject();
        w.WriteStartObject("definitions");
        foreach (var (key, text) in FigureDefinitions.All(culture, report.Options))
        {
            w.WriteString(key, text);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static string ToString(OutcomeReport report, CultureInfo culture)
    {
        using var stream = new MemoryStream();
        Write(report, stream, culture);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteFigures(Utf8JsonWriter w, OutcomeReport report, OutcomeFigures f)
    {
        w.WriteString("quarter", report.Quarter.ToString());
        w.WriteString("asOf", report.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (f.Code is null)
        {
            w.WriteNull("code");
        }
        else
        {
            w.WriteString("code", f.Code);
        }
        w.WriteString("name", f.Name);
        if (f.DibaoLine is { } dibao && f.EdgeLine is { } edge)
        {
            // The lines in force on the as-of day, which the candidacy figures were judged against.
            w.WriteStartObject("lines");
            w.WriteNumber("dibaoLine", dibao);
            w.WriteNumber("edgeLine", edge);
            w.WriteEndObject();
        }
        w.WriteNumber(FigureKeys.Households, f.Households);
        w.WriteNumber(FigureKeys.DibaoHouseholds, f.DibaoHouseholds);
        w.WriteNumber(FigureKeys.HouseholdsInQuarter, f.HouseholdsInQuarter);
        w.WriteNumber(FigureKeys.DibaoHouseholdsInQuarter, f.DibaoHouseholdsInQuarter);
        w.WriteNumber(FigureKeys.DibaoHouseholdsNewlyEmployed, f.DibaoHouseholdsNewlyEmployed);
        Rate(w, FigureKeys.DibaoEmploymentGrowthRate, f.DibaoEmploymentGrowthRate);
        w.WriteNumber(FigureKeys.Exits, f.Exits);
        Rate(w, FigureKeys.ExitRate, f.ExitRate);
        w.WriteNumber(FigureKeys.ExitCandidates, f.ExitCandidates);
        w.WriteNumber(FigureKeys.HouseholdsInTransition, f.HouseholdsInTransition);
        w.WriteNumber(FigureKeys.HouseholdsInIncentive, f.HouseholdsInIncentive);
        w.WriteNumber(FigureKeys.ZeroEmploymentHouseholds, f.ZeroEmploymentHouseholds);
        w.WriteStartArray(FigureKeys.ZeroEmploymentTrend);
        foreach (var point in f.ZeroEmploymentTrend)
        {
            w.WriteStartObject();
            w.WriteString("quarter", point.Quarter);
            w.WriteString("asOf", point.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteNumber("count", point.Count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber(FigureKeys.Placements, f.Placements);
        w.WriteStartObject(FigureKeys.PlacementsByChannel);
        w.WriteNumber("fair", f.PlacementsByChannel.Fair);
        w.WriteNumber("referral", f.PlacementsByChannel.Referral);
        w.WriteNumber("kiosk", f.PlacementsByChannel.Kiosk);
        w.WriteEndObject();
        w.WriteNumber(FigureKeys.PublicWelfarePlacements, f.PublicWelfarePlacements);
        w.WriteNumber(FigureKeys.FollowUpsDue, f.FollowUpsDue);
        w.WriteNumber(FigureKeys.FollowUpsOnTime, f.FollowUpsOnTime);
        Rate(w, FigureKeys.FollowUpsOnTimeRate, f.FollowUpsOnTimeRate);
        w.WriteNumber(FigureKeys.FirstPlacements, f.FirstPlacements);
        Rate(w, FigureKeys.AverageDaysToPlacement, f.AverageDaysToPlacement);
        w.WriteNumber(FigureKeys.ReferralsExpired, f.ReferralsExpired);
        w.WriteNumber(FigureKeys.SubsidyCommitted, f.SubsidyCommitted);
        w.WriteNumber(FigureKeys.SubsidySpent, f.SubsidySpent);
        if (f.SubsidyCap is { } cap)
        {
            w.WriteNumber(FigureKeys.SubsidyCap, cap);
        }
        else
        {
            w.WriteNull(FigureKeys.SubsidyCap);
        }
        w.WriteNumber(FigureKeys.SatisfactionAnswers, f.SatisfactionAnswers);
        Rate(w, FigureKeys.SatisfactionAverage, f.SatisfactionAverage);
        w.WriteStartObject(FigureKeys.SatisfactionByChannel);
        Rate(w, "fair", f.SatisfactionByChannel.Fair);
        Rate(w, "referral", f.SatisfactionByChannel.Referral);
        Rate(w, "kiosk", f.SatisfactionByChannel.Kiosk);
        w.WriteEndObject();
        w.WriteNumber(FigureKeys.PeopleTrained, f.PeopleTrained);
        Rate(w, FigureKeys.TrainingCompletionRate, f.TrainingCompletionRate);
        w.WriteNumber(FigureKeys.TrainedPlacedWithin90Days, f.TrainedPlacedWithin90Days);
    }

    private static void Rate(Utf8JsonWriter w, string key, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(key, v);
        }
        else
        {
            w.WriteNull(key);
        }
    }
}

/// <summary>
/// The report as CSV, one line per scope and figure, with the figure's definition in its own
/// column: a spreadsheet can filter it, and nobody reads a number without its meaning.
/// </summary>
public static class ReportCsv
{
    public static readonly string[] Header = ["quarter", "asOf", "scopeCode", "scope", "figure", "label", "value", "definition"];

    public static void Write(OutcomeReport report, TextWriter writer, CultureInfo culture)
    {
        using var csv = CsvWriter.Create(writer, null, leaveOpen: true);
        csv.WriteRecord(Header);
        var quarter = report.Quarter.ToString();
        var asOf = report.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var scope in ReportLines.Scopes(report))
        {
            foreach (var line in ReportLines.Of(scope, culture, report.Options))
            {
                csv.WriteRecord([quarter, asOf, scope.Code ?? "", ReportLines.ScopeName(scope, report, culture), line.Key, line.Label,
                    ReportLines.FormatValue(line.Value), line.Definition]);
            }
        }
        csv.Flush();
    }
}
