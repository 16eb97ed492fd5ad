using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Employment.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditDetailCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DetailArgs",
                table: "AuditLog",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DetailCode",
                table: "AuditLog",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DetailArgs",
                table: "AuditLog");

            migrationBuilder.DropColumn(
                name: "DetailCode",
                table: "AuditLog");
        }
    }
}
