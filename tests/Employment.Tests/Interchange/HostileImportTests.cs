using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Employment.Core.Data;
using Employment.Core.Interchange;
using Employment.Core.Taxonomy;
using Employment.Tests.Employers;
using Employment.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Interchange;

/// <summary>
/// Hostile datasets: the importer answers exit 2 naming the record and field, never 1, and a
/// refused file leaves the database byte for byte as it was.
/// </summary>
[BothStores]
public sealed class HostileImportTests
{
    private static JsonNode Example() => JsonNode.Parse(File.ReadAllText(TestData.ExampleDataset))!;

    private static async Task<CliResult> ImportAsync(TempDir dir, string json, string name = "hostile.json")
    {
        var file = dir.File(name);
        await File.WriteAllTextAsync(file, json, new UTF8Encoding(false));
        return await CliRunner.RunAsync("import", "--dataset", file, "--DataDir", dir.File("data"));
    }

    [Fact]
    public async Task A_lone_surrogate_exits_2_naming_the_record_and_field()
    {
        using var dir = new TempDir();
        var example = Example();
        example["households"]![0]!["members"]![0]!["name"] = "SURROGATE";
        var json = example.ToJsonString().Replace("SURROGATE", "\\ud800", StringComparison.Ordinal);
        Assert.Contains("\\ud800", json);

        var result = await ImportAsync(dir, json);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("person S-1 (household H-1), name: holds a lone UTF-16 surrogate", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    [Fact]
    public async Task Nesting_past_the_reader_s_limit_says_nested_too_deep()
    {
        using var dir = new TempDir();
        var json = Example().ToJsonString();
        json = json[..^1] + ",\"extra\":" + new string('[', 200) + new string(']', 200) + "}";

        var result = await ImportAsync(dir, json);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nested too deep", result.StdErr);
        Assert.DoesNotContain("not valid JSON", result.StdErr);
    }

    [Fact]
    public async Task What_the_forms_refuse_the_importer_refuses_too_each_named()
    {
        using var dir = new TempDir();
        var json = Example();
        json["employers"]![1]!["name"] = "";
        json["employers"]![1]!["publicSector"] = false;
        json["positions"]![0]!["title"] = new string('岗', 5000);
        json["households"]![0]!["members"]![0]!["name"] = new string('名', 40_000);
        json["households"]![1]!["members"]![0]!["name"] = "王\u202e五";
        json["households"]![2]!["members"]![0]!["name"] = "李\u001b四";
        json["households"]![1]!["monthlyIncome"] = 1e11;
        json["households"]![2]!["size"] = 100_000_000;
        json["households"]![2]!["members"]![0]!["maxCommuteKm"] = 1e308;
        json["positions"]![1]!["monthlyWage"] = 1e11;
        var employerOfSecond = json["positions"]![2]!["employerId"]!.GetValue<string>();
        json["positions"]![2]!["publicWelfare"] = true;
        foreach (var employer in json["employers"]!.AsArray())
        {
            if (employer!["id"]!.GetValue<string>() == employerOfSecond)
            {
                employer["publicSector"] = false;
            }
        }

        var result = await ImportAsync(dir, json.ToJsonString());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("name: must not be empty", result.StdErr);
        Assert.Contains("position P-1, title: is longer than 200 characters", result.StdErr);
        Assert.Contains("person S-1 (household H-1), name: is longer than 100 characters", result.StdErr);
        Assert.Contains("name: holds a bidirectional override character", result.StdErr);
        Assert.Contains("name: holds a control character", result.StdErr);
        Assert.Contains("household H-2, monthlyIncome", result.StdErr);
        Assert.Contains("household H-3, size", result.StdErr);
        Assert.Contains("maxCommuteKm", result.StdErr);
        Assert.Contains("position P-2, monthlyWage", result.StdErr);
        Assert.Contains("position P-3, publicWelfare", result.StdErr);
        // The 40,000 characters are not printed back.
        Assert.True(result.StdErr.Length < 5000, result.StdErr.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Places_outside_the_district_and_unknown_division_codes_are_refused_after_reading()
    {
        using var dir = new TempDir();
        var json = Example();
        json["households"]![0]!["location"]!["lat"] = 0;
        json["households"]![1]!["location"]!["divisionCode"] = "510104999999";

        var result = await ImportAsync(dir, json.ToJsonString());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("household H-1, location: (0, ", result.StdErr);
        Assert.Contains("household H-2, location.divisionCode: no division has the code '510104999999'", result.StdErr);
    }

    [Fact]
    public async Task A_position_id_of_another_employer_is_refused_like_a_clashing_person_id()
    {
        using var dir = new TempDir();
        Assert.Equal(0, (await ImportAsync(dir, Example().ToJsonString(), "first.json")).ExitCode);
        var json = Example();
        json["employers"]!.AsArray().Add(new JsonObject { ["id"] = "E-OTHER", ["name"] = "另一家公司" });
        json["positions"]![0]!["employerId"] = "E-OTHER";
        json["positions"]![0]!["publicWelfare"] = false;

        var result = await ImportAsync(dir, json.ToJsonString());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("position P-1, id: already belongs to employer E-1 in the database, not E-OTHER", result.StdErr);
        Assert.Equal("E-1", (string)TestStore.Scalar(dir.File("data"), "SELECT \"EmployerId\" FROM \"Positions\" WHERE \"Id\" = 'P-1'")!);
    }

    // ---- The fuzz: a few thousand mutations of the demo district's export, fixed seed. ----

    private const int FuzzCases = 2500;

    /// <summary>Values a mutation puts in place of one JSON value: each has broken a reader somewhere.</summary>
    private static readonly string[] HostileTokens =
    [
        "\"\\ud800\"", "\"\\udfff tail\"", "\"a\\u0000b\"", "\"\\u001b[31m\"", "\"\\u202eevil\"", "\"" + new string('x', 40_000) + "\"",
        "\"\"", "\"   \"", "null", "true", "false", "0", "-1", "1e11", "1e308", "-1e308", "1e400", "3.5", "99999999999999999999999999",
        "[]", "{}", "[[[[[[[[[[]]]]]]]]]]", new string('[', 100) + new string(']', 100), "\"2026-02-30\"", "\"clean.none\"", "\"H-1\"", "\"P-1\"",
        "\"510104999999\"", "{\"lat\":0,\"lon\":0}", "{\"lat\":\"x\"}", "[\"clean.basic\",\"clean.basic\"]", "\"E-001\"",
    ];

    [SqliteOnly] // reads the SQLite file itself
    [Fact]
    public async Task Fuzz_no_mutation_of_the_demo_export_crashes_the_importer_and_every_refusal_leaves_the_database_byte_identical()
    {
        using var dir = new TempDir();
        var services = new ServiceCollection();
        services.AddEmploymentData(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DataDir"] = dir.Path }).Build());
        await using var provider = services.BuildServiceProvider();
        var dbFile = Path.Combine(dir.Path, "employment.db");

        var baseline = SmallSlice(await DemoExportAsync(provider));
        using (var scope = provider.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedDivisionsAsync();
            var read = DatasetReader.Read(new MemoryStream(baseline), Taxonomy.Embedded, new DateOnly(2026, 12, 4));
            Assert.True(read.IsValid, string.Join("\n", read.Errors));
            await scope.ServiceProvider.GetRequiredService<DatasetImporter>().ImportAsync(read.Dataset!);
        }
        var state = await SnapshotAsync(provider, dbFile);

        var random = new Random(20261204);
        var values = ValueSpans(baseline);
        var (refused, accepted) = (0, 0);
        for (var i = 0; i < FuzzCases; i++)
        {
            var (mutated, what) = Mutate(baseline, values, random);
            bool ok;
            try
            {
                using var scope = provider.CreateScope();
                var read = DatasetReader.Read(new MemoryStream(mutated), Taxonomy.Embedded, new DateOnly(2026, 12, 4));
                if (!read.IsValid)
                {
                    Assert.All(read.Errors, e => Assert.False(string.IsNullOrEmpty(e.Record)));
                    ok = false;
                }
                else
                {
                    try
                    {
                        await scope.ServiceProvider.GetRequiredService<DatasetImporter>().ImportAsync(read.Dataset);
                        ok = true;
                    }
                    catch (DatasetException)
                    {
                        ok = false;
                    }
                }
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                // What the CLI would have answered with exit 1 and a stack trace.
                Assert.Fail($"case {i} ({what}) crashed the importer: {e.GetType().Name}: {e.Message}");
                throw;
            }
            if (ok)
            {
                accepted++;
                state = await SnapshotAsync(provider, dbFile);
            }
            else
            {
                refused++;
                var now = await HashAsync(dbFile);
                Assert.True(state.AsSpan().SequenceEqual(now), $"case {i} ({what}) was refused but changed the database");
            }
        }
        Assert.True(refused > FuzzCases / 2, $"{refused} refused, {accepted} accepted: the mutations should mostly break the file");
    }

    /// <summary>The demo district as the exporter writes it (the seeder loads it, the exporter writes it back out).</summary>
    private static async Task<byte[]> DemoExportAsync(IServiceProvider _)
    {
        using var dir = new TempDir();
        var services = new ServiceCollection();
        services.AddEmploymentData(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DataDir"] = dir.Path }).Build());
        await using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        await seeder.SeedDivisionsAsync();
        await seeder.SeedDemoDistrictAsync();
        var exported = await scope.ServiceProvider.GetRequiredService<DatasetExporter>().ExportAsync();
        using var stream = new MemoryStream();
        DatasetWriter.Write(exported, stream);
        var bytes = stream.ToArray();
        SqliteConnection.ClearAllPools();
        return bytes;
    }

    /// <summary>Twelve positions (with their employers) and twelve households: every kind of record, small enough to read thousands of times.</summary>
    private static byte[] SmallSlice(byte[] export)
    {
        var json = JsonNode.Parse(export)!;
        var positions = json["positions"]!.AsArray().Take(12).Select(p => p!.DeepClone()).ToList();
        var employerIds = positions.Select(p => p!["employerId"]!.GetValue<string>()).ToHashSet();
        var employers = json["employers"]!.AsArray().Where(e => employerIds.Contains(e!["id"]!.GetValue<string>())).Select(e => e!.DeepClone()).ToList();
        var households = json["households"]!.AsArray().Take(12).Select(h => h!.DeepClone()).ToList();
        json["positions"] = new JsonArray([.. positions]);
        json["employers"] = new JsonArray([.. employers]);
        json["households"] = new JsonArray([.. households]);
        // A few courses, those that promise no position outside the slice, so the fuzz reaches courses too.
        var positionIds = positions.Select(p => p!["id"]!.GetValue<string>()).ToHashSet();
        if (json["courses"] is JsonArray all)
        {
            json["courses"] = new JsonArray([.. all
                .Where(c => c!["forPositions"] is not JsonArray promised || promised.All(p => positionIds.Contains(p!.GetValue<string>())))
                .Take(6).Select(c => c!.DeepClone())]);
        }
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    /// <summary>Where each value (string, number, literal) of the document starts and ends.</summary>
    private static List<(int Start, int End)> ValueSpans(byte[] json)
    {
        var spans = new List<(int, int)>();
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null)
            {
                var start = (int)reader.TokenStartIndex;
                var length = reader.TokenType == JsonTokenType.String ? reader.ValueSpan.Length + 2 : reader.ValueSpan.Length;
                spans.Add((start, start + length));
            }
        }
        return spans;
    }

    private static (byte[] Json, string What) Mutate(byte[] json, List<(int Start, int End)> values, Random random)
    {
        switch (random.Next(5))
        {
            case 0 or 1:
            {
                // One value replaced by a hostile one.
                var (start, end) = values[random.Next(values.Count)];
                var token = HostileTokens[random.Next(HostileTokens.Length)];
                return (Splice(json, start, end, Encoding.UTF8.GetBytes(token)), $"value at {start} := {Shorten(token)}");
            }
            case 2:
            {
                // A few random bytes changed.
                var copy = (byte[])json.Clone();
                var count = random.Next(1, 4);
                for (var k = 0; k < count; k++)
                {
                    copy[random.Next(copy.Length)] = (byte)random.Next(256);
                }
                return (copy, $"{count} random bytes");
            }
            case 3:
            {
                // A span cut out.
                var start = random.Next(json.Length);
                var length = random.Next(1, Math.Min(200, json.Length - start) + 1);
                return (Splice(json, start, start + length, []), $"cut {length} at {start}");
            }
            default:
            {
                // A record duplicated: a value span copied over another.
                var (fromStart, fromEnd) = values[random.Next(values.Count)];
                var (toStart, toEnd) = values[random.Next(values.Count)];
                return (Splice(json, toStart, toEnd, json[fromStart..fromEnd]), $"value at {toStart} := value at {fromStart}");
            }
        }
    }

    private static byte[] Splice(byte[] json, int start, int end, byte[] insert) => [.. json[..start], .. insert, .. json[end..]];

    private static string Shorten(string token) => token.Length <= 30 ? token : token[..30] + "…";

    /// <summary>Checkpoints the WAL into the file so the file alone holds the state, then hashes it.</summary>
    private static async Task<byte[]> SnapshotAsync(IServiceProvider provider, string dbFile)
    {
        using (var scope = provider.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        return await HashAsync(dbFile);
    }

    private static async Task<byte[]> HashAsync(string dbFile)
    {
        using var sha = SHA256.Create();
        foreach (var file in new[] { dbFile, dbFile + "-wal" })
        {
            if (File.Exists(file))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                var bytes = new byte[stream.Length];
                await stream.ReadExactlyAsync(bytes);
                sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
            }
        }
        sha.TransformFinalBlock([], 0, 0);
        return sha.Hash!;
    }
}

/// <summary>The forms refuse what the importer refuses, from the same rules.</summary>
[BothStores]
public sealed class HostileFormTests(EmployerFlowTestsHost host) : IClassFixture<EmployerFlowTestsHost>
{
    [Fact]
    public async Task A_40000_character_name_and_control_characters_are_refused_by_the_registration_form()
    {
        var client = host.NewClient();
        var employers = await host.WithDbAsync(db => db.Employers.CountAsync());
        foreach (var name in new[] { new string('名', 40_000), "正常\u202e公司", "公司\u0000名" })
        {
            var response = await client.PostFormAsync("/Employer/Register", new()
            {
                ["Input.Name"] = name, ["Input.CreditCode"] = CreditCodeTests.NewValidCode(), ["Input.ContactName"] = "王经理",
                ["Input.ContactPhone"] = "028-8666 1234", ["Input.Address"] = "锦江区东大街1号", ["Input.Login"] = "hostile" + Guid.NewGuid().ToString("N")[..6],
                ["Input.Password"] = "a long enough phrase", ["Input.ConfirmPassword"] = "a long enough phrase",
            });
            // Refused, never stored, never a 500 (a NUL in a form post is turned away before the page runs).
            Assert.True((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.Redirect, $"{name.Length}: {(int)response.StatusCode}");
        }
        Assert.Equal(employers, await host.WithDbAsync(db => db.Employers.CountAsync()));
    }

    [Fact]
    public async Task A_5000_character_title_a_bidi_title_and_a_wage_past_the_ceiling_are_refused_by_the_position_form()
    {
        var employer = await host.SignedInAsAsync(Core.Data.Roles.Employer, employerId: "E-022");
        var before = await host.WithDbAsync(db => db.Positions.CountAsync());
        var cases = new (string Field, string Value, string Words)[]
        {
            ("Input.Title", new string('岗', 5000), "不能超过 200 个字"),
            ("Input.Title", "保洁\u202e员", "改变文字方向"),
            ("Input.Title", "保洁\u001b员", "控制字符"),
            ("Input.MonthlyWage", "200000", "100000"),
            ("Input.Lat", "0", "应在"),
        };
        foreach (var (field, value, words) in cases)
        {
            var overrides = field == "Input.Lat" ? new[] { (field, value), ("Input.Lon", "104.08") } : new[] { (field, value) };
            var response = await employer.PostFieldsAsync("/Employer/Edit?handler=Submit",
                EmployerClient.PositionForm(field == "Input.Title" ? value : "小区保洁员", overrides: overrides), page: "/Employer/Edit");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(words, EmployerClient.Errors(await response.Content.ReadAsStringAsync()));
        }
        Assert.Equal(before, await host.WithDbAsync(db => db.Positions.CountAsync()));
    }
}

public sealed class EmployerFlowTestsHost : AppFactory;
