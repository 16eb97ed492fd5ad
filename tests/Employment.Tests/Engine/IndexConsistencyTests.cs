using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Employment.Core.Data;
using Employment.Core.Interchange;
using Employment.Core.Matching;
using Employment.Core.Positions;
using Employment.Core.Search;
using Employment.Core.Taxonomy;
using Employment.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Engine;

/// <summary>The indexes follow the database: a committed change shows in matches without a restart.</summary>
[BothStores]
public sealed class IndexFollowsDatabaseTests : IAsyncLifetime
{
    private static readonly DateOnly AsOf = new(2026, 11, 24);
    private readonly EmptyAppFactory _app = new();

    public async Task InitializeAsync()
    {
        await _app.WaitForIndexesAsync();
        using var scope = _app.Services.CreateScope();
        var dataset = DatasetReader.ReadFile(TestData.ExampleDataset, Taxonomy.Embedded, AsOf).EnsureValid();
        await scope.ServiceProvider.GetRequiredService<DatasetImporter>().ImportAsync(dataset);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_approved_posting_and_a_person_placed_elsewhere_show_in_matches_without_a_restart()
    {
        // The import above committed; the indexer is woken by the save, not by a restart.
        await Eventually(async () => (await PositionsForAsync("S-1")).Contains("P-1"));

        await WithDbAsync(async db =>
        {
            var posting = new Position
            {
                Id = "P-NEW", Title = "小区保洁员", EmployerId = "E-1", MonthlyWage = 2300, Lat = 30.6420, Lon = 104.0920,
                RequiredSkills = ["clean.basic"], CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow,
            };
            db.Positions.Add(posting);
            posting.MoveTo(PositionStatus.InReview, "employer", null, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        // In review: not in the job bank for anyone yet.
        await Task.Delay(300);
        Assert.DoesNotContain("P-NEW", await PositionsForAsync("S-1"));

        await WithDbAsync(async db =>
        {
            var posting = await db.Positions.SingleAsync(p => p.Id == "P-NEW");
            posting.MoveTo(PositionStatus.Open, "counselor", "approved", DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        await Eventually(async () => (await PositionsForAsync("S-1")).Contains("P-NEW"));

        await WithDbAsync(async db =>
        {
            var person = await db.Persons.SingleAsync(p => p.Id == "S-1");
            person.Employed = true;
            await db.SaveChangesAsync();
        });
        await Eventually(() => Task.FromResult(!SeekersFor("P-1").Contains("S-1")));
    }

    private async Task<List<string>> PositionsForAsync(string personId)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var seeker = (await ProfileLoader.SeekersAsync(db, [personId], default)).Single();
        var engine = _app.Services.GetRequiredService<MatchingEngine>();
        var lines = await ProfileLoader.LinesAsync(db, default);
        return engine.PositionsFor(seeker, new MatchRequest { Top = 50, AsOf = AsOf, Lines = lines }).Select(m => m.Id).ToList();
    }

    private List<string> SeekersFor(string positionId)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var position = ProfileLoader.PositionsAsync(db, [positionId], default).GetAwaiter().GetResult().Single();
        var lines = ProfileLoader.LinesAsync(db, default).GetAwaiter().GetResult();
        return _app.Services.GetRequiredService<MatchingEngine>()
            .SeekersFor(position, new MatchRequest { Top = 50, AsOf = AsOf, Lines = lines }).Select(m => m.Id).ToList();
    }

    private async Task WithDbAsync(Func<AppDbContext, Task> work)
    {
        using var scope = _app.Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>
    /// Polls until true. The bound is generous for a loaded CI machine but well under the indexer's
    /// 5-second fallback poll, so passing proves the save's wake-up did the work.
    /// </summary>
    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the change did not reach the index");
            await Task.Delay(25);
        }
    }
}

/// <summary>
/// A real host process killed with SIGKILL right after a database commit: on restart the indexes
/// replay from their watermark and end equal to the database.
/// </summary>
public sealed class IndexSurvivesKillTests
{
    [Fact]
    public async Task Killing_the_host_between_a_database_commit_and_an_index_commit_loses_nothing()
    {
        using var dir = new TempDir();
        var dataDir = dir.File("data");
        Assert.Equal(0, (await CliRunner.RunAsync("import", "--dataset", TestData.ExampleDataset, "--DataDir", dataDir)).ExitCode);

        var port = FreePort();
        using (var host = StartHost(dataDir, port))
        {
            await WaitHealthyAsync(port, expectedPositions: 5);

            // A second import while the host runs: the database commits, then the host dies at once,
            // before or during its index commit.
            var json = JsonNode.Parse(File.ReadAllText(TestData.ExampleDataset))!;
            var extra = JsonNode.Parse(json["positions"]![0]!.ToJsonString())!;
            extra["id"] = "P-9";
            json["positions"]!.AsArray().Add(extra);
            var more = dir.File("more.json");
            File.WriteAllText(more, json.ToJsonString());
            Assert.Equal(0, (await CliRunner.RunAsync("import", "--dataset", more, "--DataDir", dataDir)).ExitCode);
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }

        using (var host = StartHost(dataDir, port))
        {
            var health = await WaitHealthyAsync(port, expectedPositions: 6);
            var indexes = health.GetProperty("checks").GetProperty("indexes").GetProperty("data");
            Assert.Equal(6, indexes.GetProperty("jobBankDocuments").GetInt32());
            Assert.Equal(MaxOutboxId(dataDir, AppDbContext.JobBankIndex), indexes.GetProperty("jobBankWatermark").GetInt64());
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    private static Process StartHost(string dataDir, int port)
    {
        // The tests run from bin/<Configuration>/net10.0; the host was built beside them in the same configuration.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var web = Path.Combine(MatchCliTests.RepoRoot(), "src", "Employment.Web", "bin", configuration, "net10.0", "Employment.Web.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { web, "--DataDir", dataDir, "--Seed:Demo", "false", "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<JsonElement> WaitHealthyAsync(int port, int expectedPositions)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                    var indexes = body.GetProperty("checks").GetProperty("indexes");
                    if (indexes.GetProperty("status").GetString() == "Healthy"
                        && indexes.GetProperty("data").GetProperty("jobBankDocuments").GetInt32() == expectedPositions)
                    {
                        return body;
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "the host did not become healthy");
            await Task.Delay(200);
        }
    }

    private static long MaxOutboxId(string dataDir, string index)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "employment.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(Id) FROM IndexChanges WHERE \"Index\" = $i";
        command.Parameters.AddWithValue("$i", index);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
