using Employment.Core.Households;
using Employment.Core.Data;
using Employment.Core.Domain;
using Employment.Core.Positions;
using Employment.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace Employment.Core.Interchange;

/// <summary>One district of the database as an interchange dataset; importing the result gives the same state back.</summary>
public sealed class DatasetExporter(AppDbContext db)
{
    /// <param name="districtCode">The district's division code; may be left out while the store holds one district.</param>
    public async Task<Dataset> ExportAsync(string? districtCode = null, CancellationToken cancellationToken = default)
    {
        var book = await DistrictBook.LoadAsync(db, cancellationToken);
        Region? region;
        if (districtCode is null)
        {
            if (book.Regions.Count > 1)
            {
                throw new RefusalException("district", "district", RefusalCodes.DistrictRequired, book.Codes);
            }
            region = book.First;
        }
        else
        {
            region = book.Named(districtCode);
        }
        // The store's only district, or the chosen one; an empty store exports an empty first district.
        var district = region is null ? new DistrictRef(null, true) : book.RefOf(region);
        var employers = await db.Employers.AsNoTracking().Where(DistrictKeys.InDistrict<Employer>(e => e.Id, district))
            .ToListAsync(cancellationToken);
        var positions = await db.Positions.AsNoTracking().Where(DistrictKeys.InDistrict<Position>(p => p.Id, district))
            .ToListAsync(cancellationToken);
        var households = await db.Households.AsNoTracking().Include(h => h.Members)
            .Where(DistrictKeys.InDistrict<Household>(h => h.Id, district)).ToListAsync(cancellationToken);
        static string Local(string key) => DistrictKeys.LocalId(key);
        employers.Sort((a, b) => string.CompareOrdinal(Local(a.Id), Local(b.Id)));
        positions.Sort((a, b) => string.CompareOrdinal(Local(a.Id), Local(b.Id)));
        households.Sort((a, b) => string.CompareOrdinal(Local(a.Id), Local(b.Id)));
        // Only offered courses: an employer's order still in review is not yet the district's.
        var courses = await db.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Open)
            .Where(DistrictKeys.InDistrict<Course>(c => c.Id, district)).ToListAsync(cancellationToken);
        courses.Sort((a, b) => string.CompareOrdinal(Local(a.Id), Local(b.Id)));

        return new Dataset
        {
            Region = new RegionRecord
            {
                Name = region?.Name ?? "",
                DivisionCode = region?.DivisionCode,
                DibaoLine = region?.DibaoLine ?? 0,
                EdgeLine = region?.EdgeLine ?? 0,
                LinesFrom = region?.LinesFrom,
                LineHistory = region?.History.OrderBy(h => h.From)
                    .Select(h => new LineRecord { From = h.From, DibaoLine = h.DibaoLine, EdgeLine = h.EdgeLine }).ToList() ?? [],
            },
            Employers = employers.Select(e => new EmployerRecord { Id = Local(e.Id), Name = e.Name, PublicSector = e.PublicSector }).ToList(),
            Positions = positions.Select(p => new PositionRecord
            {
                Id = Local(p.Id),
                Title = p.Title,
                EmployerId = Local(p.EmployerId),
                Description = p.Description,
                PublicWelfare = p.PublicWelfare,
                Headcount = p.Headcount,
                Filled = p.Filled,
                MonthlyWage = p.MonthlyWage,
                HoursPerWeek = p.HoursPerWeek,
                Remote = p.Remote,
                Location = p.Lat is { } lat && p.Lon is { } lon
                    ? new LocationRecord { Lat = lat, Lon = lon, Address = p.Address, DivisionCode = p.DivisionCode }
                    : null,
                RequiredSkills = p.RequiredSkills.ToList(),
                PreferredSkills = p.PreferredSkills.ToList(),
                Accommodations = p.Accommodations.ToList(),
                Demands = p.Demands.ToList(),
                MinAge = p.MinAge,
                MaxAge = p.MaxAge,
                MinEducation = p.MinEducation?.ToWire(),
                ValidUntil = p.ValidUntil,
                MonthlySubsidy = p.MonthlySubsidy,
                FundingBody = p.FundingBody,
                FundedUntil = p.FundedUntil,
                // Only a position in the job bank is open; drafts and rejected postings are not.
                Status = p.Status is PositionStatus.Open or PositionStatus.Filled or PositionStatus.Expired ? "open" : "closed",
            }).ToList(),
            // An erased person names nobody and is not exported; a household left with nobody is not either.
            Households = households.Where(h => h.Members.Any(m => m.ErasedUtc is null)).Select(h => new HouseholdRecord
            {
                Id = Local(h.Id),
                Category = h.Category?.ToWire(),
                Size = h.Size,
                MonthlyIncome = h.MonthlyIncome,
                Causes = h.Causes.Select(c => c.ToWire()).ToList(),
                Location = new LocationRecord { Lat = h.Lat, Lon = h.Lon, Address = h.Address, DivisionCode = h.DivisionCode },
                Members = h.Members.Where(m => m.ErasedUtc is null).OrderBy(m => Local(m.Id), StringComparer.Ordinal).Select(m => new PersonRecord
                {
                    Id = Local(m.Id),
                    Name = m.Name,
                    IdNumber = m.IdNumber,
                    Age = m.Age,
                    LaborCapacity = m.LaborCapacity.ToWire(),
                    Employed = m.Employed,
                    Education = m.Education.ToWire(),
                    Skills = m.Skills.Select(s => new SkillRecord { Code = s.Code, Level = s.Level }).ToList(),
                    Disability = m.DisabilityType is { } type ? new DisabilityRecord { Type = type.ToWire(), Grade = m.DisabilityGrade ?? 0 } : null,
                    Limits = m.Limits.ToList(),
                    Needs = m.Needs.ToList(),
                    PrefersRemote = m.PrefersRemote,
                    MaxCommuteKm = m.MaxCommuteKm,
                    MaxHoursPerWeek = m.MaxHoursPerWeek,
                    DesiredWage = m.DesiredWage,
                    Location = m.Lat is { } lat && m.Lon is { } lon
                        ? new LocationRecord { Lat = lat, Lon = lon, Address = m.Address, DivisionCode = m.DivisionCode }
                        : null,
                }).ToList(),
            }).ToList(),
            Courses = courses.Select(c => new CourseRecord
            {
                Id = Local(c.Id),
                Title = c.Title,
                Provider = c.Provider,
                Skills = c.Skills.Select(s => new SkillRecord { Code = s.Code, Level = s.Level }).ToList(),
                StartDate = c.StartDate,
                EndDate = c.EndDate,
                HoursPerWeek = c.HoursPerWeek,
                Seats = c.Seats,
                Enrolled = c.Enrolled,
                Remote = c.Remote,
                Location = c.Lat is { } lat && c.Lon is { } lon
                    ? new LocationRecord { Lat = lat, Lon = lon, Address = c.Address, DivisionCode = c.DivisionCode }
                    : null,
                Accommodations = c.Accommodations.ToList(),
                MinAge = c.MinAge,
                MaxAge = c.MaxAge,
                MinEducation = c.MinEducation?.ToWire(),
                Subsidized = c.Subsidized,
                // A promise for a position the export leaves out would dangle.
                ForPositions = c.ForPositions.Where(id => positions.Any(p => p.Id == id)).Select(Local).ToList(),
            }).ToList(),
        };
    }
}
