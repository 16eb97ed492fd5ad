using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Kiosk;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Employment.Kiosk.Tests;

/// <summary>
/// One real web host (Kestrel on a free loopback port, a temp data directory with the demo
/// district: a real SQLite file and real index folders) and one real chromium for the whole
/// suite. A person gets a card and PIN through the real `employment kiosk-pin` command.
/// </summary>
public sealed class KioskHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "employment-kiosk-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public KioskHost()
    {
        Port = FreePort();
        BaseUrl = $"http://127.0.0.1:{Port}";
    }

    public int Port { get; }
    public string BaseUrl { get; }
    public string DataDir => _dataDir;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>A seeking person with recommendations, signed in through <see cref="Card"/> and <see cref="Pin"/>.</summary>
    public string PersonId { get; private set; } = "";
    public string PersonName { get; private set; } = "";
    public string MaskedName { get; private set; } = "";
    public string Card { get; } = "66001234";
    public string Pin { get; } = "482913";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("DataDir", _dataDir);
        builder.UseSetting("Seed:Demo", "true");
        // The whole suite comes from one address: the limits are tested on their own elsewhere.
        builder.UseSetting("Kiosk:PermitsPerMinute", "100000");
        builder.UseSetting("Kiosk:SignInPermitsPerMinute", "100000");
        builder.UseSetting("RateLimits:PerMinute", "100000");
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        UseKestrel(Port);
        StartServer();
        await Services.GetRequiredService<Employment.Web.Infrastructure.IndexingService>().Ready.WaitAsync(TimeSpan.FromMinutes(3));

        PersonId = await PickPersonAsync();
        var result = await Cli.RunAsync(Pin + "\n", "kiosk-pin", "--person", PersonId, "--card", Card, "--DataDir", _dataDir);
        Assert.True(result.ExitCode == 0, result.StdErr);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>The first seeking person (by id) whom the engine recommends at least three positions.</summary>
    private async Task<string> PickPersonAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var personal = scope.ServiceProvider.GetRequiredService<KioskPersonal>();
        var candidates = await db.Persons.AsNoTracking()
            .Where(p => p.Status == PersonStatus.Seeking && !p.Employed && p.Name.Length >= 2)
            .OrderBy(p => p.Id).Take(40).ToListAsync();
        foreach (var person in candidates)
        {
            var recommendations = await personal.RecommendationsAsync(person.Id, System.Globalization.CultureInfo.GetCultureInfo("zh-CN"), 8, default);
            if (recommendations.Count >= 3)
            {
                PersonName = person.Name;
                MaskedName = KioskPersonal.MaskName(person.Name);
                return person.Id;
            }
        }
        throw new InvalidOperationException("no seeking person with recommendations in the demo district");
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>A fresh browser context (its own cookies and storage), like a kiosk after a reset.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> NewPageAsync(int width = 1080, int height = 1920)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
        });
        // Short waits: a page that does not answer in ten seconds is a failure, not a slow machine.
        context.SetDefaultTimeout(10_000);
        return (context, await context.NewPageAsync());
    }

    public async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/kiosk/signin");
        await page.FillAsync("#card", Card);
        await page.ClickAsync("#pin");
        foreach (var digit in Pin)
        {
            await page.ClickAsync($"[data-keypad] [data-key=\"{digit}\"]");
        }
        await page.ClickAsync("form.signin button[type=submit]");
        await page.WaitForURLAsync("**/kiosk/me");
    }

    public new async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // An index file still closing; the OS temp cleaner gets it.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class KioskCollection : ICollectionFixture<KioskHost>
{
    public const string Name = "kiosk";
}

public sealed record CliResult(int ExitCode, string StdOut, string StdErr);

/// <summary>Runs the real `employment` program built beside the tests, with text on standard input.</summary>
public static class Cli
{
    public static async Task<CliResult> RunAsync(string stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "employment.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("DataDir");
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
