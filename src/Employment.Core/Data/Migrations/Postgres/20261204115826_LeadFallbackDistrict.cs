using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Employment.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeadFallbackDistrict : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FallbackDistrict",
                table: "Leads",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FallbackDistrict",
                table: "CourseLeads",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FallbackDistrict",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "FallbackDistrict",
                table: "CourseLeads");
        }
    }
}
