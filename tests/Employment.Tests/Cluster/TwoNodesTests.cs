using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Employment.Core.Scheduling;
using Employment.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Employment.Tests.Cluster;

/// <summary>
/// Two real web nodes (processes of the web host, each with its own data directory, indexes and
/// port) on one PostgreSQL database, with the CLI beside them: what several nodes behind a load
/// balancer must keep true. Runs in <c>.ci/run</c>'s PostgreSQL pass; skipped on SQLite.
/// </summary>
[BothStores]
public sealed class TwoNodesTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task A_position_imported_through_the_cli_is_in_both_nodes_indexes_within_five_seconds_and_the_fair_fires_once()
    {
        using var dir = new TempDir("employment-cluster");
        // The fair's cron names one instant, two minutes ahead in the district's zone; both nodes
        // declare it, the store keeps one trigger, and the cluster fires it on one node.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var fireAt = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddSeconds(90), zone);
        var fairCron = fireAt.ToString("s m H d M '?' yyyy", CultureInfo.InvariantCulture);
        await using var a = Node.Start(dir, "a", ("Schedules:FairCron", fairCron));
        await using var b = Node.Start(dir, "b", ("Schedules:FairCron", fairCron));
        await a.WaitHealthyAsync();
        await b.WaitHealthyAsync();
        Assert.Equal(0, (await a.HealthAsync()).Positions);
        Assert.NotEqual(a.NodeId, b.NodeId);

        var import = await CliRunner.RunAsync("import", "--dataset", TestData.ExampleDataset, "--DataDir", dir.Path);
        Assert.True(import.ExitCode == 0, import.StdErr);
        var imported = Stopwatch.StartNew();
        foreach (var node in new[] { a, b })
        {
            while (true)
            {
                var health = await node.HealthAsync();
                if (health.Positions == 5 && health.JobBankDocuments == health.Positions)
                {
                    // The figure the five seconds is about, and each catch-up's steps behind it.
                    output.WriteLine($"node {node.Name}: the positions searchable {imported.Elapsed.TotalSeconds:0.00} s after the import exited");
                    output.WriteLine(node.Log("changes applied", "Warmed"));
                    break;
                }
                Assert.True(imported.Elapsed < TimeSpan.FromSeconds(5),
                    $"node {node.Name} has {health.JobBankDocuments} of {health.Positions} positions after {imported.Elapsed.TotalSeconds:0.0} s (import done {DateTime.UtcNow - imported.Elapsed:HH:mm:ss.fff}):\n{node.Log()}");
                await Task.Delay(250);
            }
        }
        // The persons follow in the talent pool of each node (applied after the job bank).
        foreach (var node in new[] { a, b })
        {
            while ((await node.HealthAsync()) is var health && health.TalentPoolDocuments != health.Persons)
            {
                Assert.True(imported.Elapsed < TimeSpan.FromSeconds(30), $"node {node.Name}'s talent pool has {health.TalentPoolDocuments} of {health.Persons} persons");
                await Task.Delay(250);
            }
        }
        var searched = await a.Client.GetStringAsync("/api/positions");
        Assert.Equal(searched, await b.Client.GetStringAsync("/api/positions"));

        // Both nodes record their watermarks in the database's node table.
        Assert.Equal(2L, Convert.ToInt64(TestStore.Scalar(dir.Path, "SELECT COUNT(*) FROM \"SearchNodes\""), CultureInfo.InvariantCulture));

        // The fair fires once across the two nodes, and `schedules list` says so with both schedulers checked in.
        var deadline = Stopwatch.StartNew();
        JsonElement fair;
        JsonElement listed;
        while (true)
        {
            listed = await SchedulesAsync(dir);
            fair = listed.GetProperty("schedules").EnumerateArray().Single(s => s.GetProperty("name").GetString() == ScheduleBook.Fair);
            if (fair.GetProperty("runCount").GetInt32() > 0)
            {
                break;
            }
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(4), "the fair never fired");
            await Task.Delay(1000);
        }
        await Task.Delay(TimeSpan.FromSeconds(5)); // every chance for a second firing
        listed = await SchedulesAsync(dir);
        fair = listed.GetProperty("schedules").EnumerateArray().Single(s => s.GetProperty("name").GetString() == ScheduleBook.Fair);
        Assert.Equal(1, fair.GetProperty("runCount").GetInt32());
        Assert.Equal("Succeeded", fair.GetProperty("lastResult").GetString());
        Assert.Equal(1L, Convert.ToInt64(TestStore.Scalar(dir.Path,
            "SELECT COUNT(*) FROM qrtz_execution_history WHERE job_name = 'fair'"), CultureInfo.InvariantCulture));
        Assert.Equal("Held", (string)TestStore.Scalar(dir.Path, "SELECT string_agg(\"Status\", ',') FROM \"JobFairs\"")!);
        Assert.True(listed.GetProperty("clustered").GetBoolean());
        Assert.Equal(2, listed.GetProperty("instances").GetArrayLength());
    }

    [PostgresFact]
    public async Task A_node_killed_with_sigkill_during_a_job_has_the_job_finished_by_the_other()
    {
        using var dir = new TempDir("employment-cluster");
        // Node a holds every job two minutes before its work: the kill lands in the middle of the run.
        await using var a = Node.Start(dir, "a", ("Schedules:DrillHoldSeconds", "120"));
        await a.WaitHealthyAsync();
        var queued = await CliRunner.RunAsync("schedules", "run", ScheduleBook.PositionExpiry, "--DataDir", dir.Path);
        Assert.True(queued.ExitCode == 0, queued.StdErr);
        var deadline = Stopwatch.StartNew();
        while (Convert.ToInt64(TestStore.Scalar(dir.Path,
                   "SELECT COUNT(*) FROM qrtz_fired_triggers WHERE job_name = 'position-expiry' AND state = 'EXECUTING'"), CultureInfo.InvariantCulture) == 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "node a never started the job");
            await Task.Delay(200);
        }
        var executing = (string)TestStore.Scalar(dir.Path, "SELECT instance_name FROM qrtz_fired_triggers WHERE job_name = 'position-expiry'")!;

        await using var b = Node.Start(dir, "b");
        await b.WaitHealthyAsync();
        a.Kill();
        Assert.NotEqual(0, Convert.ToInt64(TestStore.Scalar(dir.Path,
            "SELECT COUNT(*) FROM qrtz_fired_triggers WHERE job_name = 'position-expiry'"), CultureInfo.InvariantCulture));

        // Node b sees a stop checking in, takes over the run a began, and finishes it.
        deadline.Restart();
        var killed = DateTime.UtcNow;
        while (true)
        {
            var expiry = (await SchedulesAsync(dir)).GetProperty("schedules").EnumerateArray()
                .Single(s => s.GetProperty("name").GetString() == ScheduleBook.PositionExpiry);
            if (expiry.GetProperty("runCount").GetInt32() > 0)
            {
                output.WriteLine($"node a killed {killed:HH:mm:ss.fff}; the run finished, seen {deadline.Elapsed.TotalSeconds:0.0} s after the kill");
                output.WriteLine(b.Log("recover", "Recover", "ClusterManager", "Drill", "position-expiry"));
                Assert.Equal(1, expiry.GetProperty("runCount").GetInt32());
                Assert.Equal("Succeeded", expiry.GetProperty("lastResult").GetString());
                break;
            }
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(90),
                $"no node finished the job node a was running when it died ({killed:HH:mm:ss.fff}); node b:\n{b.Log()}");
            await Task.Delay(1000);
        }
        var finishedBy = (string)TestStore.Scalar(dir.Path,
            "SELECT instance_name FROM qrtz_execution_history WHERE job_name = 'position-expiry'")!;
        Assert.NotEqual(executing, finishedBy);
        Assert.Equal(0L, Convert.ToInt64(TestStore.Scalar(dir.Path,
            "SELECT COUNT(*) FROM qrtz_fired_triggers WHERE job_name = 'position-expiry'"), CultureInfo.InvariantCulture));
    }

    private static async Task<JsonElement> SchedulesAsync(TempDir dir)
    {
        var result = await CliRunner.RunAsync("schedules", "list", "--format", "json", "--DataDir", dir.Path);
        Assert.True(result.ExitCode == 0, result.StdErr);
        return JsonDocument.Parse(result.StdOut).RootElement.Clone();
    }

    private sealed record Health(int Positions, int Persons, int JobBankDocuments, int TalentPoolDocuments, string Node);

    /// <summary>One web node: the real host as a process, on the shared database of <c>dir</c> and a data directory of its own.</summary>
    private sealed class Node : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _log = new();

        private Node(string name, Process process, int port)
        {
            Name = name;
            _process = process;
            Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        }

        public string Name { get; }
        public HttpClient Client { get; }
        public string NodeId { get; private set; } = "";

        public static Node Start(TempDir dir, string name, params (string Key, string Value)[] settings)
        {
            var port = FreePort();
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            var web = Path.Combine(Engine.MatchCliTests.RepoRoot(), "src", "Employment.Web", "bin", configuration, "net10.0", "Employment.Web.dll");
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            var arguments = new List<string>
            {
                web, "--urls", $"http://127.0.0.1:{port}", "--DataDir", dir.File("node-" + name), "--Seed:Demo", "false",
                "--Database:Provider", "Postgres", "--Database:ConnectionString", TestStore.PostgresFor(dir.Path),
                // A dead node is noticed within seconds, and a queued run is picked up within one.
                "--Schedules:ClusterCheckinSeconds", "2", "--Schedules:IdleWaitSeconds", "1",
                // A failure's log says when each step happened, and where each catch-up's time went.
                "--Logging:Console:TimestampFormat", "HH:mm:ss.fff ",
                "--Logging:LogLevel:Employment.Core.Search.IndexSynchronizer", "Debug",
            };
            foreach (var (key, value) in settings)
            {
                arguments.Add("--" + key);
                arguments.Add(value);
            }
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment.Remove("DataDir");
            var process = Process.Start(start)!;
            var node = new Node(name, process, port);
            process.OutputDataReceived += (_, e) => node.Append(e.Data);
            process.ErrorDataReceived += (_, e) => node.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return node;
        }

        private void Append(string? line)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }

        public async Task WaitHealthyAsync()
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    var health = await HealthAsync();
                    NodeId = health.Node;
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    // Not listening yet, or indexes still building.
                }
                Assert.True(!_process.HasExited, $"node {Name} exited:\n{Log()}");
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(120), $"node {Name} did not become healthy:\n{Log()}");
                await Task.Delay(250);
            }
        }

        public async Task<Health> HealthAsync()
        {
            var response = await Client.GetAsync("/health");
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var checks = body.GetProperty("checks");
            var indexes = checks.GetProperty("indexes");
            if (response.StatusCode != HttpStatusCode.OK || indexes.GetProperty("status").GetString() != "Healthy")
            {
                throw new InvalidOperationException("not healthy yet");
            }
            var database = checks.GetProperty("database").GetProperty("data");
            var index = indexes.GetProperty("data");
            return new Health(database.GetProperty("positions").GetInt32(), database.GetProperty("persons").GetInt32(),
                index.GetProperty("jobBankDocuments").GetInt32(), index.GetProperty("talentPoolDocuments").GetInt32(),
                index.GetProperty("node").GetString()!);
        }

        /// <summary>SIGKILL: no shutdown, no last check-in, the fired trigger left as it was.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        internal string Log()
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }

        /// <summary>The log's entries (a timestamped line and the message under it) that contain any of <paramref name="words"/>.</summary>
        internal string Log(params string[] words)
        {
            var lines = Log().Split('\n');
            var picked = new System.Text.StringBuilder();
            for (var i = 1; i < lines.Length; i++)
            {
                if (words.Any(w => lines[i].Contains(w, StringComparison.Ordinal)))
                {
                    picked.Append(lines[i - 1].TrimEnd()).Append(' ').AppendLine(lines[i].Trim());
                }
            }
            return picked.ToString();
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}

/// <summary>A test that needs a PostgreSQL server (<c>EMPLOYMENT_TEST_POSTGRES</c>, set by <c>.ci/run</c>); skipped without one.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestStore.IsPostgres)
        {
            Skip = "needs a PostgreSQL server: EMPLOYMENT_TEST_POSTGRES (.ci/run starts one)";
        }
    }
}
