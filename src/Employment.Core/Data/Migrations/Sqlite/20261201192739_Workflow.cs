using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Employment.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Workflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "Placements",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EndedReason",
                table: "Placements",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HouseholdCategory",
                table: "Placements",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HouseholdId",
                table: "Placements",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PublicWelfare",
                table: "Placements",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "HeldUtc",
                table: "JobFairs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PlannedUtc",
                table: "JobFairs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Attended",
                table: "JobFairAssignments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DivisionCode",
                table: "JobFairAssignments",
                type: "TEXT",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ExitCandidateSinceUtc",
                table: "Households",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HelperUserId",
                table: "Households",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HouseholdExits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HouseholdId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    VerifiedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    VerifiedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    IncomePerHead = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: false),
                    DibaoLine = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: false),
                    EdgeLine = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: false),
                    TransitionEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IncentiveEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RevokedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RevokedReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HouseholdExits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HouseholdExits_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JobFairInvitations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobFairId = table.Column<long>(type: "INTEGER", nullable: false),
                    EmployerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OpenPlaces = table.Column<int>(type: "INTEGER", nullable: false),
                    InvitedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attended = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobFairInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JobFairInvitations_JobFairs_JobFairId",
                        column: x => x.JobFairId,
                        principalTable: "JobFairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Leads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PositionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HandledUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HandledBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReferralId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Leads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Leads_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Leads_Positions_PositionId",
                        column: x => x.PositionId,
                        principalTable: "Positions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Placements_StartedOn",
                table: "Placements",
                column: "StartedOn");

            migrationBuilder.CreateIndex(
                name: "IX_Households_ExitStatus",
                table: "Households",
                column: "ExitStatus");

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdExits_HouseholdId",
                table: "HouseholdExits",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdExits_VerifiedOn",
                table: "HouseholdExits",
                column: "VerifiedOn");

            migrationBuilder.CreateIndex(
                name: "IX_JobFairInvitations_JobFairId",
                table: "JobFairInvitations",
                column: "JobFairId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_PersonId",
                table: "Leads",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_PositionId",
                table: "Leads",
                column: "PositionId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Status_CreatedUtc",
                table: "Leads",
                columns: new[] { "Status", "CreatedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HouseholdExits");

            migrationBuilder.DropTable(
                name: "JobFairInvitations");

            migrationBuilder.DropTable(
                name: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Placements_StartedOn",
                table: "Placements");

            migrationBuilder.DropIndex(
                name: "IX_Households_ExitStatus",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "Placements");

            migrationBuilder.DropColumn(
                name: "EndedReason",
                table: "Placements");

            migrationBuilder.DropColumn(
                name: "HouseholdCategory",
                table: "Placements");

            migrationBuilder.DropColumn(
                name: "HouseholdId",
                table: "Placements");

            migrationBuilder.DropColumn(
                name: "PublicWelfare",
                table: "Placements");

            migrationBuilder.DropColumn(
                name: "HeldUtc",
                table: "JobFairs");

            migrationBuilder.DropColumn(
                name: "PlannedUtc",
                table: "JobFairs");

            migrationBuilder.DropColumn(
                name: "Attended",
                table: "JobFairAssignments");

            migrationBuilder.DropColumn(
                name: "DivisionCode",
                table: "JobFairAssignments");

            migrationBuilder.DropColumn(
                name: "ExitCandidateSinceUtc",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "HelperUserId",
                table: "Households");
        }
    }
}
