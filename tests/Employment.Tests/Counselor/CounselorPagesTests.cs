using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Interchange;
using Employment.Core.Placement;
using Employment.Core.Positions;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Counselor;

/// <summary>The counselor's day through HTTP on the demo district: search, ledger, matches, referral to hire, caseload, API.</summary>
[BothStores]
public sealed class CounselorPagesTests(CounselorHost host) : IClassFixture<CounselorHost>
{
    /// <summary>The district's day, as the pages read it: from 16:00 UTC Chengdu is already on the next date.</summary>
    private string Today => Employment.Core.Domain.DistrictClock.Today(host.Services.GetRequiredService<TimeProvider>()).ToString("yyyy-MM-dd");

    [Fact]
    public async Task Search_finds_by_name_skill_and_street_and_never_returns_another_streets_people()
    {
        var client = await host.CounselorOfAsync(host.StreetA);
        var mine = await host.TakeAsync(host.StreetA, (p, _) => p.Skills.Count > 0);
        var skill = mine.Skills[0].Code;
        var theirs = await host.TakeAsync(host.StreetB, (p, _) => p.Skills.Any(s => s.Code == skill));

        var byName = CounselorHost.PersonLinks(await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Search?f.Name={Uri.EscapeDataString(mine.Name)}")));
        Assert.Contains(mine.Id, byName);

        // The other street's person, by exact name, is not found; nor by their street.
        Assert.DoesNotContain(theirs.Id, CounselorHost.PersonLinks(await CounselorHost.HtmlAsync(
            await client.GetAsync($"/Counselor/Search?f.Name={Uri.EscapeDataString(theirs.Name)}"))));
        Assert.Empty(CounselorHost.PersonLinks(await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Search?f.Street={host.StreetB}"))));

        // By skill: exactly the people of my street who hold it, page after page, nobody else.
        var expected = await host.WithDbAsync(async db => (await db.Persons.AsNoTracking().Include(p => p.Household)
                .Where(p => p.Household!.DivisionCode!.StartsWith(host.StreetA)).ToListAsync())
            .Where(p => p.Skills.Any(s => s.Code == skill)).Select(p => p.Id).ToHashSet());
        var found = new HashSet<string>();
        for (var page = 1; page <= 20; page++)
        {
            var html = await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Search?f.Skill={skill}&f.Page={page}"));
            var ids = CounselorHost.PersonLinks(html);
            found.UnionWith(ids);
            if (!html.Contains("rel=\"next\"", StringComparison.Ordinal))
            {
                break;
            }
        }
        Assert.Equal(expected.OrderBy(x => x), found.OrderBy(x => x));
        Assert.Contains(mine.Id, found);
        Assert.DoesNotContain(theirs.Id, found);

        // By street, sorted by age: my street's people, oldest first.
        var byAge = CounselorHost.PersonLinks(await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Search?f.Street={host.StreetA}&f.Sort=age&f.Desc=true")));
        var ages = await host.WithDbAsync(db => db.Persons.Where(p => byAge.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Age));
        Assert.Equal(20, byAge.Count);
        Assert.Equal(byAge.Select(id => ages[id]).OrderByDescending(a => a), byAge.Select(id => ages[id]));
    }

    [Fact]
    public async Task Search_by_zero_employment_and_not_referred_lists_only_what_it_says()
    {
        var client = await host.CounselorOfAsync(host.StreetA);
        var html = await CounselorHost.HtmlAsync(await client.GetAsync("/Counselor/Search?f.Zero=true&f.Stale=true"));
        var ids = CounselorHost.PersonLinks(html);
        Assert.NotEmpty(ids);
        await host.WithDbAsync(async db =>
        {
            var people = await db.Persons.Include(p => p.Household).ThenInclude(h => h!.Members).Where(p => ids.Contains(p.Id)).ToListAsync();
            Assert.All(people, p =>
            {
                Assert.StartsWith(host.StreetA, p.Household!.DivisionCode);
                Assert.True(HouseholdStanding.IsZeroEmployment(p.Household));
            });
            return 0;
        });
    }

    [Fact]
    public async Task A_referral_from_match_to_hire_leaves_placement_household_income_and_zero_employment_right()
    {
        var client = await host.CounselorOfAsync(host.StreetA);
        var person = await host.TakeAsync(host.StreetA, (_, h) => HouseholdStanding.IsZeroEmployment(h));
        var page = $"/Counselor/Person/{person.Id}";
        var html = await CounselorHost.HtmlAsync(await client.GetAsync(page));
        var positionId = CounselorHost.MatchedPositions(html).First();
        var before = await host.PositionAsync(positionId);
        var incomeBefore = person.Household!.MonthlyIncome;

        var referred = await client.PostFormAsync($"{page}?handler=Refer", new() { ["Refer.PositionId"] = positionId, ["Refer.Consent"] = "true" }, page);
        Assert.Equal(HttpStatusCode.Redirect, referred.StatusCode);
        var referral = await host.WithDbAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.PersonId == person.Id));
        Assert.Equal(ReferralStatus.Sent, referral.Status);
        Assert.True(referral.ConsentRecorded);
        Assert.Equal(PersonStatus.Referred, (await host.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == person.Id))).Status);

        var interview = await client.PostFormAsync($"{page}?handler=Move", new() { ["Move.ReferralId"] = referral.Id.ToString(), ["Move.To"] = "Interview" }, page);
        Assert.Equal(HttpStatusCode.Redirect, interview.StatusCode);
        Assert.Equal(PersonStatus.Interviewing, (await host.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == person.Id))).Status);

        var today = Today;
        var hired = await client.PostFormAsync($"{page}?handler=Hire", new()
        {
            ["Hire.ReferralId"] = referral.Id.ToString(),
            ["Hire.StartedOn"] = today,
            ["Hire.MonthlyWage"] = before.MonthlyWage.ToString("0"),
        }, page);
        Assert.Equal(HttpStatusCode.Redirect, hired.StatusCode);

        await host.WithDbAsync(async db =>
        {
            var placement = await db.Placements.AsNoTracking().Include(p => p.FollowUps).SingleAsync(p => p.PersonId == person.Id);
            var household = await db.Households.AsNoTracking().Include(h => h.Members).SingleAsync(h => h.Id == person.HouseholdId);
            var after = await db.Persons.AsNoTracking().SingleAsync(p => p.Id == person.Id);
            Assert.Equal(positionId, placement.PositionId);
            Assert.Equal(referral.Id, placement.ReferralId);
            Assert.Equal(before.MonthlyWage, placement.MonthlyWage);
            Assert.Equal(3, placement.FollowUps.Count);
            Assert.True(after.Employed);
            Assert.Equal(PersonStatus.Placed, after.Status);
            Assert.Equal(incomeBefore + before.MonthlyWage, household.MonthlyIncome);
            Assert.False(HouseholdStanding.IsZeroEmployment(household));
            Assert.Equal(ReferralStatus.Hired, (await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == referral.Id)).Status);
            Assert.Equal(before.Filled + 1, (await db.Positions.AsNoTracking().SingleAsync(p => p.Id == positionId)).Filled);
            return 0;
        });

        // The page now shows the placement and the household's new standing.
        var shown = await CounselorHost.HtmlAsync(await client.GetAsync(page));
        Assert.Contains("已安置", shown);
        Assert.Contains(HouseholdStanding.IncomePerHead(incomeBefore + before.MonthlyWage, person.Household.Size).ToString("N0"), shown);
    }

    [Fact]
    public async Task A_match_shows_its_score_as_a_percentage_and_stars_with_the_factors_behind_it()
    {
        var client = await host.CounselorOfAsync(host.StreetA);
        var person = await host.TakeAsync(host.StreetA);
        var html = await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Person/{person.Id}"));

        Assert.Matches(@"匹配度 \d{1,3}%", html);
        Assert.DoesNotMatch(@"匹配度 0\.\d", html);
        Assert.Matches("aria-label=\"五星中的 [1-5] 星\"", html);
        Assert.Matches(@"技能 \d{1,3}% · 距离 \d{1,3}% · 工资 \d{1,3}%", html);
    }

    [Fact]
    public async Task A_referral_sent_by_mistake_is_withdrawn_and_the_person_seeks_again()
    {
        var client = await host.CounselorOfAsync(host.StreetA);
        var person = await host.TakeAsync(host.StreetA);
        var page = $"/Counselor/Person/{person.Id}";
        var positionId = CounselorHost.MatchedPositions(await CounselorHost.HtmlAsync(await client.GetAsync(page))).First();
        await client.PostFormAsync($"{page}?handler=Refer", new() { ["Refer.PositionId"] = positionId, ["Refer.Consent"] = "true" }, page);
        var referral = await host.WithDbAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.PersonId == person.Id));

        var withdrawn = await client.PostFormAsync($"{page}?handler=Move", new() { ["Move.ReferralId"] = referral.Id.ToString(), ["Move.To"] = "Withdrawn" }, page);

        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal(ReferralStatus.Withdrawn, (await host.WithDbAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.Id == referral.Id))).Status);
        Assert.Equal(PersonStatus.Seeking, (await host.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == person.Id))).Status);
        // A withdrawn referral cannot be hired on: the lifecycle says no, and nothing changes.
        var hire = await client.PostFormAsync($"{page}?handler=Hire", new()
        {
            ["Hire.ReferralId"] = referral.Id.ToString(),
            ["Hire.StartedOn"] = Today,
        }, page);
        Assert.Contains("当前状态下不能这样操作", await CounselorHost.HtmlAsync(hire));
        Assert.False(await host.WithDbAsync(db => db.Placements.AnyAsync(p => p.PersonId == person.Id)));
    }

    [Fact]
    public async Task A_hire_the_persons_status_does_not_allow_is_refused_whole()
    {
        var client = await host.CounselorOfAsync(host.StreetA);
        var person = await host.TakeAsync(host.StreetA);
        var page = $"/Counselor/Person/{person.Id}";
        var positionId = CounselorHost.MatchedPositions(await CounselorHost.HtmlAsync(await client.GetAsync(page))).First();
        await client.PostFormAsync($"{page}?handler=Refer", new() { ["Refer.PositionId"] = positionId, ["Refer.Consent"] = "true" }, page);
        var referral = await host.WithDbAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.PersonId == person.Id));
        await host.WithDbAsync(db => db.Persons.Where(p => p.Id == person.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, PersonStatus.Inactive)));
        var filled = (await host.PositionAsync(positionId)).Filled;

        var refused = await CounselorHost.HtmlAsync(await client.PostFormAsync($"{page}?handler=Hire", new()
        {
            ["Hire.ReferralId"] = referral.Id.ToString(),
            ["Hire.StartedOn"] = Today,
        }, page));

        Assert.Contains("当前状态下不能这样操作", refused);
        await host.WithDbAsync(async db =>
        {
            Assert.False(await db.Placements.AnyAsync(p => p.PersonId == person.Id));
            Assert.Equal(ReferralStatus.Sent, (await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == referral.Id)).Status);
            Assert.Equal(person.Household!.MonthlyIncome, (await db.Households.AsNoTracking().SingleAsync(h => h.Id == person.HouseholdId)).MonthlyIncome);
            Assert.Equal(filled, (await db.Positions.AsNoTracking().SingleAsync(p => p.Id == positionId)).Filled);
            return 0;
        });
    }

    [Fact]
    public async Task A_bad_form_post_gets_field_errors_and_changes_nothing()
    {
        var client = await host.CounselorOfAsync(host.StreetA);
        var person = await host.TakeAsync(host.StreetA);
        var page = $"/Counselor/Person/{person.Id}";
        var positionId = CounselorHost.MatchedPositions(await CounselorHost.HtmlAsync(await client.GetAsync(page))).First();

        // Refer without the consent box ticked.
        var noConsent = await CounselorHost.HtmlAsync(await client.PostFormAsync($"{page}?handler=Refer", new() { ["Refer.PositionId"] = positionId }, page));
        Assert.Equal("推荐前须取得本人同意并勾选。", CounselorHost.FieldError(noConsent, "Refer.Consent"));
        Assert.False(await host.WithDbAsync(db => db.Referrals.AnyAsync(r => r.PersonId == person.Id)));
        Assert.Equal(person.Status, (await host.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == person.Id))).Status);

        // A ledger entry with no section, no text and a date next year.
        var household = $"/Counselor/Household/{person.HouseholdId}";
        var entries = await host.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.HouseholdId == person.HouseholdId));
        var bad = await CounselorHost.HtmlAsync(await client.PostFormAsync($"{household}?handler=Add", new()
        {
            ["Entry.Section"] = "",
            ["Entry.Text"] = "  ",
            ["Entry.RecordedOn"] = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd"),
        }, household));
        Assert.Equal("此项必填。", CounselorHost.FieldError(bad, "Entry.Section"));
        Assert.Equal("此项必填。", CounselorHost.FieldError(bad, "Entry.Text"));
        Assert.Equal("日期不能晚于今天。", CounselorHost.FieldError(bad, "Entry.RecordedOn"));
        // A date that is not a date, and a member of another household.
        var notADate = await CounselorHost.HtmlAsync(await client.PostFormAsync($"{household}?handler=Add", new()
        {
            ["Entry.Section"] = "FamilySituation",
            ["Entry.Text"] = "x",
            ["Entry.RecordedOn"] = "not-a-date",
            ["Entry.PersonId"] = "S-9999",
        }, household));
        Assert.Equal("格式不正确。", CounselorHost.FieldError(notADate, "Entry.RecordedOn"));
        Assert.Equal("不是该家庭的成员。", CounselorHost.FieldError(notADate, "Entry.PersonId"));
        Assert.Equal(entries, await host.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.HouseholdId == person.HouseholdId)));

        // A hire with a wage of zero on a fresh referral: refused on its field, nothing placed.
        await client.PostFormAsync($"{page}?handler=Refer", new() { ["Refer.PositionId"] = positionId, ["Refer.Consent"] = "true" }, page);
        var referral = await host.WithDbAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.PersonId == person.Id));
        var zeroWage = await CounselorHost.HtmlAsync(await client.PostFormAsync($"{page}?handler=Hire", new()
        {
            ["Hire.ReferralId"] = referral.Id.ToString(),
            ["Hire.StartedOn"] = Today,
            ["Hire.MonthlyWage"] = "0",
        }, page));
        Assert.Equal("月薪须大于 0 且合理。", CounselorHost.FieldError(zeroWage, "Hire.MonthlyWage"));
        Assert.False(await host.WithDbAsync(db => db.Placements.AnyAsync(p => p.PersonId == person.Id)));
        Assert.Equal(person.Household!.MonthlyIncome, (await host.WithDbAsync(db => db.Households.AsNoTracking().SingleAsync(h => h.Id == person.HouseholdId))).MonthlyIncome);
    }

    [Fact]
    public async Task The_ledger_takes_dated_entries_with_their_author_and_only_the_authors_last_can_be_corrected_or_undone()
    {
        var account = await host.CreateAccountAsync(Roles.Counselor, areas: [host.StreetA]);
        var client = await host.SignInAsync(account);
        var colleague = await host.CounselorOfAsync(host.StreetA);
        var person = await host.TakeAsync(host.StreetA);
        var page = $"/Counselor/Household/{person.HouseholdId}";

        var added = await client.PostFormAsync($"{page}?handler=Add", new()
        {
            ["Entry.Section"] = "EmploymentIntention",
            ["Entry.PersonId"] = person.Id,
            ["Entry.Text"] = "想做保洁，离家近",
            ["Entry.RecordedOn"] = "2026-11-30",
        }, page);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var entry = await host.WithDbAsync(db => db.LedgerEntries.AsNoTracking().SingleAsync(e => e.HouseholdId == person.HouseholdId));
        Assert.Equal(account.Login, entry.Author);
        Assert.Equal(new DateOnly(2026, 11, 30), entry.RecordedOn);
        var shown = await CounselorHost.HtmlAsync(await client.GetAsync(page));
        Assert.Contains("想做保洁，离家近", shown);
        Assert.Contains("记录人 " + account.Login, shown);
        Assert.Contains("Correction.EntryId", shown);
        // The person page reads the latest intention.
        Assert.Contains("想做保洁，离家近", await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Person/{person.Id}")));

        // A colleague sees the entry but may not take it back.
        Assert.DoesNotContain("Correction.EntryId", await CounselorHost.HtmlAsync(await colleague.GetAsync(page)));
        var refused = await CounselorHost.HtmlAsync(await colleague.PostFormAsync($"{page}?handler=Undo", new() { ["Correction.EntryId"] = entry.Id.ToString() }, page));
        Assert.Contains("只能更正或撤回本人最近的一条记录", refused);
        Assert.True(await host.WithDbAsync(db => db.LedgerEntries.AnyAsync(e => e.Id == entry.Id)));

        var corrected = await client.PostFormAsync($"{page}?handler=Correct", new() { ["Correction.EntryId"] = entry.Id.ToString(), ["Correction.Text"] = "想做保洁或绿化" }, page);
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        Assert.Equal("想做保洁或绿化", await host.WithDbAsync(db => db.LedgerEntries.Where(e => e.Id == entry.Id).Select(e => e.Text).SingleAsync()));

        var undone = await client.PostFormAsync($"{page}?handler=Undo", new() { ["Correction.EntryId"] = entry.Id.ToString() }, page);
        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        Assert.False(await host.WithDbAsync(db => db.LedgerEntries.AnyAsync(e => e.Id == entry.Id)));
        Assert.True(await host.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "ledger-undo" && a.Actor == account.Login && a.EntityId == person.HouseholdId)));
    }

    [Fact]
    public async Task Every_household_and_person_view_writes_an_audit_entry()
    {
        var account = await host.CreateAccountAsync(Roles.Counselor, areas: [host.StreetA]);
        var client = await host.SignInAsync(account);
        var person = await host.TakeAsync(host.StreetA);
        async Task<int> ViewsAsync(string type, string id) => await host.WithDbAsync(db =>
            db.AuditLog.CountAsync(a => a.Actor == account.Login && a.Action == "view" && a.EntityType == type && a.EntityId == id));

        await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Household/{person.HouseholdId}"));
        await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Household/{person.HouseholdId}"));
        await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Person/{person.Id}"));
        Assert.Equal(200, (int)(await client.GetAsync($"/api/matches/person/{person.Id}")).StatusCode);

        Assert.Equal(2, await ViewsAsync(AuditTrail.Household, person.HouseholdId));
        Assert.Equal(2, await ViewsAsync(AuditTrail.Person, person.Id));
    }

    [Fact]
    public async Task Pages_show_id_numbers_masked_only()
    {
        var client = await host.CounselorOfAsync(host.StreetA);
        var person = await host.TakeAsync(host.StreetA, (p, _) => p.IdNumber is not null);

        foreach (var url in new[] { $"/Counselor/Household/{person.HouseholdId}", $"/Counselor/Person/{person.Id}", $"/api/matches/person/{person.Id}" })
        {
            var body = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain(person.IdNumber!, body);
            Assert.DoesNotContain(person.IdNumber![6..14], body);
            if (!url.StartsWith("/api", StringComparison.Ordinal))
            {
                Assert.Contains(ResidentId.Mask(person.IdNumber), body);
            }
        }
    }

    [Fact]
    public async Task A_counselor_of_another_street_gets_404_and_other_roles_get_no_counselor_page()
    {
        var person = await host.TakeAsync(host.StreetA);
        var other = await host.CounselorOfAsync(host.StreetB);
        var mine = await host.CounselorOfAsync(host.StreetA);
        var page = $"/Counselor/Person/{person.Id}";

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Counselor/Household/{person.HouseholdId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/matches/person/{person.Id}")).StatusCode);
        // Nor can they write to it by posting to the URL with a token from their own page.
        var positionId = CounselorHost.MatchedPositions(await CounselorHost.HtmlAsync(await mine.GetAsync(page))).First();
        var post = await other.PostFormAsync($"{page}?handler=Refer", new() { ["Refer.PositionId"] = positionId, ["Refer.Consent"] = "true" }, "/Counselor");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        // Even without a token: the area is checked before antiforgery, so the answer is the same 404.
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"{page}?handler=Refer", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await mine.PostAsync($"{page}?handler=Refer", new FormUrlEncodedContent([]))).StatusCode);
        var api = await CounselorHost.PostJsonAsync(other, "/api/referrals", new { personId = person.Id, positionId, consent = true });
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.False(await host.WithDbAsync(db => db.Referrals.AnyAsync(r => r.PersonId == person.Id)));
        Assert.DoesNotContain(person.Id, await (await other.GetAsync($"/api/referrals?personId={person.Id}")).Content.ReadAsStringAsync());

        var employer = await host.SignedInAsAsync(Roles.Employer, employerId: "E-001");
        var denied = await employer.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/Account/Denied", denied.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await employer.GetAsync($"/api/matches/person/{person.Id}")).StatusCode);
        var anonymous = await host.NewClient().GetAsync("/Counselor/Search");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.NewClient().GetAsync("/api/referrals")).StatusCode);
    }

    [Fact]
    public async Task The_api_refers_with_consent_lists_referrals_and_matches_within_the_area()
    {
        var client = await host.CounselorOfAsync(host.StreetA);
        var person = await host.TakeAsync(host.StreetA);

        var matches = await client.GetFromJsonAsync<JsonElement>($"/api/matches/person/{person.Id}?top=5");
        Assert.InRange(matches.GetArrayLength(), 1, 5);
        var positionId = matches[0].GetProperty("positionId").GetString()!;
        Assert.NotEmpty(matches[0].GetProperty("reasons").EnumerateArray());

        var refused = await CounselorHost.PostJsonAsync(client, "/api/referrals", new { personId = person.Id, positionId, consent = false });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("consent", await refused.Content.ReadAsStringAsync());
        var created = await CounselorHost.PostJsonAsync(client, "/api/referrals", new { personId = person.Id, positionId, consent = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var again = await CounselorHost.PostJsonAsync(client, "/api/referrals", new { personId = person.Id, positionId, consent = true });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/referrals?personId={person.Id}");
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("Sent", item.GetProperty("status").GetString());
        Assert.True(item.GetProperty("consentRecorded").GetBoolean());
        Assert.DoesNotContain("idNumber", list.ToString(), StringComparison.OrdinalIgnoreCase);

        // Candidates for a position: only people of my street, whatever the engine ranked.
        var candidates = await client.GetFromJsonAsync<JsonElement>($"/api/matches/position/{positionId}?top=20");
        var ids = candidates.EnumerateArray().Select(c => c.GetProperty("personId").GetString()!).ToList();
        Assert.NotEmpty(ids);
        var streets = await host.WithDbAsync(db => db.Persons.Where(p => ids.Contains(p.Id)).Select(p => p.Household!.DivisionCode).ToListAsync());
        Assert.All(streets, s => Assert.StartsWith(host.StreetA, s));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/matches/position/P-none")).StatusCode);
    }

    [Fact]
    public async Task The_caseload_lists_kiosk_interest_turns_it_into_a_kiosk_referral_and_shows_overdue_follow_ups()
    {
        var client = await host.CounselorOfAsync(host.StreetA);
        var person = await host.TakeAsync(host.StreetA);
        var placed = await host.TakeAsync(host.StreetA);
        var positionId = CounselorHost.MatchedPositions(await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Person/{person.Id}"))).First();
        var leadId = await host.WithDbAsync(async db =>
        {
            var lead = new Lead { PersonId = person.Id, PositionId = positionId, CreatedUtc = DateTime.UtcNow };
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
            return lead.Id;
        });
        // A hire 40 days ago: its one-month follow-up is overdue.
        using (var scope = host.Services.CreateScope())
        {
            var openPosition = CounselorHost.MatchedPositions(await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Person/{placed.Id}"))).First();
            await scope.ServiceProvider.GetRequiredService<PlacementWorkflow>().HireAsync(
                new HireRequest(placed.Id, openPosition, PlacementChannel.Referral, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-40))), "test");
        }

        var caseload = await CounselorHost.HtmlAsync(await client.GetAsync("/Counselor"));
        Assert.Contains($"name=\"Lead.LeadId\" value=\"{leadId}\"", caseload);
        Assert.Contains(placed.Name, caseload);
        Assert.Contains("已逾期", caseload);
        var due = await host.WithDbAsync(db => db.FollowUps.Where(f => f.Placement!.PersonId == placed.Id && f.MonthsAfter == 1).Select(f => f.Id).SingleAsync());
        Assert.Contains($"href=\"/FollowUps/Record/{due}\"", caseload);

        var noConsent = await CounselorHost.HtmlAsync(await client.PostFormAsync("/Counselor?handler=Refer", new() { ["Lead.LeadId"] = leadId.ToString() }, "/Counselor"));
        Assert.Contains("推荐前须取得本人同意并勾选", noConsent);
        var contacted = await client.PostFormAsync("/Counselor?handler=Contacted", new() { ["Lead.LeadId"] = leadId.ToString() }, "/Counselor");
        Assert.Equal(HttpStatusCode.Redirect, contacted.StatusCode);
        var referred = await client.PostFormAsync("/Counselor?handler=Refer", new() { ["Lead.LeadId"] = leadId.ToString(), ["Lead.Consent"] = "true" }, "/Counselor");
        Assert.Equal(HttpStatusCode.Redirect, referred.StatusCode);

        await host.WithDbAsync(async db =>
        {
            var lead = await db.Leads.AsNoTracking().SingleAsync(l => l.Id == leadId);
            var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.PersonId == person.Id);
            Assert.Equal(LeadStatus.Referred, lead.Status);
            Assert.Equal(referral.Id, lead.ReferralId);
            Assert.Equal(PlacementChannel.Kiosk, referral.Channel);
            Assert.Equal(ReferralStatus.Sent, referral.Status);
            return 0;
        });
        // A counselor of another street neither sees the lead nor can act on it.
        var other = await host.CounselorOfAsync(host.StreetB);
        Assert.DoesNotContain($"value=\"{leadId}\"", await CounselorHost.HtmlAsync(await other.GetAsync("/Counselor")));
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync("/Counselor?handler=Contacted", new() { ["Lead.LeadId"] = leadId.ToString() }, "/Counselor")).StatusCode);
    }

    [Fact]
    public async Task The_person_page_reads_the_reasons_in_english_when_asked()
    {
        var client = await host.CounselorOfAsync(host.StreetA);
        var person = await host.TakeAsync(host.StreetA);
        var html = await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Person/{person.Id}?culture=en"));
        Assert.Contains("km from home", html);
        Assert.Contains("Income per head if hired", html);
        Assert.Contains("The person agreed to be referred to this position", html);
        Assert.DoesNotContain("距家", html);
    }
}
