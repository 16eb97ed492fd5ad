using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Employment.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FairQualityFloor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "MinScore",
                table: "JobFairs",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "JobFairUnplaced",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobFairId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    BestScore = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobFairUnplaced", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JobFairUnplaced_JobFairs_JobFairId",
                        column: x => x.JobFairId,
                        principalTable: "JobFairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JobFairUnplaced_JobFairId",
                table: "JobFairUnplaced",
                column: "JobFairId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JobFairUnplaced");

            migrationBuilder.DropColumn(
                name: "MinScore",
                table: "JobFairs");
        }
    }
}
