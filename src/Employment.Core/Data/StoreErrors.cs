using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Data;

/// <summary>What a failed save means, the same on every provider.</summary>
public static class StoreErrors
{
    /// <summary>
    /// True when the save broke a unique index: a natural key someone else wrote first. SQLite says
    /// SQLITE_CONSTRAINT_UNIQUE (2067) or _PRIMARYKEY (1555); PostgreSQL says SQLSTATE 23505.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException failure) => failure.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 or 1555 } => true,
        DbException { SqlState: "23505" } => true,
        _ => false,
    };
}
