using System.Diagnostics;
using System.Net;
using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Interchange;
using Employment.Tests.Counselor;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.TalentPool;

/// <summary>The talent pool kept in the web: registration, duplicate ID numbers, the area wall, income changes and their history.</summary>
[BothStores]
public sealed class RegisterTests(CounselorHost host) : IClassFixture<CounselorHost>
{
    private static Dictionary<string, string> Household(string street, decimal income, params (string Name, string? IdNumber, int Age)[] members)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.MonthlyIncome"] = income.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.DivisionCode"] = street,
            ["Input.Address"] = "红星路二段 1 号",
            ["Input.Causes"] = "LackSkills",
        };
        for (var i = 0; i < members.Length; i++)
        {
            form[$"Members[{i}].Name"] = members[i].Name;
            if (members[i].IdNumber is { } id)
            {
                form[$"Members[{i}].IdNumber"] = id;
            }
            form[$"Members[{i}].Age"] = members[i].Age.ToString(System.Globalization.CultureInfo.InvariantCulture);
            form[$"Members[{i}].LaborCapacity"] = "Full";
            form[$"Members[{i}].Education"] = "Junior";
        }
        return form;
    }

    private static string HouseholdIdFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Counselor/Household/", location, StringComparison.Ordinal);
        return location["/Counselor/Household/".Length..];
    }

    [Fact]
    public async Task A_counselor_registers_a_household_of_two_in_their_area_and_it_is_matched_at_once()
    {
        var client = await host.CounselorOfAsync(host.StreetA);
        var first = ResidentIds.UniqueName();
        var second = ResidentIds.UniqueName();
        var response = await client.PostFormAsync("/Counselor/Register",
            Household(host.StreetA, 600, (first, ResidentIds.Next(), 38), (second, ResidentIds.Next(), 35)));
        var householdId = HouseholdIdFrom(response);

        var (household, region) = await host.WithDbAsync(async db => (
            await db.Households.AsNoTracking().Include(h => h.Members).SingleAsync(h => h.Id == householdId),
            await db.Regions.AsNoTracking().TheDistrict().SingleAsync()));
        Assert.Equal(2, household.Members.Count);
        Assert.Equal(2, household.Size);
        Assert.Equal(host.StreetA, household.DivisionCode);
        // The category is the lines' for 300 a head, not typed by anyone.
        Assert.Equal(TalentPoolRegister.LinesGive(HouseholdStanding.Band(household, region)), household.Category);
        Assert.NotEqual(0, household.Lat);

        // Matched at once: the person page ranks positions for the new member ...
        var person = household.Members.Single(m => m.Name == first);
        var page = await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Person/{person.Id}"));
        Assert.NotEmpty(CounselorHost.MatchedPositions(page));
        // ... and the talent pool index has both members within moments (the outbox, woken by the save).
        var clock = Stopwatch.StartNew();
        foreach (var name in new[] { first, second })
        {
            while (!CounselorHost.PersonLinks(await CounselorHost.HtmlAsync(
                await client.GetAsync($"/Counselor/Search?f.Name={Uri.EscapeDataString(name)}"))).Any(id => household.Members.Any(m => m.Id == id)))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{name} did not reach the talent pool index");
                await Task.Delay(50);
            }
        }
        // The household page shows the registration in its history.
        var history = await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Register/Household/{householdId}"));
        Assert.Contains("登记", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_ID_number_anywhere_in_the_store_is_refused_naming_the_existing_record_masked()
    {
        // Someone of the other street: the counselor cannot see them, but one person is one person.
        var theirs = await host.TakeAsync(host.StreetB);
        var idNumber = ResidentIds.Next();
        await host.WithDbAsync(async db =>
        {
            var p = await db.Persons.SingleAsync(x => x.Id == theirs.Id);
            p.IdNumber = idNumber;
            return await db.SaveChangesAsync();
        });
        var client = await host.CounselorOfAsync(host.StreetA);
        var name = ResidentIds.UniqueName();
        var before = await host.WithDbAsync(db => db.Households.CountAsync());

        var response = await client.PostFormAsync("/Counselor/Register", Household(host.StreetA, 400, (name, idNumber, 40)));
        var html = await CounselorHost.HtmlAsync(response);
        var error = CounselorHost.FieldError(html, "Members[0].IdNumber");
        Assert.NotNull(error);
        Assert.Contains(ResidentId.Mask(idNumber), error, StringComparison.Ordinal);
        Assert.Contains(theirs.Id, error, StringComparison.Ordinal);
        Assert.Contains(theirs.HouseholdId, error, StringComparison.Ordinal);
        // Masked means masked: the full number is nowhere on the page but the field the counselor typed it in.
        Assert.DoesNotContain(theirs.Name, html, StringComparison.Ordinal);
        Assert.Equal(1, html.Split(idNumber).Length - 1);
        Assert.Equal(before, await host.WithDbAsync(db => db.Households.CountAsync()));

        // The same number twice in one form is refused too, and so is a number with a wrong check digit.
        var other = ResidentIds.Next();
        var twice = await CounselorHost.HtmlAsync(await client.PostFormAsync("/Counselor/Register",
            Household(host.StreetA, 400, (name, other, 40), (ResidentIds.UniqueName(), other, 41))));
        Assert.NotNull(CounselorHost.FieldError(twice, "Members[1].IdNumber"));
        var wrong = other[..17] + (other[17] == '0' ? '1' : '0');
        var bad = await CounselorHost.HtmlAsync(await client.PostFormAsync("/Counselor/Register", Household(host.StreetA, 400, (name, wrong, 40))));
        Assert.NotNull(CounselorHost.FieldError(bad, "Members[0].IdNumber"));
        Assert.Equal(before, await host.WithDbAsync(db => db.Households.CountAsync()));

        // The importer refuses the same number by the same rule.
        var importer = await host.WithDbAsync(async db =>
        {
            var dataset = new Dataset
            {
                Region = new RegionRecord { Name = "x", DibaoLine = 1, EdgeLine = 2 },
                Households =
                [
                    new HouseholdRecord
                    {
                        Id = "H-DUP", MonthlyIncome = 100, Size = 1, Location = new LocationRecord { Lat = 30.65, Lon = 104.08 },
                        Members = [new PersonRecord { Id = "S-DUP", Name = name, IdNumber = idNumber, Age = 30, LaborCapacity = "full", Education = "none" }],
                    },
                ],
            };
            try
            {
                await new DatasetImporter(db, TimeProvider.System).ImportAsync(dataset);
                return null;
            }
            catch (DatasetException e)
            {
                return e.Errors.Select(x => x.ToString()).ToList();
            }
        });
        Assert.NotNull(importer);
        Assert.Contains(importer, e => e.Contains("idNumber", StringComparison.Ordinal) && e.Contains(theirs.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_streets_household_cannot_be_edited_nor_registered_there()
    {
        var theirs = await host.TakeAsync(host.StreetB);
        var client = await host.CounselorOfAsync(host.StreetA);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Counselor/Register/Household/{theirs.HouseholdId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Counselor/Register/Person/{theirs.Id}")).StatusCode);

        // A post with a token from the counselor's own page is refused before any handler runs.
        var own = await host.TakeAsync(host.StreetA);
        var form = await client.GetAsync($"/Counselor/Register/Household/{own.HouseholdId}");
        var token = Staff.AntiforgeryToken(await form.Content.ReadAsStringAsync())!;
        var post = await client.PostAsync($"/Counselor/Register/Household/{theirs.HouseholdId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.MonthlyIncome"] = "99999",
            ["Input.DivisionCode"] = host.StreetB,
            ["Input.Address"] = "x",
            ["Reason"] = "x",
        }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var archive = await client.PostAsync($"/Counselor/Register/Household/{theirs.HouseholdId}?handler=Archive",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["ArchiveReason"] = "x" }));
        Assert.Equal(HttpStatusCode.NotFound, archive.StatusCode);
        var after = await host.WithDbAsync(db => db.Households.AsNoTracking().SingleAsync(h => h.Id == theirs.HouseholdId));
        Assert.Equal(theirs.Household!.MonthlyIncome, after.MonthlyIncome);
        Assert.Null(after.ArchivedUtc);

        // Nor may the counselor register a household into the other street, or move their own there.
        var html = await CounselorHost.HtmlAsync(await client.PostFormAsync("/Counselor/Register",
            Household(host.StreetB, 400, (ResidentIds.UniqueName(), null, 30))));
        Assert.NotNull(CounselorHost.FieldError(html, "Input.DivisionCode"));
        var move = await CounselorHost.HtmlAsync(await client.PostFormAsync($"/Counselor/Register/Household/{own.HouseholdId}", new()
        {
            ["Input.MonthlyIncome"] = "100",
            ["Input.DivisionCode"] = host.StreetB,
            ["Input.Address"] = "x",
            ["Reason"] = "moved",
        }));
        Assert.NotNull(CounselorHost.FieldError(move, "Input.DivisionCode"));
    }

    [Fact]
    public async Task An_income_change_reassesses_the_category_and_the_history_shows_who_what_and_why()
    {
        var account = await host.CreateAccountAsync(Core.Data.Roles.Counselor, areas: [host.StreetA]);
        var client = await host.SignInAsync(account);
        var region = await host.WithDbAsync(db => db.Regions.AsNoTracking().TheDistrict().SingleAsync());
        // A household of two under the 低保 line: 低保 by the lines.
        var low = Math.Floor(region.DibaoLine * 2 - 20);
        var householdId = HouseholdIdFrom(await client.PostFormAsync("/Counselor/Register",
            Household(host.StreetA, low, (ResidentIds.UniqueName(), ResidentIds.Next(), 45), (ResidentIds.UniqueName(), null, 44))));
        Assert.Equal(Core.Domain.HouseholdCategory.Dibao, (await host.WithDbAsync(db => db.Households.SingleAsync(h => h.Id == householdId))).Category);

        // A new job lifts income per head between the lines: 低保边缘, nobody typing the category.
        var between = Math.Floor((region.DibaoLine + region.EdgeLine)); // per head (dibao+edge)/2, for two people
        var edit = new Dictionary<string, string>
        {
            ["Input.MonthlyIncome"] = between.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.DivisionCode"] = host.StreetA,
            ["Input.Address"] = "红星路二段 1 号",
            ["Input.Causes"] = "LackSkills",
            ["Reason"] = "长子在社区超市就业",
        };
        var noReason = new Dictionary<string, string>(edit) { ["Reason"] = "" };
        Assert.NotNull(CounselorHost.FieldError(await CounselorHost.HtmlAsync(
            await client.PostFormAsync($"/Counselor/Register/Household/{householdId}", noReason)), "Reason"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/Counselor/Register/Household/{householdId}", edit)).StatusCode);
        var household = await host.WithDbAsync(db => db.Households.AsNoTracking().SingleAsync(h => h.Id == householdId));
        Assert.Equal(between, household.MonthlyIncome);
        Assert.Equal(Core.Domain.HouseholdCategory.DibaoEdge, household.Category);

        // A category the lines do not give needs a reason; with one it stands.
        var expenditure = new Dictionary<string, string>(edit) { ["Input.Category"] = "Expenditure", ["Reason"] = "复核" };
        Assert.NotNull(CounselorHost.FieldError(await CounselorHost.HtmlAsync(
            await client.PostFormAsync($"/Counselor/Register/Household/{householdId}", expenditure)), "Input.CategoryReason"));
        expenditure["Input.CategoryReason"] = "长期住院，医疗支出大";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/Counselor/Register/Household/{householdId}", expenditure)).StatusCode);

        var changes = await host.WithDbAsync(db => db.RecordChanges.AsNoTracking().Where(c => c.HouseholdId == householdId).ToListAsync());
        var income = Assert.Single(changes, c => c.Field == "MonthlyIncome");
        Assert.Equal(account.Login, income.Actor);
        Assert.Equal("长子在社区超市就业", income.Reason);
        Assert.Equal(low.ToString(System.Globalization.CultureInfo.InvariantCulture), income.Before);
        Assert.Contains(changes, c => c is { Field: "Category", Before: "Dibao", After: "DibaoEdge", Reason: "长子在社区超市就业" });
        Assert.Contains(changes, c => c is { Field: "Category", Before: "DibaoEdge", After: "Expenditure" });

        var page = await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Register/Household/{householdId}"));
        Assert.Contains(account.Login, page, StringComparison.Ordinal);
        Assert.Contains("长子在社区超市就业", page, StringComparison.Ordinal);
        Assert.Contains("家庭月收入", page, StringComparison.Ordinal);
        Assert.Contains("长期住院，医疗支出大", page, StringComparison.Ordinal);
        // Every view of the edit page is in the audit log.
        Assert.True(await host.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Actor == account.Login && a.Action == "view" && a.EntityId == householdId)));
    }

    private async Task<Core.Reports.OutcomeReport> FiguresAsync()
    {
        using var scope = host.Services.CreateScope();
        var today = scope.ServiceProvider.GetRequiredService<TimeProvider>().Today();
        return await scope.ServiceProvider.GetRequiredService<Core.Reports.OutcomeReports>().ForQuarterAsync(Core.Reports.Quarter.Of(today));
    }

    [Fact]
    public async Task An_archived_household_counts_nowhere_as_active_and_leaves_the_talent_pool_and_the_matches()
    {
        var client = await host.CounselorOfAsync(host.StreetA);
        var name = ResidentIds.UniqueName("档");
        // Two members able to work, none employed: a zero-employment household.
        var householdId = HouseholdIdFrom(await client.PostFormAsync("/Counselor/Register",
            Household(host.StreetA, 300, (name, ResidentIds.Next(), 40), (ResidentIds.UniqueName(), null, 38))));
        var personId = await host.WithDbAsync(db => db.Persons.Where(p => p.Name == name).Select(p => p.Id).SingleAsync());
        var talentPool = host.Services.GetRequiredService<Core.Search.TalentPoolIndex>();
        var waited = Stopwatch.StartNew();
        while (!talentPool.StoredProfiles().ContainsKey(personId))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the new member never reached the talent pool");
            await Task.Delay(100);
        }
        Assert.NotEmpty(CounselorHost.PersonLinks(await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Search?f.Name={Uri.EscapeDataString(name)}"))));
        var before = await FiguresAsync();
        var street = before.Streets.Single(s => s.Code == host.StreetA);

        // No reason, no archive.
        var page = $"/Counselor/Register/Household/{householdId}";
        Assert.NotNull(CounselorHost.FieldError(await CounselorHost.HtmlAsync(
            await client.PostFormAsync($"{page}?handler=Archive", new() { ["ArchiveReason"] = " " }, page)), "ArchiveReason"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{page}?handler=Archive", new() { ["ArchiveReason"] = "全家迁往外省" }, page)).StatusCode);

        // The figures: one household fewer in the program and among the zero-employment ones, in the street and the district.
        var after = await FiguresAsync();
        Assert.Equal(before.District.Households - 1, after.District.Households);
        Assert.Equal(before.District.ZeroEmploymentHouseholds - 1, after.District.ZeroEmploymentHouseholds);
        var streetAfter = after.Streets.Single(s => s.Code == host.StreetA);
        Assert.Equal(street.Households - 1, streetAfter.Households);
        Assert.Equal(street.ZeroEmploymentHouseholds - 1, streetAfter.ZeroEmploymentHouseholds);
        // The talent pool and the matches: the members' documents go through the outbox, the search finds nobody.
        waited.Restart();
        while (talentPool.StoredProfiles().ContainsKey(personId))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the archived member stayed in the talent pool");
            await Task.Delay(100);
        }
        Assert.Empty(CounselorHost.PersonLinks(await CounselorHost.HtmlAsync(await client.GetAsync($"/Counselor/Search?f.Name={Uri.EscapeDataString(name)}"))));
        // The record and its history stay, and it can no longer be edited.
        var history = await host.WithDbAsync(db => db.RecordChanges.AsNoTracking().Where(c => c.HouseholdId == householdId).ToListAsync());
        Assert.Contains(history, c => c.Field == RecordFields.Archived && c.Reason == "全家迁往外省");
        Assert.DoesNotContain("name=\"Reason\"", await CounselorHost.HtmlAsync(await client.GetAsync(page)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_is_added_to_a_household_and_their_skills_limits_and_needs_are_edited_with_history_and_reach_the_matches()
    {
        var account = await host.CreateAccountAsync(Core.Data.Roles.Counselor, areas: [host.StreetA]);
        var client = await host.SignInAsync(account);
        var region = await host.WithDbAsync(db => db.Regions.AsNoTracking().TheDistrict().SingleAsync());
        // One person on an income the lines class one way for one person and another way for two.
        var income = Math.Floor((region.EdgeLine + 2 * region.DibaoLine) / 2);
        var householdId = HouseholdIdFrom(await client.PostFormAsync("/Counselor/Register", Household(host.StreetA, income, (ResidentIds.UniqueName(), ResidentIds.Next(), 50))));
        var before = await host.WithDbAsync(db => db.Households.AsNoTracking().SingleAsync(h => h.Id == householdId));
        var forTwo = TalentPoolRegister.LinesGive(HouseholdStanding.Band(HouseholdStanding.IncomePerHead(income, 2), region.DibaoLine, region.EdgeLine));
        Assert.Equal(1, before.Size);
        Assert.NotEqual(forTwo, before.Category);

        var page = $"/Counselor/Register/Household/{householdId}";
        var html = await CounselorHost.HtmlAsync(await client.GetAsync(page));
        Assert.Contains("name=\"NewMember.Skills[0].Code\"", html, StringComparison.Ordinal);
        var name = ResidentIds.UniqueName("新");
        var form = new Dictionary<string, string>
        {
            ["NewMember.Name"] = name,
            ["NewMember.IdNumber"] = ResidentIds.Next(),
            ["NewMember.Age"] = "24",
            ["NewMember.LaborCapacity"] = "Full",
            ["NewMember.Education"] = "Senior",
            ["NewMember.Skills[0].Code"] = "clean.basic",
            ["NewMember.Skills[0].Level"] = "2",
            ["NewMember.Limits"] = "lifting_heavy",
            ["NewMember.Needs"] = "step_free_access",
            ["MemberReason"] = "",
        };
        // No reason, an unknown skill, an ID number already held: refused, naming each field, nothing written.
        var refused = await CounselorHost.HtmlAsync(await client.PostFormAsync($"{page}?handler=AddMember",
            new Dictionary<string, string>(form) { ["NewMember.Skills[1].Code"] = "rocket.science", ["NewMember.IdNumber"] = await HeldIdNumberAsync() }, page));
        Assert.NotNull(CounselorHost.FieldError(refused, "MemberReason"));
        Assert.Contains("rocket.science", CounselorHost.FieldError(refused, "NewMember.Skills"), StringComparison.Ordinal);
        Assert.NotNull(CounselorHost.FieldError(refused, "NewMember.IdNumber"));
        Assert.Equal(1, await host.WithDbAsync(db => db.Persons.CountAsync(p => p.HouseholdId == householdId)));

        form["MemberReason"] = "女儿大学毕业回家";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{page}?handler=AddMember", form, page)).StatusCode);
        var household = await host.WithDbAsync(db => db.Households.AsNoTracking().Include(h => h.Members).SingleAsync(h => h.Id == householdId));
        Assert.Equal(2, household.Size);
        Assert.Equal(forTwo, household.Category);
        var added = Assert.Single(household.Members, m => m.Name == name);
        Assert.Equal([new Core.Matching.SkillLevel("clean.basic", 2)], added.Skills);
        Assert.Equal(["lifting_heavy"], added.Limits);
        Assert.Equal(["step_free_access"], added.Needs);
        var history = await host.WithDbAsync(db => db.RecordChanges.AsNoTracking().Where(c => c.HouseholdId == householdId).ToListAsync());
        Assert.Contains(history, c => c is { Field: RecordFields.MemberAdded, Reason: "女儿大学毕业回家" } && c.PersonId == added.Id && c.Actor == account.Login);
        Assert.Contains(history, c => c is { Field: "Size", Before: "1", After: "2" });
        Assert.Contains(history, c => c.Field == "Category" && c.After == forTwo?.ToString());

        // In the talent pool at once, with the skills and needs the counselor gave.
        var talentPool = host.Services.GetRequiredService<Core.Search.TalentPoolIndex>();
        await UntilIndexedAsync(talentPool, added.Id);

        // Skills, limits and needs edited on the member's page: a level up, a new skill, a limit gone, a need added.
        var personPage = $"/Counselor/Register/Person/{added.Id}";
        Assert.Contains("value=\"clean.basic\" selected", await CounselorHost.HtmlAsync(await client.GetAsync(personPage)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(personPage, new()
        {
            ["Member.Name"] = name, ["Member.Age"] = "24", ["Member.LaborCapacity"] = "Full", ["Member.Education"] = "Senior",
            ["Member.Skills[0].Code"] = "clean.basic", ["Member.Skills[0].Level"] = "3",
            ["Member.Skills[1].Code"] = "clean.commercial", ["Member.Skills[1].Level"] = "1",
            ["Member.Skills[2].Code"] = "",
            ["Member.Needs"] = "step_free_access",
            ["Reason"] = "取得保洁员证书",
        }, personPage)).StatusCode);
        var edited = await host.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == added.Id));
        Assert.Equal([new("clean.basic", 3), new("clean.commercial", 1)], edited.Skills);
        Assert.Empty(edited.Limits);
        var changes = await host.WithDbAsync(db => db.RecordChanges.AsNoTracking().Where(c => c.PersonId == added.Id && c.Reason == "取得保洁员证书").ToListAsync());
        Assert.Contains(changes, c => c is { Field: "Skills", Before: "clean.basic:2", After: "clean.basic:3;clean.commercial:1" });
        Assert.Contains(changes, c => c is { Field: "Limits", Before: "lifting_heavy", After: null });
        Assert.DoesNotContain(changes, c => c.Field == "Needs");
        Assert.Contains("取得保洁员证书", await CounselorHost.HtmlAsync(await client.GetAsync(personPage)), StringComparison.Ordinal);
        // The talent pool's document follows the edit.
        await UntilIndexedAsync(talentPool, added.Id);
    }

    private async Task<string> HeldIdNumberAsync() =>
        await host.WithDbAsync(db => db.Persons.Where(p => p.IdNumber != null).Select(p => p.IdNumber!).FirstAsync());

    /// <summary>Waits until the talent pool's stored document for the person is the database's current profile.</summary>
    private async Task UntilIndexedAsync(Core.Search.TalentPoolIndex index, string personId)
    {
        var profile = (await host.WithDbAsync(db => Core.Search.ProfileLoader.SeekersAsync(db, [personId], default))).Single();
        var expected = index.Serialize(profile);
        var waited = Stopwatch.StartNew();
        while (!(index.StoredProfiles().TryGetValue(personId, out var stored) && stored.AsSpan().SequenceEqual(expected)))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the talent pool did not follow the change");
            await Task.Delay(100);
        }
    }
}
