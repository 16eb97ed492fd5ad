using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Employment.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StateInItsOwnColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EscalatedUtc",
                table: "FollowUps",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RejectionReason",
                table: "Employers",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            // The state was read back from the audit log until now: carry it over, so an escalated
            // follow-up is not escalated again and a rejected employer still reads why.
            migrationBuilder.Sql(
                """
                UPDATE FollowUps SET EscalatedUtc = (
                    SELECT MIN(a.AtUtc) FROM AuditLog a
                    WHERE a.Action = 'followup.escalated' AND a.EntityType = 'FollowUp' AND a.EntityId = CAST(FollowUps.Id AS TEXT));
                UPDATE Employers SET RejectionReason = (
                    SELECT a.Detail FROM AuditLog a
                    WHERE a.Action = 'employer-rejected' AND a.EntityType = 'employer' AND a.EntityId = Employers.Id
                    ORDER BY a.Id DESC LIMIT 1)
                WHERE Status = 'Rejected';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EscalatedUtc",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "RejectionReason",
                table: "Employers");
        }
    }
}
