using System.Net;
using Employment.Core.Data;
using Employment.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Foundation;

/// <summary>
/// The first start on one's own data (households without street codes, as the contract's example):
/// the host comes up in Development with no demo accounts or cards, and an operator creates and
/// recovers the admin from the command line.
/// </summary>
public sealed class OwnDataStartTests
{
    private sealed class DevelopmentHost(string dataDir) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("DataDir", dataDir);
        }
    }

    [Fact]
    public async Task The_host_starts_on_an_imported_district_without_demo_accounts_and_the_admin_is_made_and_recovered_by_the_cli()
    {
        using var dir = new TempDir();
        var data = dir.File("data");
        Assert.Equal(0, (await CliRunner.RunAsync("import", "--dataset", TestData.ExampleDataset, "--DataDir", data)).ExitCode);

        using (var host = new DevelopmentHost(data))
        {
            var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
            using var scope = host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // Demo accounts and kiosk cards belong to the demo district: one's own data gets neither.
            Assert.Empty(await db.Users.ToListAsync());
            Assert.False(await db.Persons.AnyAsync(p => p.CardNumber != null));
            Assert.Equal(5, await db.Positions.CountAsync());
        }

        var added = await CliRunner.RunWithInputAsync("first-password-12345\n", "user", "add", "--role", "admin", "--login", "admin", "--DataDir", data);
        Assert.True(added.ExitCode == 0, added.StdErr);
        var reset = await CliRunner.RunWithInputAsync("second-password-6789\n", "user", "reset-password", "--login", "admin", "--DataDir", data);
        Assert.Equal(0, reset.ExitCode);
        Assert.Contains("admin", reset.StdErr);
        var unknown = await CliRunner.RunWithInputAsync("second-password-6789\n", "user", "reset-password", "--login", "nobody", "--DataDir", data);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no such account", unknown.StdErr);
        var weak = await CliRunner.RunWithInputAsync("short\n", "user", "reset-password", "--login", "admin", "--DataDir", data);
        Assert.Equal(2, weak.ExitCode);
        Assert.Contains("password", weak.StdErr);
        // The CLI refuses a login the admin page refuses too.
        Assert.Equal(2, (await CliRunner.RunWithInputAsync("first-password-12345\n", "user", "add", "--role", "admin", "--login", "a", "--DataDir", data)).ExitCode);

        using (var host = new DevelopmentHost(data))
        {
            var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var old = await client.PostFormAsync("/Account/Login", new() { ["Input.Login"] = "admin", ["Input.Password"] = "first-password-12345" });
            Assert.NotEqual(HttpStatusCode.Redirect, old.StatusCode);
            var signedIn = await client.PostFormAsync("/Account/Login", new() { ["Input.Login"] = "admin", ["Input.Password"] = "second-password-6789" });
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Admin")).StatusCode);
            Assert.Contains(await host.Services.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>().AuditLog.ToListAsync(),
                a => a.Action == "account.reset-password" && a.EntityId == "admin");
        }
    }

    private sealed class IndexElsewhereHost(string dataDir, string indexRoot) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("DataDir", dataDir);
            builder.UseSetting("Search:IndexRoot", indexRoot);
        }
    }

    [Fact]
    public async Task Search_IndexRoot_from_configuration_puts_the_indexes_there()
    {
        using var dir = new TempDir();
        using var host = new IndexElsewhereHost(dir.File("data"), dir.File("indexes"));
        _ = host.Server;
        await host.Services.GetRequiredService<Employment.Web.Infrastructure.IndexingService>().Ready.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dir.File("indexes"), "jobbank"), "segments_*"));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dir.File("indexes"), "talentpool"), "segments_*"));
        Assert.False(Directory.Exists(Path.Combine(dir.File("data"), "index")));
    }

    [Fact]
    public void The_data_directory_is_a_full_path_from_the_moment_it_is_set()
    {
        var options = new DataOptions { DataDir = "some/relative/dir" };
        Assert.True(Path.IsPathFullyQualified(options.DataDir));
        Assert.Equal(Path.Combine(options.DataDir, "employment.db"), options.SqlitePath);
        Assert.True(Path.IsPathFullyQualified(new DataOptions().SqlitePath));
    }
}
