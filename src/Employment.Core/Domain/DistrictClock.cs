namespace Employment.Core.Domain;

/// <summary>
/// The district's clock: a <see cref="TimeProvider"/> whose local zone is the district's
/// (configuration <c>Schedules:TimeZone</c>, Asia/Shanghai by default), whatever the server's zone.
/// Registered as the application's <see cref="TimeProvider"/>, so every "now" and "today" of Core,
/// the web host, the kiosk and the CLI comes from it, and a test's fake clock takes its place whole.
/// </summary>
public sealed class DistrictTimeProvider(TimeProvider inner, TimeZoneInfo zone) : TimeProvider
{
    public const string DefaultZone = "Asia/Shanghai";

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => zone;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>The zone by its id; a machine without the zone database still gets China Standard Time for the default.</summary>
    public static TimeZoneInfo FindZone(string? id)
    {
        id = string.IsNullOrWhiteSpace(id) ? DefaultZone : id.Trim();
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }
        return id == DefaultZone
            ? TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time")
            : throw new InvalidOperationException($"Schedules:TimeZone: unknown time zone '{id}'");
    }
}

/// <summary>
/// "Today" and the district's calendar, the one home of those rules: a day is the district's local
/// day (<see cref="TimeProvider.LocalTimeZone"/>), never the UTC date nor the server's.
/// </summary>
public static class DistrictClock
{
    /// <summary>The district's calendar day now.</summary>
    public static DateOnly Today(this TimeProvider clock) => clock.DayOf(clock.GetUtcNow());

    /// <summary>Now, as the UTC <see cref="DateTime"/> the store keeps.</summary>
    public static DateTime UtcNow(this TimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    /// <summary>The district's calendar day of an instant.</summary>
    public static DateOnly DayOf(this TimeProvider clock, DateTimeOffset instant) => DayIn(instant, clock.LocalTimeZone);

    /// <summary>The calendar day of an instant in a zone: the rule every district day comes from (schedules read their cron's zone).</summary>
    public static DateOnly DayIn(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The district's calendar day of a stored UTC time.</summary>
    public static DateOnly DayOf(this TimeProvider clock, DateTime utc) => clock.DayOf(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    /// <summary>A stored UTC time as the district's wall-clock time, for people to read.</summary>
    public static DateTime ToLocal(this TimeProvider clock, DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), clock.LocalTimeZone);

    /// <summary>A wall-clock time typed in the district, as the UTC time the store keeps.</summary>
    public static DateTime ToUtc(this TimeProvider clock, DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), clock.LocalTimeZone);

    /// <summary>The UTC instant a district day begins.</summary>
    public static DateTime StartOfDayUtc(this TimeProvider clock, DateOnly day) => clock.ToUtc(day.ToDateTime(TimeOnly.MinValue));

    /// <summary>
    /// An instant cut to whole microseconds, the finest both stores keep (PostgreSQL's timestamptz;
    /// .NET ticks are 100 ns): a value written and read back compares equal on either provider.
    /// </summary>
    public static DateTime ToStoredPrecision(this DateTime instant) =>
        new(instant.Ticks - instant.Ticks % TimeSpan.TicksPerMicrosecond, instant.Kind);
}
