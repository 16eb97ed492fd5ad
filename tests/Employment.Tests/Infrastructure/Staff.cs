using System.Net;
using System.Text.RegularExpressions;
using Employment.Core.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Infrastructure;

/// <summary>A staff account made for a test, with its password.</summary>
public sealed record StaffAccount(string Login, string Password, string Role);

/// <summary>Accounts and signed-in clients on the real host, through the real sign-in page.</summary>
public static partial class Staff
{
    /// <summary>Creates an account through the same service the admin pages and the CLI use.</summary>
    public static async Task<StaffAccount> CreateAccountAsync(this AppFactory app, string role, IReadOnlyList<string>? areas = null,
        string? employerId = null, string? login = null)
    {
        login ??= role + "-" + Guid.NewGuid().ToString("N")[..8];
        var password = "test-" + Guid.NewGuid().ToString("N")[..16];
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(new NewAccount(login, role, password, login, areas, employerId));
        return new StaffAccount(login, password, role);
    }

    /// <summary>An HTTPS client (so Secure cookies flow) that does not follow redirects.</summary>
    public static HttpClient NewClient(this AppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through /Account/Login as a person would: fetch the form, post it with its antiforgery token.</summary>
    public static async Task<HttpClient> SignInAsync(this AppFactory app, StaffAccount account)
    {
        var client = app.NewClient();
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in as {account.Login} failed: {(int)response.StatusCode}");
        }
        return client;
    }

    public static async Task<HttpClient> SignedInAsAsync(this AppFactory app, string role, IReadOnlyList<string>? areas = null, string? employerId = null) =>
        await app.SignInAsync(await app.CreateAccountAsync(role, areas, employerId));

    /// <summary>
    /// Posts a form the way a browser does: first GETs <paramref name="page"/> (or the same URL) for
    /// the antiforgery token in its form, then posts the fields with it.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? page = null)
    {
        var form = await client.GetAsync(page ?? url);
        var html = await form.Content.ReadAsStringAsync();
        var token = AntiforgeryToken(html)
            ?? throw new InvalidOperationException($"no antiforgery token on {page ?? url} ({(int)form.StatusCode})");
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(url, new FormUrlEncodedContent(body));
    }

    /// <summary>
    /// Posts JSON the way the pages' scripts do: with the X-Requested-With header that
    /// cookie-authenticated API writes must carry (StaffSecurity.ApiWriteHeader).
    /// </summary>
    public static async Task<HttpResponseMessage> PostApiAsync<T>(this HttpClient client, string url, T body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add("X-Requested-With", "fetch");
        return await client.SendAsync(request);
    }

    public static string? AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
