using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Employment.Core.Counseling;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Kiosk;
using Employment.Core.Positions;
using Employment.Core.Privacy;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Admin;

/// <summary>
/// The audit page's detail column is said in the reader's language: writers record a code and its
/// values, the page makes the sentence (zh-CN first, English one switch away), and an entry written
/// before codes still shows its free text.
/// </summary>
[BothStores]
public sealed partial class AuditDetailLanguageTests(AuditDetailLanguageTests.Host host) : IClassFixture<AuditDetailLanguageTests.Host>
{
    /// <summary>The demo district (imported at start: the import's entry) with the main actions done once each.</summary>
    public sealed class Host : AppFactory, IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            await WaitForIndexesAsync();
            var households = await WithDbAsync(db => db.Households.AsNoTracking().Where(h => h.DivisionCode != null)
                .Select(h => new { h.Id, h.DivisionCode }).ToListAsync());
            var mine = households[0];
            var other = households.First(h => h.DivisionCode != mine.DivisionCode);
            // A household view and a refusal, through the pages.
            var counselor = await this.SignedInAsAsync(Roles.Counselor, areas: [mine.DivisionCode!]);
            Assert.Equal(HttpStatusCode.OK, (await counselor.GetAsync($"/Counselor/Household/{mine.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await counselor.GetAsync($"/Counselor/Household/{other.Id}")).StatusCode);

            using var scope = Services.CreateScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<AppDbContext>();
            var clock = services.GetRequiredService<TimeProvider>();
            // The district's lines, by hand.
            var region = await db.Regions.AsNoTracking().FirstAsync();
            Assert.NotNull(await services.GetRequiredService<LinesDesk>().ChangeAsync(null, region.DibaoLine + 10, region.EdgeLine + 10, "admin"));
            // A kiosk lead and the counselor's call.
            var person = await db.Persons.AsNoTracking().Where(p => p.CardNumber == null && p.ErasedUtc == null).OrderBy(p => p.Id).FirstAsync();
            var position = await db.Positions.AsNoTracking().ListedOn(clock.Today()).OrderBy(p => p.Id).FirstAsync();
            Assert.True(await services.GetRequiredService<KioskPersonal>().InterestedAsync(person.Id, position.Id, default));
            var lead = await db.Leads.AsNoTracking().FirstAsync(l => l.PersonId == person.Id);
            await services.GetRequiredService<ReferralDesk>().MarkLeadContactedAsync(lead.Id, null, "counselor");
            // An erase, with the reason as a person states it.
            var erased = await db.Persons.AsNoTracking().Where(p => p.Id != person.Id && p.ErasedUtc == null).OrderByDescending(p => p.Id).FirstAsync();
            await services.GetRequiredService<PersonRights>().EraseAsync(erased.Id, "本人申请删除", "admin");
            // A row from before codes: free text, shown as it was written.
            db.AuditLog.Add(new AuditEntry { AtUtc = clock.GetUtcNow().UtcDateTime, Actor = "old", Action = "legacy", EntityType = "person", EntityId = "P-old", Detail = "written before codes" });
            await db.SaveChangesAsync();
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    /// <summary>The main actions a trial looked at: views, refusals, imports, lines, erasures, leads.</summary>
    public static TheoryData<string> Actions => new()
    {
        "view", Employment.Web.Infrastructure.PersonalDataAuditing.Refused, Employment.Core.Interchange.DatasetImporter.AuditAction, "region.lines", "person.erase", "kiosk.interested", "lead-contacted",
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task In_zh_CN_the_detail_is_chinese_with_only_its_values_left_as_recorded(string action)
    {
        var admin = await host.SignedInAsAsync(Roles.Admin);

        var cells = await DetailCellsAsync(admin, action);
        var values = await ValuesAsync(action);

        Assert.NotEmpty(cells);
        Assert.All(cells, cell =>
        {
            var words = Without(cell, values);
            Assert.Matches(Chinese(), words);
            Assert.DoesNotMatch("[A-Za-z]", words);
        });
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task In_English_the_same_details_are_english(string action)
    {
        var admin = await host.SignedInAsAsync(Roles.Admin);
        await admin.GetAsync("/Culture?culture=en&returnUrl=%2FAdmin%2FAudit");

        var cells = await DetailCellsAsync(admin, action);
        var values = await ValuesAsync(action);

        Assert.NotEmpty(cells);
        Assert.All(cells, cell =>
        {
            var words = Without(cell, values);
            Assert.Matches("[A-Za-z]{3,}", words);
            Assert.DoesNotMatch(Chinese(), words);
        });
    }

    [Fact]
    public async Task An_entry_written_before_codes_still_shows_its_free_text()
    {
        var admin = await host.SignedInAsAsync(Roles.Admin);

        var cells = await DetailCellsAsync(admin, "legacy");

        Assert.Equal(["written before codes"], cells);
    }

    [Fact]
    public void Every_detail_code_has_a_sentence_in_both_languages()
    {
        using var scope = host.Services.CreateScope();
        var text = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Employment.Web.AuditResource>>();
        foreach (var culture in new[] { "zh-CN", "en" })
        {
            var before = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            try
            {
                Assert.All(AuditDetails.All, code => Assert.False(text["AuditDetail_" + code].ResourceNotFound, $"{culture}: no sentence for {code}"));
            }
            finally
            {
                CultureInfo.CurrentUICulture = before;
            }
        }
    }

    /// <summary>The detail column of the audit page filtered to one action (newest 50), as text.</summary>
    private static async Task<List<string>> DetailCellsAsync(HttpClient admin, string action)
    {
        var html = await admin.GetStringAsync("/Admin/Audit?action=" + Uri.EscapeDataString(action));
        var body = html[html.IndexOf("<tbody>", StringComparison.Ordinal)..html.IndexOf("</tbody>", StringComparison.Ordinal)];
        return Row().Matches(body)
            .Select(row => Cell().Matches(row.Value).Select(c => WebUtility.HtmlDecode(Tag().Replace(c.Groups[1].Value, "")).Trim()).ToList())
            .Select(cells => cells[5])
            .ToList();
    }

    /// <summary>
    /// The sentence without the values the entries recorded (ids, numbers, dates, the request line,
    /// a reason as typed): what is left is the sentence's own words.
    /// </summary>
    private static string Without(string cell, IReadOnlyList<string> values)
    {
        foreach (var value in values)
        {
            cell = cell.Replace(value, " ", StringComparison.Ordinal);
        }
        return cell;
    }

    /// <summary>Every value the entries of this action recorded, longest first (so an id inside a request line goes with the line).</summary>
    private async Task<IReadOnlyList<string>> ValuesAsync(string action) =>
        (await host.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(e => e.Action == action).ToListAsync()))
            .SelectMany(e => AuditDetail.From(e)?.Arguments ?? [])
            .Where(v => v.Length > 0)
            .Distinct()
            .OrderByDescending(v => v.Length)
            .ToList();

    [GeneratedRegex(@"<tr>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex(@"<td>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}
