using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Employment.Core.Data;

/// <summary>
/// The city's store: PostgreSQL, shared by several web nodes and the CLI. Money stays the model's
/// <c>numeric(18,2)</c>; instants are <c>timestamptz</c>.
/// </summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // Npgsql refuses a DateTime whose Kind is not Utc for timestamptz. Everything stored is UTC;
        // a value built without a Kind (a parsed date, default(DateTime)) is taken as UTC, as SQLite does.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
        // numeric(18,2) answers 500.00 where SQLite answers 500: the same figure, but decimal keeps
        // its scale into JSON and text. Read back at the smallest scale, so exports and pages match.
        configurationBuilder.Properties<decimal>().HaveConversion<ScaleConverter>();
        configurationBuilder.Properties<decimal?>().HaveConversion<ScaleConverter>();
    }

    /// <summary>
    /// Creates the database when the server lacks it, by itself: EF would create it too, but first
    /// logs the failed connection as an error on every first start.
    /// </summary>
    internal override async Task BeforeMigrateAsync(CancellationToken ct)
    {
        await PostgresStore.EnsureDatabaseAsync(Database.GetConnectionString()!, ct);
        // The migrator reads its history table before creating it and logs that failed read as an
        // error on a new database; made here, the first start says nothing it need not say.
        try
        {
            await this.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>().CreateIfNotExistsAsync(ct);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState is "42P07" or "23505")
        {
            // duplicate_table: another node or the CLI made it at the same moment
        }
    }

    internal override Task AfterMigrateAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Outbox rows take their ids from a sequence when inserted but become visible when their
    /// transaction commits, so two writers could publish ids out of order and an indexer that read the
    /// higher one first would move its watermark past the lower. A transaction-scoped advisory lock,
    /// taken before the rows are inserted and held to the commit, makes every outbox write commit in
    /// id order (the one-writer order SQLite has by itself).
    /// </summary>
    protected override int SaveInOutboxOrder(bool acceptAllChangesOnSuccess)
    {
        if (Database.CurrentTransaction is not null)
        {
            Database.ExecuteSqlRaw(OutboxLock);
            return SaveDirect(acceptAllChangesOnSuccess);
        }
        using var transaction = Database.BeginTransaction();
        Database.ExecuteSqlRaw(OutboxLock);
        var saved = SaveDirect(acceptAllChangesOnSuccess);
        transaction.Commit();
        return saved;
    }

    /// <inheritdoc cref="SaveInOutboxOrder"/>
    protected override async Task<int> SaveInOutboxOrderAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is not null)
        {
            await Database.ExecuteSqlRawAsync(OutboxLock, cancellationToken);
            return await SaveDirectAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await Database.ExecuteSqlRawAsync(OutboxLock, cancellationToken);
        var saved = await SaveDirectAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>
    /// "Outbox" in ASCII; with it, a notification on <see cref="OutboxChannel"/>, which PostgreSQL delivers
    /// at the commit (and drops on a rollback): every node's indexer wakes the moment the rows are visible.
    /// </summary>
    private const string OutboxLock = "SELECT pg_advisory_xact_lock(87365882376056), pg_notify('" + OutboxChannel + "', '')";

    /// <summary>The channel on which a committed outbox write is announced (<see cref="PostgresStore.ListenAsync"/>).</summary>
    public const string OutboxChannel = "employment_outbox";

    internal override Task<IAsyncDisposable> StartLockAsync(CancellationToken ct) =>
        PostgresStore.AdvisoryLockAsync(Database.GetConnectionString()!, StartLockKey, ct);

    /// <summary>"Employ" in ASCII: the advisory lock nodes take around migrating and seeding.</summary>
    private const long StartLockKey = 0x456D706C6F79;

    private sealed class ScaleConverter() : ValueConverter<decimal, decimal>(
        v => v,
        v => v / 1.000000000000000000000000000000000m);

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>For `dotnet ef migrations add` (tools/add-migration.sh): a context without the host or a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=employment_design").Options);
}

/// <summary>What the program asks of a PostgreSQL store outside EF (the database itself, the scheduler's tables).</summary>
public static class PostgresStore
{
    /// <summary>Creates the connection string's database when it does not exist (the account needs CREATEDB for that; otherwise create it beforehand).</summary>
    public static async Task EnsureDatabaseAsync(string connectionString, CancellationToken ct)
    {
        var target = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(target.Database))
        {
            return;
        }
        await using (var probe = new Npgsql.NpgsqlConnection(connectionString))
        {
            try
            {
                await probe.OpenAsync(ct);
                return;
            }
            catch (Npgsql.PostgresException ex) when (ex.SqlState == "3D000")
            {
                // invalid_catalog_name: create it below
            }
        }
        var maintenance = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new Npgsql.NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // A name cannot be a parameter; it is quoted as an identifier (doubled quotes inside).
        command.CommandText = $"CREATE DATABASE \"{target.Database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        try
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState is "42P04" or "23505")
        {
            // duplicate_database: another node or the CLI created it first
        }
    }

    /// <summary>
    /// Holds a session advisory lock on a connection of its own until disposed: several nodes starting
    /// at once migrate and seed one after another instead of racing to insert the same rows.
    /// </summary>
    public static async Task<IAsyncDisposable> AdvisoryLockAsync(string connectionString, long key, CancellationToken ct)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT pg_advisory_lock(@key)";
            command.Parameters.AddWithValue("key", key);
            command.CommandTimeout = 0; // as long as the other node's start takes
            await command.ExecuteNonQueryAsync(ct);
        }
        return connection; // closing the session releases the lock
    }

    /// <summary>
    /// Calls <paramref name="notified"/> for each notification on <paramref name="channel"/> until
    /// cancelled, on a connection of its own (outside the pool: it stays open), and once each time it
    /// starts listening, for whatever was committed while it was not. A lost connection is opened
    /// again after a pause; the caller's own polling covers the gap.
    /// </summary>
    public static async Task ListenAsync(string connectionString, string channel, Action notified,
        Microsoft.Extensions.Logging.ILogger logger, CancellationToken ct)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 };
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(ct);
                connection.Notification += (_, _) => notified();
                await using (var command = connection.CreateCommand())
                {
                    // A channel is an identifier, not a parameter; ours is a constant.
                    command.CommandText = $"LISTEN \"{channel.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
                    await command.ExecuteNonQueryAsync(ct);
                }
                notified();
                while (true)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, ex, "Listening on {Channel} failed; listening again in 5 s", channel);
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Whether <paramref name="table"/> exists in the connection's search path (any case); false when the database does not exist yet.</summary>
    public static async Task<bool> TableExistsAsync(string connectionString, string table, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == "3D000")
        {
            return false; // invalid_catalog_name: nothing has created the database yet
        }
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ANY (current_schemas(false)) AND lower(table_name) = lower(@name)";
        command.Parameters.AddWithValue("name", table);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
