using Employment.Core.Data;
using Employment.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Training;

/// <summary>The database's courses and job bank as one <see cref="TrainingAdvisor"/>: the web host and the CLI build it the same way.</summary>
public static class TrainingCatalog
{
    public static Task<IReadOnlyList<CourseProfile>> CoursesAsync(AppDbContext db, CancellationToken ct) =>
        ProfileLoader.CoursesAsync(db, null, ct);

    public static async Task<TrainingAdvisor> AdvisorAsync(AppDbContext db, CancellationToken ct)
    {
        var positions = await ProfileLoader.PositionsAsync(db, null, ct);
        return new TrainingAdvisor(positions, await CoursesAsync(db, ct));
    }
}
