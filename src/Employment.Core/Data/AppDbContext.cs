using Employment.Core.Domain;
using Employment.Core.Households;
using Employment.Core.Matching;
using Employment.Core.Placement;
using Employment.Core.Positions;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Employment.Core.Data;

/// <summary>
/// The one model of the program, provider-neutral: UTC <see cref="DateTime"/>, enums as text, code
/// lists as delimited text. Each provider has a subclass with its own migrations.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options),
    Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    public const string JobBankIndex = "jobbank";
    public const string TalentPoolIndex = "talentpool";
    public const string CourseIndex = "courses";

    public DbSet<Region> Regions => Set<Region>();
    public DbSet<RegionLineHistory> RegionLineHistory => Set<RegionLineHistory>();
    public DbSet<Division> Divisions => Set<Division>();
    public DbSet<Employer> Employers => Set<Employer>();
    public DbSet<Position> Positions => Set<Position>();
    public DbSet<PositionStatusChange> PositionHistory => Set<PositionStatusChange>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<RecordChange> RecordChanges => Set<RecordChange>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<ReferralStep> ReferralSteps => Set<ReferralStep>();
    public DbSet<SatisfactionAnswer> SatisfactionAnswers => Set<SatisfactionAnswer>();
    public DbSet<SubsidyCap> SubsidyCaps => Set<SubsidyCap>();
    public DbSet<Counseling.MatchAlert> MatchAlerts => Set<Counseling.MatchAlert>();
    public DbSet<Counseling.OutboxReader> OutboxReaders => Set<Counseling.OutboxReader>();
    public DbSet<Counseling.AlertsSeen> AlertsSeen => Set<Counseling.AlertsSeen>();
    public DbSet<Counseling.KioskVisit> KioskVisits => Set<Counseling.KioskVisit>();
    public DbSet<Counseling.SavedSearch> SavedSearches => Set<Counseling.SavedSearch>();
    public DbSet<Placement.Placement> Placements => Set<Placement.Placement>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<JobFair> JobFairs => Set<JobFair>();
    public DbSet<JobFairAssignment> JobFairAssignments => Set<JobFairAssignment>();
    public DbSet<JobFairInvitation> JobFairInvitations => Set<JobFairInvitation>();
    public DbSet<JobFairUnplaced> JobFairUnplaced => Set<JobFairUnplaced>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<HouseholdExit> HouseholdExits => Set<HouseholdExit>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<IndexChange> IndexChanges => Set<IndexChange>();
    public DbSet<Training.Course> Courses => Set<Training.Course>();
    public DbSet<Training.CourseEnrollment> CourseEnrollments => Set<Training.CourseEnrollment>();
    public DbSet<Training.CourseLead> CourseLeads => Set<Training.CourseLead>();
    public DbSet<Kiosk.KioskDevice> KioskDevices => Set<Kiosk.KioskDevice>();

    /// <summary>The web nodes that keep indexes from this database, with their watermarks (see <see cref="Search.SearchNodes"/>).</summary>
    public DbSet<Search.SearchNode> SearchNodes => Set<Search.SearchNode>();

    /// <summary>The shared cache (<see cref="DatabaseCache"/>) every node reads: the kiosk's sessions on PostgreSQL.</summary>
    public DbSet<CacheEntry> CacheEntries => Set<CacheEntry>();

    /// <summary>The Data Protection key ring when several nodes share this database (<c>KeyRing:Store</c> = Database).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    /// <summary>Held while a web node migrates and seeds at start (PostgreSQL: one node at a time; SQLite: one process anyway).</summary>
    internal virtual Task<IAsyncDisposable> StartLockAsync(CancellationToken ct) => Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>What the provider does before the migrations run (PostgreSQL: create the database).</summary>
    internal virtual Task BeforeMigrateAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>What the provider does once the schema is up to date (SQLite: WAL).</summary>
    internal abstract Task AfterMigrateAsync(CancellationToken ct);

    /// <summary>
    /// Opens the connection an erase runs on with the provider's way of not leaving freed values in
    /// the files; false when the provider has none (PostgreSQL: its vacuum reclaims dead rows).
    /// </summary>
    internal virtual Task<bool> BeginEraseAsync(CancellationToken ct) => Task.FromResult(false);

    /// <summary>Undoes <see cref="BeginEraseAsync"/>; called only when it answered true.</summary>
    internal virtual Task EndEraseAsync() => Task.CompletedTask;

    /// <summary>Rewrites the store without free space; false when it could not (or the provider does not).</summary>
    internal virtual Task<bool> CompactAsync(CancellationToken ct) => Task.FromResult(false);

    /// <summary>True after a save that queued index work; the indexer's wake-up reads it.</summary>
    public bool WroteIndexChanges { get; private set; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums as their names: readable in the file, stable if members are reordered.
        configurationBuilder.Properties<HouseholdCategory>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<LaborCapacity>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Education>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DisabilityType>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<PositionStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<EmployerStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<PersonStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ExitStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<LedgerSection>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<ReferralStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<PlacementChannel>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<SurveySource>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<PlacementStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<JobFairStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<UnplacedReason>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<DivisionLevel>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<LeadStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<IndexOperation>().HaveConversion<string>().HaveMaxLength(8);
        configurationBuilder.Properties<Training.CourseStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Training.EnrollmentStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>().Property(u => u.Areas).HasConversion(CodeList.Converter, CodeList.Comparer).HasMaxLength(2000);

        builder.Entity<Employer>(e =>
        {
            e.HasIndex(x => x.Name);
            e.HasMany(x => x.Positions).WithOne(p => p.Employer).HasForeignKey(p => p.EmployerId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Position>(e =>
        {
            e.Property(x => x.RequiredSkills).HasConversion(CodeList.Converter, CodeList.Comparer).HasMaxLength(2000);
            e.Property(x => x.PreferredSkills).HasConversion(CodeList.Converter, CodeList.Comparer).HasMaxLength(2000);
            e.Property(x => x.Accommodations).HasConversion(CodeList.Converter, CodeList.Comparer).HasMaxLength(2000);
            e.Property(x => x.Demands).HasConversion(CodeList.Converter, CodeList.Comparer).HasMaxLength(2000);
            e.Property(x => x.MinEducation).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => x.Status);
            e.HasIndex(x => x.EmployerId);
            e.HasMany(x => x.History).WithOne().HasForeignKey(h => h.PositionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Household>(e =>
        {
            e.Property(x => x.Causes).HasConversion(CauseList.Converter, CauseList.Comparer).HasMaxLength(200);
            e.HasIndex(x => x.DivisionCode);
            e.HasMany(x => x.Members).WithOne(p => p.Household).HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Ledger).WithOne().HasForeignKey(l => l.HouseholdId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Exits).WithOne().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.ExitStatus);
        });

        builder.Entity<Person>(e =>
        {
            e.Property(x => x.Skills).HasConversion(SkillList.Converter, SkillList.Comparer).HasMaxLength(2000);
            e.Property(x => x.Limits).HasConversion(CodeList.Converter, CodeList.Comparer).HasMaxLength(2000);
            e.Property(x => x.Needs).HasConversion(CodeList.Converter, CodeList.Comparer).HasMaxLength(2000);
            e.HasIndex(x => x.CardNumber).IsUnique();
            e.HasIndex(x => x.Status);
        });

        builder.Entity<Division>().HasKey(x => x.Code);

        builder.Entity<RecordChange>(e =>
        {
            e.HasIndex(x => new { x.HouseholdId, x.AtUtc });
            e.HasIndex(x => x.PersonId);
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Region>(e =>
        {
            e.HasIndex(x => x.DivisionCode).IsUnique();
            e.HasMany(x => x.History).WithOne().HasForeignKey(h => h.RegionId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<RegionLineHistory>().HasIndex(x => new { x.RegionId, x.From }).IsUnique();

        builder.Entity<LedgerEntry>().HasIndex(x => new { x.HouseholdId, x.Section });

        builder.Entity<Referral>(e =>
        {
            e.HasIndex(x => x.PersonId);
            e.HasIndex(x => x.PositionId);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Position>().WithMany().HasForeignKey(x => x.PositionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.Status, x.ExpiresOn });
            e.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ReferralStep>().HasIndex(x => new { x.To, x.AtUtc });

        builder.Entity<SatisfactionAnswer>(e =>
        {
            e.HasIndex(x => x.RecordedUtc);
            e.HasIndex(x => x.PlacementId);
            e.HasOne<Placement.Placement>().WithMany().HasForeignKey(x => x.PlacementId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SubsidyCap>().HasIndex(x => new { x.Quarter, x.DivisionCode }).IsUnique();

        builder.Entity<Counseling.SavedSearch>(e =>
        {
            e.HasIndex(x => new { x.PersonId, x.Query }).IsUnique();
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Counseling.KioskVisit>().HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);

        builder.Entity<Counseling.MatchAlert>(e =>
        {
            e.HasIndex(x => new { x.PositionId, x.PersonId }).IsUnique();
            e.HasIndex(x => x.CreatedUtc);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Position>().WithMany().HasForeignKey(x => x.PositionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Placement.Placement>(e =>
        {
            e.HasIndex(x => x.PersonId);
            e.HasIndex(x => x.StartedOn);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Position>().WithMany().HasForeignKey(x => x.PositionId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.FollowUps).WithOne(f => f.Placement).HasForeignKey(f => f.PlacementId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<FollowUp>().HasIndex(x => x.DueOn);

        builder.Entity<JobFair>(e =>
        {
            e.HasIndex(x => x.Quarter).IsUnique();
            e.HasMany(x => x.Assignments).WithOne().HasForeignKey(a => a.JobFairId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Invitations).WithOne().HasForeignKey(a => a.JobFairId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Unplaced).WithOne().HasForeignKey(a => a.JobFairId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Lead>(e =>
        {
            e.HasIndex(x => new { x.Status, x.CreatedUtc });
            e.HasIndex(x => x.PersonId);
            // "Interested" is idempotent while the lead is new: the database keeps that, for every process.
            e.HasIndex(x => new { x.PersonId, x.PositionId }).IsUnique().HasFilter("\"Status\" = 'New'").HasDatabaseName("IX_Leads_New");
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Position>().WithMany().HasForeignKey(x => x.PositionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<HouseholdExit>().HasIndex(x => x.VerifiedOn);

        builder.Entity<Training.Course>(e =>
        {
            e.Property(x => x.Skills).HasConversion(SkillList.Converter, SkillList.Comparer).HasMaxLength(2000);
            e.Property(x => x.Accommodations).HasConversion(CodeList.Converter, CodeList.Comparer).HasMaxLength(2000);
            e.Property(x => x.ForPositions).HasConversion(CodeList.Converter, CodeList.Comparer).HasMaxLength(4000);
            e.Property(x => x.MinEducation).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => x.StartDate);
            e.HasIndex(x => x.Status);
        });

        builder.Entity<Training.CourseEnrollment>(e =>
        {
            e.HasIndex(x => new { x.CourseId, x.PersonId });
            e.HasIndex(x => x.PersonId);
            e.HasIndex(x => x.CompletedOn);
            e.HasOne<Training.Course>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Training.CourseLead>(e =>
        {
            e.HasIndex(x => new { x.Status, x.CreatedUtc });
            // "Interested" is idempotent while the lead is new, as for positions (IX_Leads_New).
            e.HasIndex(x => new { x.PersonId, x.CourseId }).IsUnique().HasFilter("\"Status\" = 'New'").HasDatabaseName("IX_CourseLeads_New");
            e.HasOne<Training.Course>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Kiosk.KioskDevice>(e => e.HasIndex(x => x.KeyHash).IsUnique());

        builder.Entity<AuditEntry>(e =>
        {
            e.HasIndex(x => x.AtUtc);
            e.HasIndex(x => new { x.EntityType, x.EntityId });
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareChanges();
        return HasOutboxRows() ? SaveInOutboxOrder(acceptAllChangesOnSuccess) : base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareChanges();
        return HasOutboxRows()
            ? SaveInOutboxOrderAsync(acceptAllChangesOnSuccess, cancellationToken)
            : base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// The application's clock (the district clock, or a test's fake) when the context came from its
    /// service provider; the system clock for a context built by hand (the CLI's throwaway stores).
    /// </summary>
    private TimeProvider Clock => _clock ??=
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<TimeProvider>()
        ?? TimeProvider.System;

    private TimeProvider? _clock;

    private bool HasOutboxRows() => ChangeTracker.Entries<IndexChange>().Any(e => e.State == EntityState.Added);

    /// <summary>
    /// A save that writes outbox rows. The indexers read the outbox by id past their watermark, so a
    /// row must never become visible after a row with a higher id: a provider whose writers can
    /// commit out of id order (PostgreSQL) serializes these saves; SQLite has one writer anyway.
    /// </summary>
    protected virtual int SaveInOutboxOrder(bool acceptAllChangesOnSuccess) => SaveDirect(acceptAllChangesOnSuccess);

    /// <inheritdoc cref="SaveInOutboxOrder"/>
    protected virtual Task<int> SaveInOutboxOrderAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken) =>
        SaveDirectAsync(acceptAllChangesOnSuccess, cancellationToken);

    /// <summary>EF's own save, after <see cref="PrepareChanges"/> ran.</summary>
    protected int SaveDirect(bool acceptAllChangesOnSuccess) => base.SaveChanges(acceptAllChangesOnSuccess);

    /// <inheritdoc cref="SaveDirect"/>
    protected Task<int> SaveDirectAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken) =>
        base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

    /// <summary>
    /// Regenerates concurrency tokens, stamps UpdatedUtc on rows that really changed, and writes the index outbox rows, so they commit in the same
    /// transaction as the change itself.
    /// </summary>
    private void PrepareChanges()
    {
        ChangeTracker.DetectChanges();
        WroteIndexChanges = false;
        var now = Clock.GetUtcNow().UtcDateTime;
        var jobBank = new HashSet<(string Id, IndexOperation Op)>();
        var talentPool = new HashSet<(string Id, IndexOperation Op)>();
        var courses = new HashSet<(string Id, IndexOperation Op)>();
        var households = new HashSet<string>();
        var employers = new HashSet<string>();

        foreach (var entry in ChangeTracker.Entries().ToList())
        {
            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty("Version") is { } version
                && version.ClrType == typeof(Guid) && !entry.Property("Version").IsModified)
            {
                entry.Property("Version").CurrentValue = Guid.NewGuid();
            }
            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty("UpdatedUtc") is not null
                && !entry.Property("UpdatedUtc").IsModified)
            {
                entry.Property("UpdatedUtc").CurrentValue = now;
            }
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            var op = entry.State == EntityState.Deleted ? IndexOperation.Delete : IndexOperation.Upsert;
            switch (entry.Entity)
            {
                case Position p:
                    jobBank.Add((p.Id, op));
                    break;
                case Person p:
                    talentPool.Add((p.Id, op));
                    break;
                case Training.Course c:
                    // Every write of a course (import, an order approved, a seat taken or freed) is one
                    // row: the catalog's search shows seats and status, so none may leave it stale.
                    courses.Add((c.Id, op));
                    break;
                case Household h when entry.State == EntityState.Modified:
                    households.Add(h.Id);
                    break;
                case Employer e when entry.State == EntityState.Modified:
                    employers.Add(e.Id);
                    break;
                case Referral r:
                    // The talent pool knows when a person was last referred.
                    talentPool.Add((r.PersonId, IndexOperation.Upsert));
                    break;
                case LedgerEntry { Section: LedgerSection.EmploymentIntention } l:
                    // The latest employment intention is each member's free text in the talent pool.
                    households.Add(l.HouseholdId);
                    break;
            }
        }

        // A household's income or category is part of each member's matching profile.
        if (households.Count > 0)
        {
            var members = Persons.Where(p => households.Contains(p.HouseholdId)).Select(p => p.Id).ToList();
            foreach (var id in members)
            {
                talentPool.Add((id, IndexOperation.Upsert));
            }
        }

        // An employer's approval and name are part of whether and how its positions are listed:
        // readers that follow the outbox (the indexer, the kiosk's snapshot) see the change.
        if (employers.Count > 0)
        {
            foreach (var id in Positions.Where(p => employers.Contains(p.EmployerId)).Select(p => p.Id).ToList())
            {
                jobBank.Add((id, IndexOperation.Upsert));
            }
        }

        AddOutbox(JobBankIndex, jobBank, now);
        AddOutbox(TalentPoolIndex, talentPool, now);
        AddOutbox(CourseIndex, courses, now);
    }

    private void AddOutbox(string index, HashSet<(string Id, IndexOperation Op)> changes, DateTime now)
    {
        foreach (var (id, op) in changes)
        {
            // A delete wins over an upsert of the same record in one save.
            if (op == IndexOperation.Upsert && changes.Contains((id, IndexOperation.Delete)))
            {
                continue;
            }
            IndexChanges.Add(new IndexChange { Index = index, EntityId = id, Operation = op, CreatedUtc = now });
            WroteIndexChanges = true;
        }
    }

    private static class CodeList
    {
        public static readonly ValueConverter<List<string>, string> Converter = new(
            v => string.Join(';', v),
            v => v.Length == 0 ? new List<string>() : v.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList());

        public static readonly ValueComparer<List<string>> Comparer = new(
            (a, b) => a!.SequenceEqual(b!),
            v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))),
            v => v.ToList());
    }

    private static class CauseList
    {
        public static readonly ValueConverter<List<PovertyCause>, string> Converter = new(
            v => string.Join(';', v.Select(c => c.ToString())),
            v => v.Length == 0 ? new List<PovertyCause>() : v.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<PovertyCause>).ToList());

        public static readonly ValueComparer<List<PovertyCause>> Comparer = new(
            (a, b) => a!.SequenceEqual(b!),
            v => v.Aggregate(0, (h, c) => HashCode.Combine(h, c)),
            v => v.ToList());
    }

    private static class SkillList
    {
        public static readonly ValueConverter<List<SkillLevel>, string> Converter = new(
            v => string.Join(';', v.Select(s => s.Code + ":" + s.Level.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            v => Parse(v));

        public static readonly ValueComparer<List<SkillLevel>> Comparer = new(
            (a, b) => a!.SequenceEqual(b!),
            v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)),
            v => v.ToList());

        private static List<SkillLevel> Parse(string value)
        {
            var result = new List<SkillLevel>();
            foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = part.LastIndexOf(':');
                result.Add(new SkillLevel(part[..colon], int.Parse(part[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
            }
            return result;
        }
    }
}
