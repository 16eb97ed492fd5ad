using System.Text.RegularExpressions;
using Employment.Core.Interchange;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Employment.Web.Infrastructure;

/// <summary>
/// The safety net under "logs never hold a full ID number": every logger the host creates writes
/// through <see cref="RedactingLogger"/>, which masks anything shaped like an 18-character resident
/// ID (with <see cref="ResidentId.Mask"/>) in the message, the structured values, the scopes and the
/// exception text. Code should still never log an ID; this catches the request line with an ID in
/// its query, an exception message quoting a record, a future careless log call.
/// </summary>
public static partial class LogRedaction
{
    /// <summary>
    /// What is masked: 17 digits and a digit or X, not inside a longer run of letters or digits. A
    /// trace id, a GUID or a hash is such a run: one may end in 18 digits after a letter (a 128-bit
    /// trace id does about once in 13,000), and is left whole. Tests check logs with this same rule.
    /// </summary>
    [GeneratedRegex("(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")]
    public static partial Regex ResidentIdPattern();

    public static string Redact(string text) =>
        text.Length < 18 ? text : ResidentIdPattern().Replace(text, m => ResidentId.Mask(m.Value));

    public static object? Redact(object? value) => value switch
    {
        string s => Redact(s),
        null => null,
        _ when value.GetType().IsPrimitive || value is decimal or DateTime or DateTimeOffset or Guid or TimeSpan => value,
        _ => Redact(value.ToString() ?? ""),
    };

    /// <summary>
    /// Replaces the logger factory with one whose providers are all wrapped. Providers are resolved
    /// when the factory is built, so ones added after this call (a test's capture) are wrapped too.
    /// </summary>
    public static IHostApplicationBuilder AddLogRedaction(this IHostApplicationBuilder builder)
    {
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new LoggerFactory(
            sp.GetServices<ILoggerProvider>().Select(p => new RedactingLoggerProvider(p)),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>())));
        return builder;
    }
}

/// <summary>Wraps a provider; keeps its type name visible for logging filters keyed on the provider alias.</summary>
public sealed class RedactingLoggerProvider(ILoggerProvider inner) : ILoggerProvider, ISupportExternalScope
{
    public ILoggerProvider Inner => inner;

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(new RedactingScopeProvider(scopeProvider));
        }
    }

    public void Dispose() => inner.Dispose();
}

public sealed class RedactingLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(RedactedState.Of(state));

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }
        var message = LogRedaction.Redact(formatter(state, exception));
        var redacted = new RedactedState(message, state as IEnumerable<KeyValuePair<string, object?>>);
        var error = exception is null ? null : new RedactedException(exception);
        inner.Log(logLevel, eventId, redacted, error, static (s, _) => s.ToString());
    }
}

/// <summary>The structured values with every string masked; prints as the masked message.</summary>
internal sealed class RedactedState(string message, IEnumerable<KeyValuePair<string, object?>>? values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _values =
        (values ?? []).Select(kv => new KeyValuePair<string, object?>(kv.Key, kv.Key == "{OriginalFormat}" ? kv.Value : LogRedaction.Redact(kv.Value))).ToArray();

    public static object Of<TState>(TState state) where TState : notnull =>
        new RedactedState(LogRedaction.Redact(state.ToString() ?? ""), state as IEnumerable<KeyValuePair<string, object?>>);

    public KeyValuePair<string, object?> this[int index] => _values[index];
    public int Count => _values.Length;
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    public override string ToString() => message;
}

/// <summary>An exception as loggers print it (message, type, stack), masked.</summary>
public sealed class RedactedException(Exception original) : Exception(LogRedaction.Redact(original.Message))
{
    public Type OriginalType => original.GetType();
    public override string? StackTrace => original.StackTrace;
    public override string ToString() => LogRedaction.Redact(original.ToString());
}

internal sealed class RedactingScopeProvider(IExternalScopeProvider inner) : IExternalScopeProvider
{
    public void ForEachScope<TState>(Action<object?, TState> callback, TState state) =>
        inner.ForEachScope((scope, s) => callback(scope is null ? null : RedactedState.Of(scope), s), state);

    public IDisposable Push(object? state) => inner.Push(state);
}
