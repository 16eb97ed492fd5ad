using System.Net;
using System.Text.RegularExpressions;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Positions;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Employment.Tests.Counselor;

/// <summary>
/// The demo district on the real host, shared by the counselor tests: two streets, each test
/// taking its own people (<see cref="TakeAsync"/>) so the tests never step on each other's records.
/// </summary>
public sealed partial class CounselorHost : AppFactory, IAsyncLifetime
{
    private readonly HashSet<string> _taken = [];
    private readonly SemaphoreSlim _takeLock = new(1, 1);

    /// <summary>The street with the most households, and another one.</summary>
    public string StreetA { get; private set; } = "";
    public string StreetB { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await WaitForIndexesAsync();
        var streets = await WithDbAsync(db => db.Households.Where(h => h.DivisionCode != null)
            .GroupBy(h => h.DivisionCode!).OrderByDescending(g => g.Count()).Select(g => g.Key).Take(2).ToListAsync());
        StreetA = streets[0];
        StreetB = streets[1];
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public Task<HttpClient> CounselorOfAsync(string street) => this.SignedInAsAsync(Roles.Counselor, areas: [street]);

    /// <summary>
    /// A person nobody else in this run has taken, able to work and not employed, living in
    /// <paramref name="street"/>, meeting <paramref name="fits"/> (given the person and the household).
    /// </summary>
    public async Task<Person> TakeAsync(string street, Func<Person, Household, bool>? fits = null)
    {
        await _takeLock.WaitAsync();
        try
        {
            var households = await WithDbAsync(db => db.Households.AsNoTracking().Include(h => h.Members)
                .Where(h => h.DivisionCode == street).OrderBy(h => h.Id).ToListAsync());
            foreach (var household in households)
            {
                foreach (var person in household.Members.OrderBy(m => m.Id, StringComparer.Ordinal))
                {
                    if (_taken.Contains(person.Id) || household.Members.Any(m => _taken.Contains(m.Id)))
                    {
                        continue;
                    }
                    if (person.Employed || person.LaborCapacity == Core.Domain.LaborCapacity.None || person.Status != PersonStatus.Registered && person.Status != PersonStatus.Seeking)
                    {
                        continue;
                    }
                    if (fits is null || fits(person, household))
                    {
                        // A whole household per test: its income and zero-employment are asserted on.
                        foreach (var member in household.Members)
                        {
                            _taken.Add(member.Id);
                        }
                        person.Household = household;
                        return person;
                    }
                }
            }
            throw new InvalidOperationException($"no free person in {street} fits");
        }
        finally
        {
            _takeLock.Release();
        }
    }

    public async Task<Position> PositionAsync(string id) => await WithDbAsync(db => db.Positions.AsNoTracking().SingleAsync(p => p.Id == id));

    public static async Task<string> HtmlAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    public static IReadOnlyList<string> PersonLinks(string html) =>
        PersonLink().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();

    /// <summary>The positions offered on a person page, best match first.</summary>
    public static IReadOnlyList<string> MatchedPositions(string html) =>
        ReferPosition().Matches(html).Select(m => m.Groups[1].Value).ToList();

    /// <summary>A JSON write as a browser script sends it: with the header the API's CSRF rule asks of cookie callers.</summary>
    public static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string url, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add("X-Requested-With", "test");
        return await client.SendAsync(request);
    }

    /// <summary>The error shown beside a form field, or null when there is none.</summary>
    public static string? FieldError(string html, string field)
    {
        var match = Regex.Match(html, "<span[^>]*data-valmsg-for=\"" + Regex.Escape(field) + "\"[^>]*>([^<]*)</span>");
        return match.Success && match.Groups[1].Value.Length > 0 ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("href=\"/Counselor/Person/([^\"]+)\"")]
    private static partial Regex PersonLink();

    [GeneratedRegex("name=\"Refer.PositionId\" value=\"([^\"]+)\"")]
    private static partial Regex ReferPosition();
}
