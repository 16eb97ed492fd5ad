using System.Net;
using Employment.Core.Accounts;
using Employment.Core.Data;
using Employment.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Accounts;

[BothStores]
public sealed class SignInTests(SignInTests.Host host) : IClassFixture<SignInTests.Host>
{
    /// <summary>The account's own lockout, without the per-address back-off in front of it (ParallelLockoutTests has that).</summary>
    public sealed class Host : AppFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SignIn:FreeFailuresPerAddress", "0");
        }
    }

    [Fact]
    public async Task A_staff_account_signs_in_with_a_secure_http_only_strict_cookie_and_out_again()
    {
        var account = await host.CreateAccountAsync(Roles.Admin);
        var client = host.NewClient();

        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("employment.staff=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var home = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains(account.Login, home);

        var signedOut = await client.PostFormAsync("/Account/Logout", [], page: "/");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.DoesNotContain(account.Login, await (await client.GetAsync("/")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_employer_lands_on_the_employer_portal_and_staff_on_the_home_page()
    {
        var employer = await host.CreateAccountAsync(Roles.Employer, employerId: "E-022");
        var admin = await host.CreateAccountAsync(Roles.Admin);

        var asEmployer = await host.NewClient().PostFormAsync("/Account/Login", new() { ["Input.Login"] = employer.Login, ["Input.Password"] = employer.Password });
        var asAdmin = await host.NewClient().PostFormAsync("/Account/Login", new() { ["Input.Login"] = admin.Login, ["Input.Password"] = admin.Password });
        var withReturn = await host.NewClient().PostFormAsync("/Account/Login?ReturnUrl=%2FEmployer%2FCandidates",
            new() { ["Input.Login"] = employer.Login, ["Input.Password"] = employer.Password });

        Assert.Equal("/Employer", asEmployer.Headers.Location!.OriginalString);
        Assert.Equal("/", asAdmin.Headers.Location!.OriginalString);
        Assert.Equal("/Employer/Candidates", withReturn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_five_lock_the_account_even_against_the_right_one()
    {
        var account = await host.CreateAccountAsync(Roles.Counselor, areas: ["510104023"]);
        var client = host.NewClient();
        for (var i = 0; i < AccountPolicy.MaxFailedAttempts; i++)
        {
            var wrong = await client.PostFormAsync("/Account/Login", new() { ["Input.Login"] = account.Login, ["Input.Password"] = "not-the-password" });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var right = await client.PostFormAsync("/Account/Login", new() { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password });

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("锁定", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused()
    {
        var account = await host.CreateAccountAsync(Roles.Admin);
        var response = await host.NewClient().PostAsync("/Account/Login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_open_session_at_once()
    {
        var account = await host.CreateAccountAsync(Roles.Admin);
        var client = await host.SignInAsync(account);
        Assert.Contains(account.Login, await (await client.GetAsync("/")).Content.ReadAsStringAsync());

        using (var scope = host.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await scope.ServiceProvider.GetRequiredService<UserAccounts>().SetDisabledAsync((await users.FindByNameAsync(account.Login))!, true);
        }

        Assert.DoesNotContain(account.Login, await (await client.GetAsync("/")).Content.ReadAsStringAsync());
        var again = await host.NewClient().PostFormAsync("/Account/Login", new() { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Every_response_carries_a_content_security_policy_without_inline_script()
    {
        var response = await host.NewClient().GetAsync("/Account/Login");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Account_rules_are_enforced_with_the_field_named()
    {
        using var scope = host.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();

        var shortPassword = await Assert.ThrowsAsync<AccountException>(() => accounts.CreateAsync(new NewAccount("x1", Roles.Admin, "short")));
        var noArea = await Assert.ThrowsAsync<AccountException>(() => accounts.CreateAsync(new NewAccount("x2", Roles.Counselor, "long-enough-password")));
        var badArea = await Assert.ThrowsAsync<AccountException>(() => accounts.CreateAsync(new NewAccount("x3", Roles.Counselor, "long-enough-password", Areas: ["999999"])));
        var noEmployer = await Assert.ThrowsAsync<AccountException>(() => accounts.CreateAsync(new NewAccount("x4", Roles.Employer, "long-enough-password", EmployerId: "E-NONE")));

        Assert.Contains(shortPassword.Errors, e => e.Field == "password");
        Assert.Contains(noArea.Errors, e => e.Field == "areas");
        Assert.Contains(badArea.Errors, e => e.Field == "areas" && e.Message.Contains("999999"));
        Assert.Contains(noEmployer.Errors, e => e.Field == "employerId");
    }
}

[BothStores]
public sealed class SessionLifetimeTests
{
    [Fact]
    public async Task A_session_ends_twelve_hours_after_sign_in_however_active()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = new ClockedAppFactory(clock);
        var account = await host.CreateAccountAsync(Roles.Admin);
        var client = await host.SignInAsync(account);

        // Active every 20 minutes for 11 hours 40 minutes: still signed in.
        for (var i = 0; i < 35; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Contains(account.Login, await (await client.GetAsync("/")).Content.ReadAsStringAsync());
        }
        clock.Advance(TimeSpan.FromMinutes(25));
        Assert.DoesNotContain(account.Login, await (await client.GetAsync("/")).Content.ReadAsStringAsync());
    }

    private sealed class ClockedAppFactory(TimeProvider clock) : AppFactory(demo: false)
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton(clock));
        }
    }
}

[BothStores]
public sealed class UserCliTests
{
    [Fact]
    public async Task User_add_reads_the_password_from_standard_input_and_refuses_a_bad_account_with_exit_2()
    {
        using var dir = new TempDir("employment-user");

        var ok = await CliRunner.RunWithInputAsync("a-long-password-123\n", "user", "add", "--role", "counselor", "--login", "wang",
            "--area", "510104023", "--DataDir", dir.Path);
        var bad = await CliRunner.RunWithInputAsync("short\n", "user", "add", "--role", "counselor", "--login", "li", "--DataDir", dir.Path);
        var duplicate = await CliRunner.RunWithInputAsync("a-long-password-123\n", "user", "add", "--role", "counselor", "--login", "wang",
            "--area", "510104023", "--DataDir", dir.Path);

        Assert.True(ok.ExitCode == 0, ok.StdErr);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("password", bad.StdErr);
        Assert.Contains("areas", bad.StdErr);
        Assert.Equal(2, duplicate.ExitCode);
        Assert.DoesNotContain("a-long-password-123", ok.StdErr + ok.StdOut);
    }
}
