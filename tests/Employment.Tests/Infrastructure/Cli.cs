using System.Diagnostics;

namespace Employment.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string StdOut, string StdErr);

/// <summary>Runs the real `employment` program (built beside the tests) as a separate process.</summary>
public static class CliRunner
{
    public static Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>Runs the program with <paramref name="input"/> on its standard input (passwords, PINs).</summary>
    public static async Task<CliResult> RunWithInputAsync(string? input, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "employment.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("DataDir");
        TestStore.Use(start, TestStore.DataDirIn(args));
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

public static class TestData
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static string ExampleDataset => Path("example-dataset.json");
}
