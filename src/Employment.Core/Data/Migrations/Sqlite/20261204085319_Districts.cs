using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Employment.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Districts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "LinesFrom",
                table: "Regions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ExitCandidateEndedUtc",
                table: "Households",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RegionLineHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DibaoLine = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: false),
                    EdgeLine = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegionLineHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RegionLineHistory_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Regions_DivisionCode",
                table: "Regions",
                column: "DivisionCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RegionLineHistory_RegionId_From",
                table: "RegionLineHistory",
                columns: new[] { "RegionId", "From" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RegionLineHistory");

            migrationBuilder.DropIndex(
                name: "IX_Regions_DivisionCode",
                table: "Regions");

            migrationBuilder.DropColumn(
                name: "LinesFrom",
                table: "Regions");

            migrationBuilder.DropColumn(
                name: "ExitCandidateEndedUtc",
                table: "Households");
        }
    }
}
