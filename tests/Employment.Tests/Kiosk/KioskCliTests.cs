using System.Diagnostics;
using Employment.Core.Data;
using Employment.Core.Kiosk;
using Employment.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Employment.Tests.Kiosk;

/// <summary>`employment kiosk-pin --person ID --card NUMBER`, the PIN on standard input.</summary>
public sealed class KioskCliTests
{
    [Fact]
    public async Task The_operator_sets_a_PIN_from_standard_input_and_bad_input_exits_2_writing_nothing()
    {
        using var dir = new TempDir("employment-kiosk-cli");
        var import = await CliRunner.RunAsync("import", "--dataset", TestData.ExampleDataset, "--DataDir", dir.Path);
        Assert.Equal(0, import.ExitCode);
        var person = "S-1";

        var weak = await RunAsync("111111\n", "kiosk-pin", "--person", person, "--card", "55001", "--DataDir", dir.Path);
        Assert.Equal(2, weak.ExitCode);
        Assert.Contains("pin", weak.StdErr);
        var empty = await RunAsync("", "kiosk-pin", "--person", person, "--card", "55001", "--DataDir", dir.Path);
        Assert.Equal(2, empty.ExitCode);
        var nobody = await RunAsync("402817\n", "kiosk-pin", "--person", "S-NOBODY", "--card", "55001", "--DataDir", dir.Path);
        Assert.Equal(2, nobody.ExitCode);
        Assert.Contains("S-NOBODY", nobody.StdErr);

        var ok = await RunAsync("402817\n", "kiosk-pin", "--person", person, "--card", "55001", "--DataDir", dir.Path);
        Assert.True(ok.ExitCode == 0, ok.StdErr);
        Assert.DoesNotContain("402817", ok.StdErr + ok.StdOut);

        var services = new ServiceCollection();
        services.AddEmploymentData(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataDir"] = dir.Path }).Build());
        await using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal("55001", (await db.Persons.SingleAsync(p => p.Id == person)).CardNumber);
        var verdict = await new KioskPins(db, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new Microsoft.AspNetCore.Identity.PasswordHasherOptions())).VerifyAsync("55001", "402817", default);
        Assert.Equal(KioskSignInOutcome.SignedIn, verdict.Outcome);
    }

    private static async Task<CliResult> RunAsync(string stdin, params string[] args)
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
