using System.Globalization;
using Employment.Core.Data;
using Employment.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Households;

/// <summary>What a change of a district's lines did: the lines it replaced and how many households' exit candidacy moved.</summary>
public sealed record LinesChange(decimal DibaoBefore, decimal EdgeBefore, int Reassessed);

/// <summary>
/// Changing a district's two lines (monthly CNY per head) by hand. A change moves households across
/// the edge line, so every household on the district's register has its exit candidacy reassessed in
/// the same save as the new lines: nobody ever sees new lines with old candidacies. The old lines stay
/// in force for every day before today (the line history), so past figures and exit checks keep them.
/// </summary>
public sealed class LinesDesk(AppDbContext db, AuditTrail audit, TimeProvider clock)
{
    /// <summary>
    /// Every refusal the two lines earn, one per field (a form shows each beside its input): each line
    /// above zero and at most <see cref="InputRules.LineMax"/>, the edge line not below the dibao line.
    /// </summary>
    public static IReadOnlyList<RefusalException> Check(string district, decimal? dibaoLine, decimal? edgeLine)
    {
        var refusals = new List<RefusalException>();
        var record = $"district {district}";
        decimal? Line(string field, decimal? value)
        {
            if (value is not { } amount)
            {
                refusals.Add(new RefusalException(record, field, RefusalCodes.Required));
                return null;
            }
            if (amount <= 0 || amount > InputRules.LineMax)
            {
                refusals.Add(new RefusalException(record, field, RefusalCodes.LineOutOfRange, InputRules.LineMax));
                return null;
            }
            return amount;
        }
        var dibao = Line("dibaoLine", dibaoLine);
        if (Line("edgeLine", edgeLine) is { } edge && dibao is { } d && edge < d)
        {
            refusals.Add(new RefusalException(record, "edgeLine", RefusalCodes.EdgeBelowDibao));
        }
        return refusals;
    }

    /// <summary>
    /// New lines for the district with this code (the store's first when null) from today, every
    /// household of the district reassessed and the change audited, in one save (one transaction).
    /// Returns null when the lines are the ones already in force; refuses lines <see cref="Check"/> refuses.
    /// </summary>
    public async Task<LinesChange?> ChangeAsync(string? districtCode, decimal dibaoLine, decimal edgeLine, string actor,
        CancellationToken ct = default)
    {
        var book = await DistrictBook.LoadAsync(db, ct);
        var named = districtCode is null ? book.First : book.Named(districtCode);
        if (named is null)
        {
            throw new RefusalException("district", "district", RefusalCodes.UnknownDistrict, districtCode ?? "-", book.Codes);
        }
        if (Check(named.DivisionCode ?? "-", dibaoLine, edgeLine) is [var first, ..])
        {
            throw first;
        }
        var region = await db.Regions.Include(r => r.History).FirstAsync(r => r.Id == named.Id, ct);
        var (dibaoBefore, edgeBefore) = (region.DibaoLine, region.EdgeLine);
        var today = clock.Today();
        if (!DistrictLines.Change(region, dibaoLine, edgeLine, today))
        {
            return null;
        }
        var now = clock.UtcNow();
        region.UpdatedUtc = now;
        var reassessed = 0;
        var district = book.RefOf(region);
        foreach (var household in await db.Households.OnRegister().Where(DistrictKeys.InDistrict<Household>(h => h.Id, district)).ToListAsync(ct))
        {
            if (HouseholdStanding.ReassessExit(household, region, now))
            {
                household.UpdatedUtc = now;
                reassessed++;
            }
        }
        audit.Add(actor, "region.lines", "region", region.Id.ToString(CultureInfo.InvariantCulture),
            AuditDetail.Of(AuditDetails.LinesChanged, region.DivisionCode, dibaoBefore, edgeBefore, dibaoLine, edgeLine, today, reassessed));
        await db.SaveChangesAsync(ct);
        return new LinesChange(dibaoBefore, edgeBefore, reassessed);
    }
}
