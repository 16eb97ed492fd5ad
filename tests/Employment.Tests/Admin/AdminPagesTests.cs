using System.Net;
using System.Text.RegularExpressions;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Admin;

/// <summary>The admin pages through HTTP on the demo district, signed in through the real login page.</summary>
[BothStores]
public sealed partial class AdminPagesTests(AdminPagesTests.Host host) : IClassFixture<AdminPagesTests.Host>
{
    public sealed class Host : AppFactory
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private HttpClient? _admin;

        public async Task<HttpClient> AdminAsync()
        {
            await _gate.WaitAsync();
            try
            {
                return _admin ??= await this.SignedInAsAsync(Roles.Admin);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    [GeneratedRegex("<code class=\"secret\">([^<]+)</code>")]
    private static partial Regex SecretPattern();

    [Fact]
    public async Task An_admin_creates_a_counselor_whose_shown_once_password_signs_in_and_whose_areas_limit_the_account()
    {
        var admin = await host.AdminAsync();
        var login = "wang-" + Guid.NewGuid().ToString("N")[..6];

        var created = await admin.PostFormAsync("/Admin/Create", new()
        {
            ["Input.Login"] = login, ["Input.DisplayName"] = "王老师", ["Input.Role"] = Roles.Counselor, ["Input.Areas"] = "510104023",
        });

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var html = await created.Content.ReadAsStringAsync();
        var password = WebUtility.HtmlDecode(SecretPattern().Match(html).Groups[1].Value);
        Assert.True(password.Length >= 12, html);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString());
        var user = await host.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == login));
        Assert.Equal(["510104023"], user.Areas);
        Assert.True(await host.WithDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == "account.create" && e.EntityId == login)));
        // The password is nowhere but on that one answer: not in the audit log.
        Assert.False(await host.WithDbAsync(db => db.AuditLog.AnyAsync(e => (e.Detail != null && e.Detail.Contains(password)) || (e.DetailArgs != null && e.DetailArgs.Contains(password)))));

        var counselor = await host.SignInAsync(new StaffAccount(login, password, Roles.Counselor));
        Assert.Equal(HttpStatusCode.Redirect, (await counselor.GetAsync("/Admin")).StatusCode);
    }

    [Fact]
    public async Task A_bad_create_form_names_each_field_and_writes_nothing()
    {
        var admin = await host.AdminAsync();
        var before = await host.WithDbAsync(db => db.Users.CountAsync());

        var response = await admin.PostFormAsync("/Admin/Create", new()
        {
            ["Input.Login"] = "has space", ["Input.Role"] = Roles.Counselor,
        });
        var html = await response.Content.ReadAsStringAsync();
        var noArea = await admin.PostFormAsync("/Admin/Create", new() { ["Input.Login"] = "li-" + Guid.NewGuid().ToString("N")[..6], ["Input.Role"] = Roles.Counselor, ["Input.Areas"] = "999999999" });
        var noEmployer = await admin.PostFormAsync("/Admin/Create", new() { ["Input.Login"] = "hr-" + Guid.NewGuid().ToString("N")[..6], ["Input.Role"] = Roles.Employer });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("账号为 2–64 位字母", html);
        Assert.Contains("未知的区划代码 999999999", await noArea.Content.ReadAsStringAsync());
        Assert.Contains("用人单位账号必须选择", await noEmployer.Content.ReadAsStringAsync());
        Assert.Equal(before, await host.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Disabling_from_the_page_ends_the_accounts_session_and_enabling_lets_it_sign_in_again()
    {
        var admin = await host.AdminAsync();
        var account = await host.CreateAccountAsync(Roles.Counselor, areas: ["510104023"]);
        var session = await host.SignInAsync(account);
        Assert.Contains(account.Login, await (await session.GetAsync("/")).Content.ReadAsStringAsync());
        var id = await host.WithDbAsync(db => db.Users.Where(u => u.UserName == account.Login).Select(u => u.Id).SingleAsync());

        var disabled = await admin.PostFormAsync($"/Admin/Edit/{id}?handler=Disable", [], page: $"/Admin/Edit/{id}");

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.DoesNotContain(account.Login, await (await session.GetAsync("/")).Content.ReadAsStringAsync());
        Assert.Contains("已停用", await (await admin.GetAsync($"/Admin?q={account.Login}")).Content.ReadAsStringAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.SignInAsync(account));

        await admin.PostFormAsync($"/Admin/Edit/{id}?handler=Enable", [], page: $"/Admin/Edit/{id}");
        var again = await host.SignInAsync(account);
        Assert.Contains(account.Login, await (await again.GetAsync("/")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_password_reset_shows_a_new_password_once_that_replaces_the_old_one()
    {
        var admin = await host.AdminAsync();
        var account = await host.CreateAccountAsync(Roles.Employer, employerId: await host.WithDbAsync(db => db.Employers.Select(e => e.Id).FirstAsync()));
        var id = await host.WithDbAsync(db => db.Users.Where(u => u.UserName == account.Login).Select(u => u.Id).SingleAsync());

        var reset = await admin.PostFormAsync($"/Admin/Edit/{id}?handler=ResetPassword", [], page: $"/Admin/Edit/{id}");
        var password = WebUtility.HtmlDecode(SecretPattern().Match(await reset.Content.ReadAsStringAsync()).Groups[1].Value);

        Assert.NotEqual("", password);
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.SignInAsync(account));
        await host.SignInAsync(account with { Password = password });
        Assert.True(await host.WithDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == "account.reset-password" && e.EntityId == account.Login)));
    }

    [Fact]
    public async Task Editing_a_counselors_areas_saves_them_and_refuses_an_unknown_code()
    {
        var admin = await host.AdminAsync();
        var account = await host.CreateAccountAsync(Roles.Counselor, areas: ["510104023"]);
        var id = await host.WithDbAsync(db => db.Users.Where(u => u.UserName == account.Login).Select(u => u.Id).SingleAsync());
        var other = await host.WithDbAsync(db => db.Divisions.Where(d => d.Level == DivisionLevel.Street && d.Code != "510104023").Select(d => d.Code).FirstAsync());

        var bad = await admin.PostFormAsync($"/Admin/Edit/{id}?handler=Save", new() { ["Input.Areas"] = "12345" }, page: $"/Admin/Edit/{id}");
        Assert.Contains("未知的区划代码 12345", await bad.Content.ReadAsStringAsync());
        Assert.Equal(["510104023"], await host.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Areas).SingleAsync()));

        var saved = await admin.PostFormAsync($"/Admin/Edit/{id}?handler=Save", new() { ["Input.Areas"] = other, ["Input.DisplayName"] = "李老师" }, page: $"/Admin/Edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal([other], await host.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Areas).SingleAsync()));
    }

    [Fact]
    public async Task The_accounts_list_searches_filters_sorts_and_pages()
    {
        var admin = await host.AdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..5];
        for (var i = 0; i < 3; i++)
        {
            await host.CreateAccountAsync(Roles.Counselor, areas: ["510104023"], login: $"zz{tag}-{i}");
        }

        var page = await (await admin.GetAsync($"/Admin?q=zz{tag}&sort=-login")).Content.ReadAsStringAsync();
        var employersOnly = await (await admin.GetAsync($"/Admin?q=zz{tag}&role=employer")).Content.ReadAsStringAsync();
        var beyond = await admin.GetAsync("/Admin?p=9999&sort=nonsense");

        Assert.True(page.IndexOf($"zz{tag}-2", StringComparison.Ordinal) < page.IndexOf($"zz{tag}-0", StringComparison.Ordinal));
        Assert.Contains("共 3 条", page);
        Assert.DoesNotContain($">zz{tag}-0<", employersOnly);
        Assert.Contains($">zz{tag}-0<", page);
        Assert.Equal(HttpStatusCode.OK, beyond.StatusCode);
    }

    [Fact]
    public async Task The_audit_log_filters_by_actor_action_entity_and_dates_and_names_actions_and_types_in_the_reader_s_language()
    {
        var admin = await host.AdminAsync();
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.AuditLog.AddRange(
                new AuditEntry { AtUtc = new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc), Actor = "audit-zhang", Action = "view", EntityType = "household", EntityId = "H-A1" },
                new AuditEntry { AtUtc = new DateTime(2025, 3, 5, 8, 0, 0, DateTimeKind.Utc), Actor = "audit-zhang", Action = "view", EntityType = "person", EntityId = "S-A2" },
                new AuditEntry { AtUtc = new DateTime(2025, 3, 9, 8, 0, 0, DateTimeKind.Utc), Actor = "audit-li", Action = "update", EntityType = "household", EntityId = "H-A3" });
            await db.SaveChangesAsync();
        }

        var byActor = await (await admin.GetAsync("/Admin/Audit?actor=audit-zhang")).Content.ReadAsStringAsync();
        var byDates = await (await admin.GetAsync("/Admin/Audit?actor=audit-&from=2025-03-05&to=2025-03-09")).Content.ReadAsStringAsync();
        var byEntity = await (await admin.GetAsync("/Admin/Audit?entityType=household&entityId=H-A3&action=update")).Content.ReadAsStringAsync();

        Assert.Contains("H-A1", byActor);
        Assert.Contains("S-A2", byActor);
        Assert.DoesNotContain("H-A3", byActor);
        Assert.DoesNotContain("H-A1", byDates);
        Assert.Contains("S-A2", byDates);
        Assert.Contains("H-A3", byDates);
        Assert.Contains("H-A3", byEntity);
        Assert.DoesNotContain("S-A2", byEntity);
        // Times in the district's zone: 08:00 UTC is 16:00 in Beijing.
        Assert.Contains("2025-03-09 16:00:00", byEntity);
        Assert.DoesNotContain("2025-03-09 08:00:00", byEntity);
        // Actions and record types by name in the reader's language (the code beside, for the filter);
        // the times are local, so the header does not say UTC.
        Assert.Contains("<td>查看<br /><code class=\"muted\">view</code></td>", byActor);
        Assert.Contains("<td>家庭</td>", byActor);
        Assert.Contains(">个人</option>", byActor);
        Assert.DoesNotContain("(UTC)", byActor);
        // A code no resource names yet shows as it is recorded.
        Assert.Contains("<td>update<br /><code class=\"muted\">update</code></td>", byEntity);
        await admin.GetAsync("/Culture?culture=en&returnUrl=%2FAdmin%2FAudit");
        var english = await (await admin.GetAsync("/Admin/Audit?actor=audit-zhang")).Content.ReadAsStringAsync();
        Assert.Contains("<td>Viewed<br /><code class=\"muted\">view</code></td>", english);
        Assert.Contains("<td>Household</td>", english);
        await admin.GetAsync("/Culture?culture=zh-CN&returnUrl=%2FAdmin%2FAudit");

        // Read-only: the page offers no form that posts.
        var audit = await (await admin.GetAsync("/Admin/Audit")).Content.ReadAsStringAsync();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(audit, "<form method=\"post\"[^>]*>"), m => m.Value.Contains("/Account/Logout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changing_the_lines_reassesses_every_households_exit_candidacy_and_bad_lines_change_nothing()
    {
        var admin = await host.AdminAsync();
        var region = await host.WithDbAsync(db => db.Regions.AsNoTracking().OrderBy(r => r.Id).FirstAsync());

        var below = await admin.PostFormAsync("/Admin/Lines", new() { ["Input.DibaoLine"] = "1200", ["Input.EdgeLine"] = "1100" });
        var zero = await admin.PostFormAsync("/Admin/Lines", new() { ["Input.DibaoLine"] = "0", ["Input.EdgeLine"] = "abc" });
        Assert.Contains("边缘线不能低于低保线", await below.Content.ReadAsStringAsync());
        var zeroHtml = await zero.Content.ReadAsStringAsync();
        Assert.Contains("请输入大于 0", zeroHtml);
        Assert.Contains("请输入数字金额", zeroHtml);
        Assert.Equal(region.EdgeLine, await host.WithDbAsync(db => db.Regions.OrderBy(r => r.Id).Select(r => r.EdgeLine).FirstAsync()));

        try
        {
            // An edge line of 1 puts every household with any income per head at or above it.
            var saved = await admin.PostFormAsync("/Admin/Lines", new() { ["Input.DibaoLine"] = "0.5", ["Input.EdgeLine"] = "1" });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            var households = await host.WithDbAsync(db => db.Households.AsNoTracking().ToListAsync());
            var lowered = await host.WithDbAsync(db => db.Regions.AsNoTracking().OrderBy(r => r.Id).FirstAsync());
            Assert.Equal(1m, lowered.EdgeLine);
            Assert.All(households.Where(h => h.ExitStatus != ExitStatus.Exited), h =>
                Assert.Equal(HouseholdStanding.IncomePerHead(h) >= 1m ? ExitStatus.Candidate : ExitStatus.None, h.ExitStatus));
            Assert.Contains(households, h => h.ExitStatus == ExitStatus.Candidate);
            Assert.True(await host.WithDbAsync(db => db.AuditLog.AnyAsync(e => e.Action == "region.lines")));
        }
        finally
        {
            await admin.PostFormAsync("/Admin/Lines", new()
            {
                ["Input.DibaoLine"] = region.DibaoLine.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Input.EdgeLine"] = region.EdgeLine.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }
        var restored = await host.WithDbAsync(db => db.Households.AsNoTracking().ToListAsync());
        var back = await host.WithDbAsync(db => db.Regions.AsNoTracking().OrderBy(r => r.Id).FirstAsync());
        Assert.All(restored.Where(h => h.ExitStatus != ExitStatus.Exited), h =>
            Assert.Equal(HouseholdStanding.Band(h, back) == IncomeBand.AboveEdgeLine ? ExitStatus.Candidate : ExitStatus.None, h.ExitStatus));
    }

    [Fact]
    public async Task The_taxonomy_page_lists_each_kind_in_both_languages_and_filters()
    {
        var admin = await host.AdminAsync();
        var skills = await (await admin.GetAsync("/Admin/Taxonomy")).Content.ReadAsStringAsync();
        var term = Employment.Core.Taxonomy.Taxonomy.Embedded.Demands[0];
        var demands = await (await admin.GetAsync($"/Admin/Taxonomy?kind=Demand&q={Uri.EscapeDataString(term.NameEn)}")).Content.ReadAsStringAsync();

        Assert.Contains("food.helper", skills);
        Assert.Contains(term.Code, demands);
        Assert.Contains(term.NameZh, demands);
        Assert.DoesNotContain("food.helper", demands);
    }

    [Fact]
    public async Task Admin_pages_are_in_english_after_the_switch()
    {
        var admin = await host.AdminAsync();
        // The real switch: it sets the culture cookie and goes back.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync("/Culture?culture=en&returnUrl=%2FAdmin%2FLines")).StatusCode);
        var html = await (await admin.GetAsync("/Admin/Lines")).Content.ReadAsStringAsync();
        await admin.GetAsync("/Culture?culture=zh-CN&returnUrl=%2F");
        Assert.Contains("Edge line (CNY per head a month)", html);
    }
}
