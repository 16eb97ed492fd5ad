using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Employment.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Operations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ExpiresOn",
                table: "Referrals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RespondedUtc",
                table: "Referrals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FundedUntil",
                table: "Positions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FundingBody",
                table: "Positions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "MonthlySubsidy",
                table: "Positions",
                type: "REAL",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "MonthlySubsidy",
                table: "Placements",
                type: "REAL",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Renewals",
                table: "Placements",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TermEndsOn",
                table: "Placements",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AlertsSeen",
                columns: table => new
                {
                    Account = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SeenUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertsSeen", x => x.Account);
                });

            migrationBuilder.CreateTable(
                name: "MatchAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PositionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MatchAlerts_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MatchAlerts_Positions_PositionId",
                        column: x => x.PositionId,
                        principalTable: "Positions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutboxReaders",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Watermark = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxReaders", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "ReferralSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<long>(type: "INTEGER", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReferralSteps_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SatisfactionAnswers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlacementId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FollowUpId = table.Column<long>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Job = table.Column<int>(type: "INTEGER", nullable: false),
                    Pay = table.Column<int>(type: "INTEGER", nullable: false),
                    Service = table.Column<int>(type: "INTEGER", nullable: false),
                    Remark = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RecordedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SatisfactionAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SatisfactionAnswers_Placements_PlacementId",
                        column: x => x.PlacementId,
                        principalTable: "Placements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubsidyCaps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Quarter = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Amount = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: false),
                    SetBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SetUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubsidyCaps", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Status_ExpiresOn",
                table: "Referrals",
                columns: new[] { "Status", "ExpiresOn" });

            migrationBuilder.CreateIndex(
                name: "IX_MatchAlerts_CreatedUtc",
                table: "MatchAlerts",
                column: "CreatedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_MatchAlerts_PersonId",
                table: "MatchAlerts",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_MatchAlerts_PositionId_PersonId",
                table: "MatchAlerts",
                columns: new[] { "PositionId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReferralSteps_ReferralId",
                table: "ReferralSteps",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_ReferralSteps_To_AtUtc",
                table: "ReferralSteps",
                columns: new[] { "To", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionAnswers_PlacementId",
                table: "SatisfactionAnswers",
                column: "PlacementId");

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionAnswers_RecordedUtc",
                table: "SatisfactionAnswers",
                column: "RecordedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_SubsidyCaps_Quarter_DivisionCode",
                table: "SubsidyCaps",
                columns: new[] { "Quarter", "DivisionCode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertsSeen");

            migrationBuilder.DropTable(
                name: "MatchAlerts");

            migrationBuilder.DropTable(
                name: "OutboxReaders");

            migrationBuilder.DropTable(
                name: "ReferralSteps");

            migrationBuilder.DropTable(
                name: "SatisfactionAnswers");

            migrationBuilder.DropTable(
                name: "SubsidyCaps");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_Status_ExpiresOn",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "ExpiresOn",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "RespondedUtc",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "FundedUntil",
                table: "Positions");

            migrationBuilder.DropColumn(
                name: "FundingBody",
                table: "Positions");

            migrationBuilder.DropColumn(
                name: "MonthlySubsidy",
                table: "Positions");

            migrationBuilder.DropColumn(
                name: "MonthlySubsidy",
                table: "Placements");

            migrationBuilder.DropColumn(
                name: "Renewals",
                table: "Placements");

            migrationBuilder.DropColumn(
                name: "TermEndsOn",
                table: "Placements");
        }
    }
}
