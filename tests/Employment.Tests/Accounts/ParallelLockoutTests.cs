using System.Net;
using System.Text.Json;
using Employment.Core.Accounts;
using Employment.Core.Data;
using Employment.Core.Kiosk;
using Employment.Tests.Counselor;
using Employment.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Accounts;

/// <summary>
/// Lockouts and creates under parallel requests, through HTTP on the real host: the sixth attempt is
/// refused whatever the interleaving, and no request answers 500.
/// </summary>
[BothStores]
public sealed class ParallelLockoutTests(ParallelLockoutTests.Host host) : IClassFixture<ParallelLockoutTests.Host>
{
    /// <summary>
    /// The rate limits and the per-address back-off out of the way (they are tested on their own),
    /// and a cheap hash, so a few thousand attempts take seconds: the lockout itself is what is tested.
    /// A test header stands for the client's address.
    /// </summary>
    public class Host : AppFactory
    {
        public const string AddressHeader = "X-Test-Address";

        protected virtual bool BackOff => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Kiosk:PermitsPerMinute", "100000");
            builder.UseSetting("Kiosk:SignInPermitsPerMinute", "100000");
            builder.UseSetting("RateLimits:PerMinute", "1000000");
            builder.UseSetting("RateLimits:SignInPerMinute", "100000");
            builder.UseSetting("SignIn:FreeFailuresPerAddress", BackOff ? "3" : "0");
            builder.ConfigureTestServices(services =>
            {
                services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
                services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, AddressFromHeader>();
            });
        }
    }

    /// <summary>The same host with the per-address back-off on.</summary>
    public sealed class BackOffHost : Host
    {
        protected override bool BackOff => true;
    }

    private sealed class AddressFromHeader : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers.TryGetValue(Host.AddressHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }
                return following(context);
            });
            next(app);
        };
    }

    private const int Runs = 200;

    private enum Answer { Wrong, Locked, SignedIn, Other }

    [Fact]
    public async Task Kiosk_the_sixth_PIN_attempt_is_refused_in_every_parallel_interleaving_and_none_answers_500()
    {
        var personIds = await host.WithDbAsync(db => db.Persons.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).Take(8).ToListAsync());
        var client = host.NewClient();
        var token = Staff.AntiforgeryToken(await client.GetStringAsync("/kiosk/signin"))!;
        var random = new Random(18);
        var statuses = new List<HttpStatusCode>();
        for (var run = 0; run < Runs; run++)
        {
            var personId = personIds[run % personIds.Count];
            var card = "6600" + (run % personIds.Count).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            const string pin = "284619";
            using (var scope = host.Services.CreateScope())
            {
                // Setting the PIN clears any lockout: every run starts from a fresh card.
                await scope.ServiceProvider.GetRequiredService<KioskPins>().SetPinAsync(personId, card, pin, "test", default);
            }
            var parallel = random.Next(6, 11);
            var answers = await Task.WhenAll(Enumerable.Range(0, parallel).Select(i => KioskAsync(client, token, card, (100_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), statuses)));
            Assert.Equal(KioskPins.MaxAttempts - 1, answers.Count(a => a == Answer.Wrong));
            Assert.Equal(parallel - (KioskPins.MaxAttempts - 1), answers.Count(a => a == Answer.Locked));
            // The right PIN after them: the card is locked.
            Assert.Equal(Answer.Locked, await KioskAsync(client, token, card, pin, statuses));
        }

        // The attack as it was seen: nine wrong PINs and the right one, all at once.
        for (var run = 0; run < 40; run++)
        {
            var personId = personIds[run % personIds.Count];
            var card = "6600" + (run % personIds.Count).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            using (var scope = host.Services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<KioskPins>().SetPinAsync(personId, card, "284619", "test", default);
            }
            var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
                KioskAsync(client, token, card, i == 9 ? "284619" : (100_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), statuses)));
            if (answers[9] != Answer.SignedIn)
            {
                // The right PIN came too late: exactly five attempts were checked before the lock.
                Assert.Equal(KioskPins.MaxAttempts - 1, answers.Count(a => a == Answer.Wrong));
            }
        }
        Assert.DoesNotContain(statuses, s => (int)s >= 500);
    }

    private static async Task<Answer> KioskAsync(HttpClient client, string token, string card, string pin, List<HttpStatusCode> statuses)
    {
        var response = await client.PostAsync("/kiosk/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["card"] = card, ["pin"] = pin, ["__RequestVerificationToken"] = token,
        }));
        lock (statuses)
        {
            statuses.Add(response.StatusCode);
        }
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return response.Headers.Location?.OriginalString == "/kiosk/me" ? Answer.SignedIn : Answer.Other;
        }
        var html = await response.Content.ReadAsStringAsync();
        return response.StatusCode != HttpStatusCode.OK ? Answer.Other
            : html.Contains("已锁定", StringComparison.Ordinal) ? Answer.Locked
            : html.Contains("不对", StringComparison.Ordinal) ? Answer.Wrong
            : Answer.Other;
    }

    [Fact]
    public async Task Staff_the_sixth_password_attempt_is_refused_in_every_parallel_interleaving_and_none_answers_500()
    {
        var account = await host.CreateAccountAsync(Roles.Counselor, areas: ["510104023"]);
        var client = host.NewClient();
        var token = Staff.AntiforgeryToken(await client.GetStringAsync("/Account/Login"))!;
        var random = new Random(11);
        var statuses = new List<HttpStatusCode>();
        for (var run = 0; run < Runs; run++)
        {
            await host.WithDbAsync(db => db.Users.Where(u => u.UserName == account.Login)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0).SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null)));
            var parallel = random.Next(6, 11);
            var answers = await Task.WhenAll(Enumerable.Range(0, parallel).Select(i => StaffAsync(client, token, account.Login, "wrong-" + i, statuses)));
            Assert.Equal(AccountPolicy.MaxFailedAttempts - 1, answers.Count(a => a == Answer.Wrong));
            Assert.Equal(parallel - (AccountPolicy.MaxFailedAttempts - 1), answers.Count(a => a == Answer.Locked));
            Assert.Equal(Answer.Locked, await StaffAsync(client, token, account.Login, account.Password, statuses));
        }
        Assert.DoesNotContain(statuses, s => (int)s >= 500);

        // The admin is told: the accounts page lists the locked account.
        var admin = await host.SignedInAsAsync(Roles.Admin);
        var accounts = await (await admin.GetAsync("/Admin")).Content.ReadAsStringAsync();
        Assert.Contains("lockouts-title", accounts);
        // In the reader's language (zh-CN by default), naming the account: the audit detail is a code and its values.
        Assert.Contains($"账号 {account.Login} 因多次登录失败被锁定", accounts);
    }

    [Fact]
    public async Task An_unknown_login_answers_with_the_same_words_as_a_real_one_lockout_included()
    {
        var account = await host.CreateAccountAsync(Roles.Admin);
        var client = host.NewClient();
        var token = Staff.AntiforgeryToken(await client.GetStringAsync("/Account/Login"))!;
        var statuses = new List<HttpStatusCode>();
        var real = new List<Answer>();
        var unknown = new List<Answer>();
        for (var i = 0; i < AccountPolicy.MaxFailedAttempts + 1; i++)
        {
            real.Add(await StaffAsync(client, token, account.Login, "wrong-password", statuses));
            unknown.Add(await StaffAsync(client, token, "nobody-" + account.Login, "wrong-password", statuses));
        }
        Assert.Equal(real, unknown);
        Assert.Equal(Answer.Locked, unknown[^1]);
    }

    private static async Task<Answer> StaffAsync(HttpClient client, string token, string login, string password, List<HttpStatusCode> statuses,
        string? address = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Login"] = login, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
            }),
        };
        if (address is not null)
        {
            request.Headers.Add(Host.AddressHeader, address);
        }
        var response = await client.SendAsync(request);
        lock (statuses)
        {
            statuses.Add(response.StatusCode);
        }
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return Answer.SignedIn;
        }
        var html = await response.Content.ReadAsStringAsync();
        return response.StatusCode != HttpStatusCode.OK ? Answer.Other
            : html.Contains("锁定", StringComparison.Ordinal) ? Answer.Locked
            : html.Contains("不正确", StringComparison.Ordinal) ? Answer.Wrong
            : Answer.Other;
    }

    [Fact]
    public async Task A_kiosk_session_ends_only_by_a_post_with_the_antiforgery_token()
    {
        var personId = await host.WithDbAsync(db => db.Persons.AsNoTracking().OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync());
        using (var scope = host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<KioskPins>().SetPinAsync(personId, "67000001", "390517", "test", default);
        }
        var client = host.NewClient();
        var token = Staff.AntiforgeryToken(await client.GetStringAsync("/kiosk/signin"))!;
        Assert.Equal(Answer.SignedIn, await KioskAsync(client, token, "67000001", "390517", []));

        // A link (a get) on any page cannot sign the person out.
        var get = await client.GetAsync("/kiosk/end");
        Assert.False(get.Headers.Contains("Clear-Site-Data"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/kiosk/me")).StatusCode);
        // Nor can a post without the token.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/kiosk/end", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/kiosk/me")).StatusCode);

        var me = await client.GetStringAsync("/kiosk/me");
        var ended = await client.PostAsync("/kiosk/end", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Staff.AntiforgeryToken(me)! }));
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.True(ended.Headers.Contains("Clear-Site-Data"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/kiosk/me")).StatusCode);
    }

    [Fact]
    public async Task The_QR_code_of_a_position_with_a_very_long_title_is_drawn_not_a_500()
    {
        var id = await host.WithDbAsync(db => db.Positions.AsNoTracking().Where(p => p.Status == Employment.Core.Positions.PositionStatus.Open)
            .OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        // Planted directly, past every validation, as long as the column lets any writer make it
        // (both stores hold InputRules.TitleMax characters; three UTF-8 bytes each): more than a
        // phone screen's worth, so the code cuts it.
        await host.WithDbAsync(db => db.Positions.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Title, new string('岗', Employment.Core.Domain.InputRules.TitleMax))));
        var response = await host.NewClient().GetAsync($"/kiosk/positions/{id}/qr.svg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<svg", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    [SqliteOnly] // on PostgreSQL the key ring lives in the database, shared by the nodes
    public void The_key_ring_lives_in_the_data_directory()
    {
        _ = host.Server;
        var keys = Path.Combine(host.DataDir, "keys");
        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
    }

    [Fact]
    public async Task Twelve_identical_referrals_at_once_store_one_and_the_others_answer_409_with_it()
    {
        var counselors = new CounselorHostData(host);
        var (client, personId, positionId) = await counselors.ReferrableAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            CounselorHost.PostJsonAsync(client, "/api/referrals", new { personId, positionId, consent = true })));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(11, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var created = JsonDocument.Parse(await responses.Single(r => r.StatusCode == HttpStatusCode.Created).Content.ReadAsStringAsync());
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            var existing = JsonDocument.Parse(await conflict.Content.ReadAsStringAsync());
            Assert.Equal(created.RootElement.GetProperty("id").GetInt64(), existing.RootElement.GetProperty("id").GetInt64());
        }
        Assert.Equal(1, await host.WithDbAsync(db => db.Referrals.CountAsync(r => r.PersonId == personId && r.PositionId == positionId)));
    }
}

/// <summary>A counselor of a street, one of its seeking persons and an open position the engine matched to them.</summary>
internal sealed class CounselorHostData(AppFactory host)
{
    public async Task<(HttpClient Client, string PersonId, string PositionId)> ReferrableAsync()
    {
        await host.WaitForIndexesAsync();
        var (personId, street) = await host.WithDbAsync(async db =>
        {
            var row = await db.Persons.AsNoTracking()
                .Where(p => p.Status == Employment.Core.Households.PersonStatus.Seeking && !p.Employed
                    && p.LaborCapacity != Employment.Core.Domain.LaborCapacity.None && p.Household!.DivisionCode != null)
                .OrderBy(p => p.Id).Select(p => new { p.Id, p.Household!.DivisionCode }).FirstAsync();
            return (row.Id, row.DivisionCode!.Substring(0, 9));
        });
        var client = await host.SignedInAsAsync(Roles.Counselor, areas: [street]);
        var matches = JsonDocument.Parse(await client.GetStringAsync($"/api/matches/person/{personId}?top=5"));
        var positionId = matches.RootElement[0].GetProperty("positionId").GetString()!;
        return (client, personId, positionId);
    }
}

[BothStores]
public sealed class SignInBackOffTests(ParallelLockoutTests.BackOffHost host) : IClassFixture<ParallelLockoutTests.BackOffHost>
{
    [Fact]
    public async Task One_address_is_made_to_wait_before_it_can_lock_someone_else_s_account()
    {
        var account = await host.CreateAccountAsync(Roles.Admin);
        var client = host.NewClient();
        var token = Staff.AntiforgeryToken(await client.GetStringAsync("/Account/Login"))!;

        async Task<string> PostAsync(string password, string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Input.Login"] = account.Login, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
                }),
            };
            request.Headers.Add(ParallelLockoutTests.Host.AddressHeader, address);
            var response = await client.SendAsync(request);
            Assert.True((int)response.StatusCode < 500);
            return response.StatusCode == HttpStatusCode.Redirect ? "signed in" : await response.Content.ReadAsStringAsync();
        }

        for (var i = 0; i < 4; i++)
        {
            Assert.Contains("不正确", await PostAsync("wrong-password", "10.0.0.7"));
        }
        // The attacking address now waits; its tries stop reaching the account, which stays usable.
        for (var i = 0; i < 10; i++)
        {
            Assert.Contains("秒后再试", await PostAsync("wrong-password", "10.0.0.7"));
        }
        Assert.Equal(4, await host.WithDbAsync(db => db.Users.Where(u => u.UserName == account.Login).Select(u => u.AccessFailedCount).FirstAsync()));
        Assert.Equal("signed in", await PostAsync(account.Password, "10.0.0.8"));
    }
}
