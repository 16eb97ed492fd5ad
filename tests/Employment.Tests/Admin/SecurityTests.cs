using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Employment.Core.Data;
using Employment.Core.Interchange;
using Employment.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Employment.Tests.Admin;

/// <summary>
/// A clock that fails on requests carrying <see cref="Header"/>: a real endpoint that throws, to
/// see what the host shows for an unexpected failure outside Development.
/// </summary>
public sealed class ExplodingClock(IHttpContextAccessor http) : TimeProvider
{
    public const string Header = "X-Test-Explode";

    public override DateTimeOffset GetUtcNow() =>
        http.HttpContext?.Request.Headers.ContainsKey(Header) == true
            ? throw new InvalidOperationException("boom at Employment.Secret.Place for 110101199003074258")
            : base.GetUtcNow();
}

[BothStores]
public sealed class SecurityTests(SecurityTests.Host host) : IClassFixture<SecurityTests.Host>
{
    /// <summary>An empty host (fast), two sign-ins a minute, and the exploding clock.</summary>
    public sealed class Host() : EmptyAppFactoryWith(s =>
    {
        s.AddHttpContextAccessor();
        s.AddSingleton<TimeProvider, ExplodingClock>();
    });

    [Fact]
    public async Task An_exception_on_a_page_shows_the_error_page_without_a_stack_trace()
    {
        var account = await host.CreateAccountAsync(Roles.Admin);
        var client = host.NewClient();
        var form = await client.GetAsync("/Account/Login");
        var token = Staff.AntiforgeryToken(await form.Content.ReadAsStringAsync())!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Login"] = account.Login, ["Input.Password"] = account.Password, ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add(ExplodingClock.Header, "1");

        var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("出错了", html);
        Assert.DoesNotContain("boom", html);
        Assert.DoesNotContain("Employment.Secret", html);
        Assert.DoesNotContain("   at ", html);
        Assert.DoesNotContain("InvalidOperationException", html);
    }

    [Fact]
    public async Task An_exception_in_the_api_is_a_problem_without_exception_details()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/positions");
        request.Headers.Add(ExplodingClock.Header, "1");

        var response = await host.NewClient().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(500, json.RootElement.GetProperty("status").GetInt32());
        Assert.True(json.RootElement.TryGetProperty("traceId", out _));
        Assert.False(json.RootElement.TryGetProperty("exception", out _));
        Assert.False(json.RootElement.TryGetProperty("detail", out _));
        Assert.DoesNotContain("boom", body);
        Assert.DoesNotContain(" at ", body);
    }

    [Fact]
    public async Task Unknown_pages_get_a_localized_404_page_and_unknown_api_paths_a_problem()
    {
        var client = host.NewClient();

        var zh = await client.GetAsync("/no-such-page");
        var english = host.NewClient();
        await english.GetAsync("/Culture?culture=en&returnUrl=%2F");
        var en = await english.GetAsync("/no-such-page");
        var api = await client.GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, zh.StatusCode);
        Assert.Contains("找不到页面", await zh.Content.ReadAsStringAsync());
        Assert.Contains("Not found", await en.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        // The status page is for re-executed answers; opened directly it is just not there.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Status/500")).StatusCode);
    }

    [Fact]
    public async Task A_cookie_authenticated_api_write_without_the_header_is_refused_before_it_reaches_the_endpoint()
    {
        var admin = await host.SignedInAsAsync(Roles.Admin);

        var without = await admin.PostAsync("/api/positions", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        using var withHeader = new HttpRequestMessage(HttpMethod.Post, "/api/positions") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        withHeader.Headers.Add("X-Requested-With", "fetch");
        var with = await admin.SendAsync(withHeader);
        var noCookie = await host.NewClient().PostAsync("/api/positions", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Contains("X-Requested-With", await without.Content.ReadAsStringAsync());
        // With the header (or with no cookie to abuse) the request goes on: here to "no such verb".
        Assert.Equal(HttpStatusCode.MethodNotAllowed, with.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, noCookie.StatusCode);
    }

    [Fact]
    public async Task A_post_to_a_page_without_a_post_handler_is_405_and_never_renders_the_unloaded_page()
    {
        var admin = await host.SignedInAsAsync(Roles.Admin);

        var response = await admin.PostFormAsync("/Admin/Audit", [], page: "/Admin/Audit");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("不支持的操作", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_json_api_and_nothing_else()
    {
        var response = await host.NewClient().GetAsync("/openapi/v1.json");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/positions", paths);
        Assert.Contains("/api/positions/{id}", paths);
        Assert.All(paths, p => Assert.StartsWith("/api/", p));
    }
}

[BothStores]
public sealed class RateLimitPageTests(RateLimitPageTests.Host host) : IClassFixture<RateLimitPageTests.Host>
{
    /// <summary>Two sign-in posts a minute: the limit is reached in a few requests.</summary>
    public sealed class Host() : EmptyAppFactoryWith(_ => { }, ("RateLimits:SignInPerMinute", "2"));

    [Fact]
    public async Task Too_many_sign_in_posts_get_a_localized_429_page()
    {
        var client = host.NewClient();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await client.PostFormAsync("/Account/Login", new() { ["Input.Login"] = "nobody", ["Input.Password"] = "wrong-password-123" });
            if (last.StatusCode == HttpStatusCode.TooManyRequests)
            {
                break;
            }
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.Contains("请求太频繁", await last.Content.ReadAsStringAsync());
    }
}

/// <summary>The host on an empty database with extra services and settings.</summary>
public class EmptyAppFactoryWith(Action<IServiceCollection> services, params (string Key, string Value)[] settings) : AppFactory(demo: false)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services);
    }
}

/// <summary>Everything the host logs, as text: messages, structured values, scopes, exceptions.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider? _scopes;
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Capture(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Capture(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var parts = new List<string> { category, formatter(state, exception) };
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                parts.AddRange(values.Select(kv => $"{kv.Key}={kv.Value}"));
            }
            owner._scopes?.ForEachScope((scope, list) =>
            {
                list.Add(scope?.ToString() ?? "");
                if (scope is IEnumerable<KeyValuePair<string, object?>> scoped)
                {
                    list.AddRange(scoped.Select(kv => $"{kv.Key}={kv.Value}"));
                }
            }, parts);
            if (exception is not null)
            {
                parts.Add(exception.ToString());
                parts.Add(exception.Message);
            }
            owner.Lines.Enqueue(string.Join(" | ", parts));
        }
    }
}

public sealed class LogRedactionTests
{
    private sealed class Host(CapturingLoggerProvider capture) : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Request lines (with their query strings) and everything else at Information.
            builder.UseSetting("Logging:LogLevel:Default", "Information");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Information");
            builder.ConfigureLogging(l => l.AddProvider(capture));
        }
    }

    [Fact]
    public async Task The_hosts_logs_never_hold_a_full_id_number_through_import_searches_and_record_pages()
    {
        var capture = new CapturingLoggerProvider();
        using var host = new Host(capture);
        // The demo district is imported at start: 650 persons with ID numbers.
        var people = await host.WithDbAsync(db => db.Persons.Where(p => p.IdNumber != null)
            .Select(p => new { p.Id, p.HouseholdId, p.IdNumber, p.Household!.DivisionCode }).Take(50).ToListAsync());
        Assert.NotEmpty(people);
        var ids = await host.WithDbAsync(db => db.Persons.Where(p => p.IdNumber != null).Select(p => p.IdNumber!).ToListAsync());
        var one = people[0];
        var admin = await host.SignedInAsAsync(Roles.Admin);
        var counselor = await host.SignedInAsAsync(Roles.Counselor, areas: [one.DivisionCode![..9]]);

        // An ID number typed into searches lands in the request line the host logs.
        await admin.GetAsync($"/Admin/Audit?entityId={one.IdNumber}");
        await admin.GetAsync($"/Admin?q={one.IdNumber}");
        await counselor.GetAsync($"/api/positions?q={one.IdNumber}");
        // Every page with a person or household in its route, opened for that person.
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (endpoint.RoutePattern.Parameters.Count == 0 || !(pattern.StartsWith("/Counselor", StringComparison.Ordinal) || pattern.StartsWith("/api", StringComparison.Ordinal)))
            {
                continue;
            }
            var url = pattern;
            foreach (var parameter in endpoint.RoutePattern.Parameters)
            {
                var kind = Accounts.AuthorizationMatrixTests.KindOf(pattern, parameter.Name);
                var value = kind == Accounts.AuthorizationMatrixTests.Kind.Household ? one.HouseholdId : one.Id;
                url = System.Text.RegularExpressions.Regex.Replace(url, "\\{" + parameter.Name + "[^}]*\\}", value);
            }
            await counselor.GetAsync(url);
        }
        // And the code's own log calls, should one ever pass an ID or an exception quoting one.
        var logger = host.Services.GetRequiredService<ILogger<LogRedactionTests>>();
        logger.LogWarning("Person {IdNumber} could not be matched", one.IdNumber);
        logger.LogError(new InvalidOperationException($"duplicate id {one.IdNumber}"), "Import failed");
        using (logger.BeginScope(new Dictionary<string, object> { ["IdNumber"] = one.IdNumber! }))
        {
            logger.LogInformation("Scoped line");
        }
        // Every line carries its request's random trace id; now and then one ends in 18 digits after a
        // letter. It is not an ID number and the redactor rightly leaves it whole; this line makes
        // that case happen on every run instead of once in a few hundred.
        using (var activity = new System.Diagnostics.Activity("trace-id-like-an-id"))
        {
            activity.SetParentId(System.Diagnostics.ActivityTraceId.CreateFromString("abcdef0123456a" + "999999999999999999"),
                System.Diagnostics.ActivitySpanId.CreateRandom());
            activity.Start();
            logger.LogInformation("A line in a trace whose id ends in eighteen digits");
        }

        var text = string.Join("\n", capture.Lines);
        Assert.Contains("Request starting", text);
        Assert.Contains(ResidentId.Mask(one.IdNumber!), text);
        var leaked = ids.Where(id => text.Contains(id, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaked.Count == 0, $"full ID numbers in the logs: {string.Join(", ", leaked.Select(ResidentId.Mask))}");
        Assert.Contains("abcdef0123456a999999999999999999", text);
        // The shape check is the redactor's own rule (a run of 18 digits standing alone), not a
        // looser copy of it: a copy that also flagged digits after a letter failed whenever a trace
        // id happened to end that way, which is what made this test fail now and then.
        Assert.DoesNotMatch(Employment.Web.Infrastructure.LogRedaction.ResidentIdPattern(), text);
    }
}
