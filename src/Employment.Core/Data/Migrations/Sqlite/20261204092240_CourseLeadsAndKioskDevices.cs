using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Employment.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CourseLeadsAndKioskDevices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CourseLeads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CourseId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HandledUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HandledBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CourseLeads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CourseLeads_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CourseLeads_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "KioskDevices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    KeyPrefix = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    IssuedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RevokedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KioskDevices", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CourseLeads_CourseId",
                table: "CourseLeads",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_CourseLeads_New",
                table: "CourseLeads",
                columns: new[] { "PersonId", "CourseId" },
                unique: true,
                filter: "\"Status\" = 'New'");

            migrationBuilder.CreateIndex(
                name: "IX_CourseLeads_Status_CreatedUtc",
                table: "CourseLeads",
                columns: new[] { "Status", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_KioskDevices_KeyHash",
                table: "KioskDevices",
                column: "KeyHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CourseLeads");

            migrationBuilder.DropTable(
                name: "KioskDevices");
        }
    }
}
