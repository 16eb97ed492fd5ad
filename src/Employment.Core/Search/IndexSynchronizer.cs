using Employment.Core.Data;
using Employment.Core.Households;
using Employment.Core.Matching;
using Employment.Core.Positions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Employment.Core.Search;

/// <summary>What one pass of the indexer did, for logs, health and progress.</summary>
public sealed record IndexSyncResult(string Index, bool Rebuilt, int Applied, long Watermark);

/// <summary>
/// What a consistency check found in one index against the database: records with no document,
/// documents with no record, documents whose profile differs from the record's; all repaired.
/// </summary>
public sealed record IndexCheckResult(string Index, int Records, int Documents, int Missing, int Extra, int Stale)
{
    public int Repaired => Missing + Extra + Stale;
}

/// <summary>
/// Keeps the job bank, the talent pool and the course catalog equal to the database. The database is the truth: each
/// change writes an <see cref="IndexChange"/> row in its own transaction; this class is the one
/// reader of those rows. It applies them in id order and commits the index together with the last
/// id applied (the watermark), so after a crash it replays from there and loses nothing. Applying a
/// row twice is harmless: an upsert reads the record's current state.
/// </summary>
public sealed class IndexSynchronizer(
    IServiceScopeFactory scopes,
    JobBankIndex jobBank,
    TalentPoolIndex talentPool,
    CourseIndex courses,
    SearchNodes nodes,
    IndexSignal signal,
    ILogger<IndexSynchronizer> logger)
{
    private const int BatchSize = 500;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public JobBankIndex JobBank => jobBank;
    public TalentPoolIndex TalentPool => talentPool;
    public CourseIndex Courses => courses;

    /// <summary>
    /// Brings every index up to date: rebuilds one that is missing, of another schema, or whose
    /// watermark the outbox can no longer replay from; otherwise applies what came since.
    /// </summary>
    public async Task<IReadOnlyList<IndexSyncResult>> EnsureCurrentAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<IndexSyncResult> results =
            [
                await EnsureCurrentAsync(AppDbContext.JobBankIndex, jobBank, ProfileLoader.PositionsAsync, cancellationToken),
                await EnsureCurrentAsync(AppDbContext.TalentPoolIndex, talentPool, ProfileLoader.SeekersAsync, cancellationToken),
                await EnsureCurrentAsync(AppDbContext.CourseIndex, courses, ProfileLoader.CoursesAsync, cancellationToken),
            ];
            await CompactIfOwedAsync(cancellationToken);
            return results;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs the catch-up's whole path once before the first change arrives, so the first change another
    /// node or the CLI writes does not pay for compiling it: on a busy machine (load 10 on two cores)
    /// EF's first compile of the profile loaders, then the first document through Lucene's writer
    /// (analysis, the taxonomy and pinyin tables, the commit, the near-real-time reopen and the
    /// engine's views) each took seconds, and a change must be searchable on every node within five.
    /// The queries run on nothing (an id no record has); the documents go into scratch indexes in a
    /// temporary directory, deleted after, so the node's own indexes never hold them.
    /// </summary>
    public async Task WarmAsync(CancellationToken cancellationToken = default)
    {
        var took = System.Diagnostics.Stopwatch.StartNew();
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            string[] none = ["\u0001warm-up"];
            await ProfileLoader.PositionsAsync(db, none, cancellationToken);
            await ProfileLoader.SeekersAsync(db, none, cancellationToken);
            await ProfileLoader.CoursesAsync(db, none, cancellationToken);
        }
        var queries = took.Elapsed;
        await Task.Run(WarmWritePath, cancellationToken);
        logger.LogInformation("Warmed the catch-up path: queries {QueriesMs:0} ms, index writes {WritesMs:0} ms",
            queries.TotalMilliseconds, (took.Elapsed - queries).TotalMilliseconds);
    }

    /// <summary>One position, one seeker and one course through scratch indexes of the real schemas: upsert, commit, visible, counted, deleted.</summary>
    private static void WarmWritePath()
    {
        var scratch = Directory.CreateTempSubdirectory("employment-index-warm-");
        try
        {
            using (var positions = new JobBankIndex(Path.Combine(scratch.FullName, "jobbank")))
            {
                Warm(positions, new PositionProfile
                {
                    Id = "warm-up", Title = "保洁员 Cleaner", Description = "负责小区公共区域清洁 cleaning", EmployerId = "warm-up",
                    EmployerName = "暖机物业 Warm-up Ltd", MonthlyWage = 3000, Location = new GeoPoint(30.6, 104.0), DivisionCode = "510115",
                    RequiredSkills = ["cleaning"], PreferredSkills = ["first-aid"], Accommodations = ["seated"], Demands = ["standing"],
                    MinAge = 18, MaxAge = 60, MinEducation = Domain.Education.Primary, ValidUntil = new DateOnly(2099, 12, 31),
                    PublishedUtc = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                });
            }
            using (var seekers = new TalentPoolIndex(Path.Combine(scratch.FullName, "talentpool")))
            {
                Warm(seekers, new SeekerProfile
                {
                    Id = "warm-up", HouseholdId = "warm-up", Age = 40, Education = Domain.Education.Junior,
                    Skills = [new SkillLevel("cleaning", 2)], Limits = ["no-lifting"], Needs = ["seated"], DesiredWage = 2500,
                    Location = new GeoPoint(30.6, 104.0), DivisionCode = "510115", Intention = "想找保洁工作 cleaning",
                    Household = new HouseholdFacts(Domain.HouseholdCategory.Dibao, 3, 1200, true),
                });
            }
            using (var courses = new CourseIndex(Path.Combine(scratch.FullName, "courses")))
            {
                Warm(courses, new Training.CourseProfile
                {
                    Id = "warm-up", Title = "家政服务培训 Housekeeping", Provider = "暖机培训学校 Warm-up School",
                    Skills = [new SkillLevel("cleaning", 2)], StartDate = new DateOnly(2099, 1, 1), EndDate = new DateOnly(2099, 2, 1),
                    Location = new GeoPoint(30.6, 104.0), DivisionCode = "510115", Accommodations = ["seated"], ForPositions = ["warm-up"],
                });
            }
        }
        finally
        {
            try
            {
                scratch.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temporary directory left behind costs nothing; the node's start does not fail for it.
            }
        }

        static void Warm<TProfile>(ISearchIndex<TProfile> index, TProfile profile)
        {
            index.Upsert(profile);
            index.Commit(1);
            index.WaitForChanges();
            _ = index.Count;
            index.Delete("warm-up");
            index.Commit(2);
            index.WaitForChanges();
        }
    }

    /// <summary>Applies the outbox rows past each index's watermark; the common, cheap path.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var applied = await CatchUpAsync(AppDbContext.JobBankIndex, jobBank, ProfileLoader.PositionsAsync, cancellationToken);
            applied += await CatchUpAsync(AppDbContext.TalentPoolIndex, talentPool, ProfileLoader.SeekersAsync, cancellationToken);
            applied += await CatchUpAsync(AppDbContext.CourseIndex, courses, ProfileLoader.CoursesAsync, cancellationToken);
            await CompactIfOwedAsync(cancellationToken);
            return applied;
        }
        finally
        {
            _gate.Release();
        }
    }

    private long _coursesFreshAt = -1;

    /// <summary>
    /// Read-your-write for the course catalog: a search right after a save in this process (an order
    /// approved, a seat taken) applies the course rows first instead of racing the indexer's
    /// wake-up. Waits for the indexer's gate a short while only; past that the search reads the
    /// index as it is, which the indexer brings up to date within a second anyway.
    /// </summary>
    public async Task CoursesAfterLocalWritesAsync(CancellationToken cancellationToken = default)
    {
        var writes = signal.Writes;
        if (writes == Interlocked.Read(ref _coursesFreshAt) || courses.NeedsRebuild || courses.Watermark is null)
        {
            return;
        }
        if (!await _gate.WaitAsync(TimeSpan.FromSeconds(2), cancellationToken))
        {
            return;
        }
        try
        {
            await CatchUpAsync(AppDbContext.CourseIndex, courses, ProfileLoader.CoursesAsync, cancellationToken);
            Interlocked.Exchange(ref _coursesFreshAt, writes);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// After an erase, the database leaves the files too: an erase from another process (the CLI
    /// beside a running host) may have found the WAL held by this process's readers. Run once both
    /// indexes have expunged (so neither waits on the other's compaction), and owed again on the next
    /// pass while a reader keeps the WAL from emptying.
    /// </summary>
    private async Task CompactIfOwedAsync(CancellationToken ct)
    {
        if (!_compactionOwed)
        {
            return;
        }
        var took = System.Diagnostics.Stopwatch.StartNew();
        var compacted = false;
        try
        {
            using var scope = scopes.CreateScope();
            compacted = await Privacy.StoreCompaction.VacuumAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), ct);
        }
        catch (System.Data.Common.DbException ex)
        {
            logger.LogWarning(ex, "Could not compact the database after an erase; the next pass tries again");
        }
        _compactionOwed = !compacted;
        logger.LogInformation("Compacted the database after an erase: {Compacted} in {Seconds:0.0} s", compacted, took.Elapsed.TotalSeconds);
    }

    private bool _compactionOwed;

    /// <summary>Rebuilds both indexes from the database (`employment reindex`).</summary>
    public async Task<IReadOnlyList<IndexSyncResult>> RebuildAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            progress?.Report("job bank");
            var positions = await RebuildAsync(AppDbContext.JobBankIndex, jobBank, ProfileLoader.PositionsAsync, cancellationToken);
            progress?.Report("talent pool");
            var seekers = await RebuildAsync(AppDbContext.TalentPoolIndex, talentPool, ProfileLoader.SeekersAsync, cancellationToken);
            progress?.Report("courses");
            var catalog = await RebuildAsync(AppDbContext.CourseIndex, courses, ProfileLoader.CoursesAsync, cancellationToken);
            return [positions, seekers, catalog];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Compares each index with the database, document by document, and repairs what differs: for a
    /// change that reached the database without an outbox row (a ledger entry changes a seeker's
    /// intention, a write by another tool) or an index damaged on disk. Outbox rows are applied first,
    /// under the same gate as the indexer, so only true differences remain.
    /// </summary>
    public async Task<IReadOnlyList<IndexCheckResult>> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await CatchUpAsync(AppDbContext.JobBankIndex, jobBank, ProfileLoader.PositionsAsync, cancellationToken);
            await CatchUpAsync(AppDbContext.TalentPoolIndex, talentPool, ProfileLoader.SeekersAsync, cancellationToken);
            await CatchUpAsync(AppDbContext.CourseIndex, courses, ProfileLoader.CoursesAsync, cancellationToken);
            await CompactIfOwedAsync(cancellationToken);
            return
            [
                await VerifyAsync(AppDbContext.JobBankIndex, jobBank, ProfileLoader.PositionsAsync, cancellationToken),
                await VerifyAsync(AppDbContext.TalentPoolIndex, talentPool, ProfileLoader.SeekersAsync, cancellationToken),
                await VerifyAsync(AppDbContext.CourseIndex, courses, ProfileLoader.CoursesAsync, cancellationToken),
            ];
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IndexCheckResult> VerifyAsync<TProfile>(string name, ISearchIndex<TProfile> index,
        LoadProfiles<TProfile> load, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var records = await load(db, null, ct);
        var documents = index.StoredProfiles();
        int missing = 0, stale = 0;
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var profile in records)
        {
            var id = IdOf(profile);
            present.Add(id);
            if (!documents.TryGetValue(id, out var stored))
            {
                index.Upsert(profile);
                // A record the index refuses is reported by health, not "repaired" every night.
                missing += index.Unindexable.ContainsKey(id) ? 0 : 1;
            }
            else if (!stored.AsSpan().SequenceEqual(index.Serialize(profile)))
            {
                stale++;
                index.Upsert(profile);
            }
        }
        var extra = documents.Keys.Where(id => !present.Contains(id)).ToList();
        foreach (var id in extra)
        {
            index.Delete(id);
        }
        if (missing + stale + extra.Count > 0)
        {
            index.Commit(index.Watermark ?? 0);
            index.WaitForChanges();
            logger.LogWarning("Consistency check repaired the {Index} index: {Missing} missing, {Extra} extra, {Stale} stale",
                name, missing, extra.Count, stale);
        }
        return new IndexCheckResult(name, records.Count, documents.Count, missing, extra.Count, stale);
    }

    /// <summary>This node's name in the database's table of index nodes.</summary>
    public string NodeId => nodes.NodeId;

    /// <summary>Records this node's watermarks in the database (when they moved, and as a heartbeat).</summary>
    public Task RecordNodeAsync(CancellationToken cancellationToken = default) =>
        nodes.RecordAsync(new(jobBank.Watermark ?? 0, jobBank.Count), new(talentPool.Watermark ?? 0, talentPool.Count),
            new(courses.Watermark ?? 0, courses.Count), cancellationToken);

    /// <summary>
    /// Deletes outbox rows that every index has applied: this node's, every other live node's (each
    /// keeps its own indexes from the same outbox), and the other readers'.
    /// </summary>
    public async Task<int> PurgeAppliedAsync(CancellationToken cancellationToken = default)
    {
        var jobBankMark = jobBank.Watermark ?? 0;
        var talentPoolMark = talentPool.Watermark ?? 0;
        var courseMark = courses.Watermark ?? 0;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var (otherJobBank, otherTalentPool, otherCourses) = await nodes.SlowestLiveAsync(db, cancellationToken);
        // Down to the slowest node's own watermark row, which stays: it proves that node can replay.
        jobBankMark = Math.Min(jobBankMark, otherJobBank ?? long.MaxValue);
        talentPoolMark = Math.Min(talentPoolMark, otherTalentPool ?? long.MaxValue);
        courseMark = Math.Min(courseMark, otherCourses ?? long.MaxValue);
        // Other readers of the job bank's changes (new-match alerts) keep theirs in the database: none is purged past.
        if (await db.OutboxReaders.MinAsync(r => (long?)r.Watermark, cancellationToken) is { } slowest && slowest + 1 < jobBankMark)
        {
            jobBankMark = slowest + 1;
        }
        // Keep the last applied row of each index: its id proves the watermark is still replayable.
        return await db.IndexChanges
            .Where(c => (c.Index == AppDbContext.JobBankIndex && c.Id < jobBankMark)
                     || (c.Index == AppDbContext.TalentPoolIndex && c.Id < talentPoolMark)
                     || (c.Index == AppDbContext.CourseIndex && c.Id < courseMark))
            .ExecuteDeleteAsync(cancellationToken);
    }

    private delegate Task<IReadOnlyList<TProfile>> LoadProfiles<TProfile>(AppDbContext db, IReadOnlyCollection<string>? ids, CancellationToken ct);

    private async Task<IndexSyncResult> EnsureCurrentAsync<TProfile>(string name, ISearchIndex<TProfile> index,
        LoadProfiles<TProfile> load, CancellationToken ct)
    {
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var rows = db.IndexChanges.Where(c => c.Index == name);
            var oldest = await rows.MinAsync(c => (long?)c.Id, ct);
            var newest = await rows.MaxAsync(c => (long?)c.Id, ct);
            var mark = index.Watermark;
            // Replayable when the rows after the watermark are all still there: the watermark's
            // own row (never purged) or nothing older remains, and the database is not behind the index.
            var replayable = mark is { } m && !index.NeedsRebuild
                && (oldest is null || oldest <= m + 1)
                && (newest is null ? m == 0 : newest >= m);
            if (!replayable)
            {
                logger.LogInformation("Rebuilding the {Index} index (watermark {Watermark}, outbox {Oldest}..{Newest})", name, mark, oldest, newest);
                return await RebuildAsync(name, index, load, ct);
            }
        }
        var applied = await CatchUpAsync(name, index, load, ct);
        return new IndexSyncResult(name, false, applied, index.Watermark ?? 0);
    }

    private async Task<IndexSyncResult> RebuildAsync<TProfile>(string name, ISearchIndex<TProfile> index,
        LoadProfiles<TProfile> load, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // The watermark is read before the records: a change committed while we read is replayed
        // afterwards, and replaying is idempotent.
        var mark = await db.IndexChanges.Where(c => c.Index == name).MaxAsync(c => (long?)c.Id, ct) ?? 0;
        var profiles = await load(db, null, ct);
        index.Rebuild(profiles, mark);
        logger.LogInformation("Rebuilt the {Index} index: {Count} documents, watermark {Watermark}", name, profiles.Count, mark);
        foreach (var (id, reason) in index.Unindexable)
        {
            logger.LogError("The {Index} index refused {Id}, skipped: {Reason}", name, id, reason);
        }
        var applied = await CatchUpAsync(name, index, load, ct);
        return new IndexSyncResult(name, true, profiles.Count + applied, index.Watermark ?? mark);
    }

    private async Task<int> CatchUpAsync<TProfile>(string name, ISearchIndex<TProfile> index,
        LoadProfiles<TProfile> load, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var mark = index.Watermark ?? 0;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var batch = await db.IndexChanges.AsNoTracking()
                .Where(c => c.Index == name && c.Id > mark)
                .OrderBy(c => c.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return total;
            }
            var timing = System.Diagnostics.Stopwatch.StartNew();
            // Only the last change of each record matters; its current state is read once.
            var ids = batch.Select(c => c.EntityId).Distinct(StringComparer.Ordinal).ToList();
            var profiles = await load(db, ids, ct);
            var read = timing.Elapsed;
            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var profile in profiles)
            {
                var id = IdOf(profile);
                index.Upsert(profile);
                present.Add(id);
                if (index.Unindexable.TryGetValue(id, out var reason))
                {
                    logger.LogError("The {Index} index refused {Id}, skipped: {Reason}", name, id, reason);
                }
            }
            foreach (var id in ids.Where(id => !present.Contains(id)))
            {
                index.Delete(id);
            }
            // An erase: the deleted documents leave the segment files too, not only the searches. Done
            // before the watermark moves, so a failure here replays the erase rather than forgetting it.
            var erase = batch.Any(c => c.Operation == IndexOperation.Erase);
            if (erase)
            {
                index.ExpungeDeletes();
            }
            var written = timing.Elapsed;
            index.Commit(batch[^1].Id);
            var committed = timing.Elapsed;
            index.WaitForChanges();
            // Where a catch-up's time goes, for the seconds a change may take to reach every node.
            logger.LogDebug("{Index}: {Count} changes applied: read {ReadMs:0} ms, written {WrittenMs:0} ms, committed {CommittedMs:0} ms, searchable {SearchableMs:0} ms",
                name, batch.Count, read.TotalMilliseconds, (written - read).TotalMilliseconds, (committed - written).TotalMilliseconds,
                (timing.Elapsed - committed).TotalMilliseconds);
            if (erase)
            {
                logger.LogInformation("Expunged deleted documents from the {Index} index after an erase", name);
                // The database too, once both indexes are done (an erase touches both): see CompactIfOwedAsync.
                _compactionOwed = true;
            }
            total += batch.Count;
        }
    }

    private static string IdOf<TProfile>(TProfile profile) => profile switch
    {
        PositionProfile p => p.Id,
        SeekerProfile s => s.Id,
        Training.CourseProfile c => c.Id,
        _ => throw new ArgumentException($"no id for {typeof(TProfile).Name}"),
    };
}
