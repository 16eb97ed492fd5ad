using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Employment.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SeveralNodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CacheEntries",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Value = table.Column<byte[]>(type: "BLOB", maxLength: 65536, nullable: false),
                    ExpiresUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SlidingSeconds = table.Column<long>(type: "INTEGER", nullable: false),
                    AbsoluteUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CacheEntries", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SearchNodes",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    IndexRoot = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    JobBankWatermark = table.Column<long>(type: "INTEGER", nullable: false),
                    TalentPoolWatermark = table.Column<long>(type: "INTEGER", nullable: false),
                    JobBankDocuments = table.Column<int>(type: "INTEGER", nullable: false),
                    TalentPoolDocuments = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSeenUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchNodes", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CacheEntries");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "SearchNodes");
        }
    }
}
