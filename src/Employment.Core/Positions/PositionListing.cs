using System.Linq.Expressions;

namespace Employment.Core.Positions;

/// <summary>
/// "An open position", the one home of the rule: a position is listed on a day when it is open, has
/// a place left, is not past its <c>validUntil</c>, and its employer is approved. The kiosk, the
/// public API, the home page, fair planning, the referral desk, hires and the caseload all ask here,
/// so their counts agree. (The engine applies the same rule to its index view, <see cref="PositionProfiles"/>.)
/// </summary>
public static class PositionListing
{
    public static Expression<Func<Position, bool>> On(DateOnly day) =>
        p => p.Status == PositionStatus.Open && p.Filled < p.Headcount
            && (p.ValidUntil == null || p.ValidUntil >= day)
            && p.Employer!.Status == EmployerStatus.Approved;

    /// <summary>
    /// The rule's status and employer parts for a position already loaded (its employer with it): the
    /// engine's index view keeps this and judges places and <c>validUntil</c> on its own day. A
    /// position whose employer is not loaded is not offered, as the query's join would not list it.
    /// </summary>
    public static bool IsOffered(Position p) =>
        p.Status == PositionStatus.Open && p.Employer is { Status: EmployerStatus.Approved };

    /// <summary>The positions listed on <paramref name="day"/>.</summary>
    public static IQueryable<Position> ListedOn(this IQueryable<Position> positions, DateOnly day) => positions.Where(On(day));
}
