using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Employment.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeadUniqueWhileNew : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Before the index, a store written by several processes may hold the same new lead twice: keep the first.
            migrationBuilder.Sql("DELETE FROM \"Leads\" WHERE \"Status\" = 'New' AND \"Id\" NOT IN "
                + "(SELECT MIN(\"Id\") FROM \"Leads\" WHERE \"Status\" = 'New' GROUP BY \"PersonId\", \"PositionId\");");
            migrationBuilder.CreateIndex(
                name: "IX_Leads_New",
                table: "Leads",
                columns: new[] { "PersonId", "PositionId" },
                unique: true,
                filter: "\"Status\" = 'New'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_New",
                table: "Leads");
        }
    }
}
