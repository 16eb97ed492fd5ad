using Employment.Core.Matching;
using Employment.Core.Domain;

namespace Employment.Demo;

/// <summary>
/// A made-up city district, the same for the same seed: households of seekers and positions over
/// about 40 × 40 km around Chengdu, drawn from the taxonomy with the skews the program reports
/// describe (mostly dibao households, cleaning, security and catering work, one person in ten
/// disabled, about 8% remote work). For the benchmark and the property tests; never real people.
/// </summary>
public sealed class SyntheticRegion
{
    public static readonly GeoPoint Center = new(30.66, 104.07);
    private const double HalfSideKm = 20;

    private static readonly string[] PublicWelfareSkills = ["clean.street", "green.maintain", "prop.parking", "comm.traffic", "comm.assist", "comm.grid", "sec.patrol"];
    private static readonly string[] RemoteSkills = ["cs.online", "cs.phone", "office.data", "office.typing", "retail.ecom", "media.video", "media.design", "craft.hand"];
    private static readonly string[] Employers = ["锦江区城市管理局", "春熙路商圈物业", "蓉城家政服务公司", "天府餐饮集团", "顺达物流", "华西养老中心", "蜀绣工坊", "Chengdu Logistics Ltd", "Panda Cloud Service", "社区服务中心"];
    private static readonly Dictionary<string, double> GroupWeight = new(StringComparer.Ordinal)
    {
        ["cleaning"] = 5, ["security"] = 4, ["catering"] = 4, ["retail"] = 3, ["logistics"] = 3, ["domestic"] = 3, ["care"] = 3,
        ["community"] = 2, ["property"] = 2, ["greening"] = 2, ["manufacturing"] = 2, ["certificate"] = 0.5, ["language"] = 0.5,
    };
    private static readonly Dictionary<string, string[]> GroupDemands = new(StringComparer.Ordinal)
    {
        ["cleaning"] = ["standing_long", "walking_long"], ["security"] = ["night_shift", "standing_long", "hearing"],
        ["catering"] = ["standing_long", "fine_motor"], ["logistics"] = ["lifting_heavy", "walking_long", "driving"],
        ["driving"] = ["driving", "fine_vision"], ["trades"] = ["climbing", "lifting_heavy", "fine_motor"],
        ["manufacturing"] = ["fine_motor", "fine_vision", "standing_long"], ["office"] = ["computer_use", "reading_writing"],
        ["customer service"] = ["hearing", "speaking", "computer_use"], ["care"] = ["lifting_heavy", "night_shift"],
        ["greening"] = ["outdoor", "walking_long"], ["community"] = ["walking_long", "speaking", "outdoor"],
        ["retail"] = ["standing_long", "speaking"], ["media"] = ["computer_use", "speaking"],
    };

    private SyntheticRegion(IReadOnlyList<SeekerProfile> seekers, IReadOnlyList<PositionProfile> positions)
    {
        Seekers = seekers;
        Positions = positions;
    }

    public IReadOnlyList<SeekerProfile> Seekers { get; }
    public IReadOnlyList<PositionProfile> Positions { get; }
    public RegionLines Lines { get; } = new(1000, 1500);
    public DateOnly AsOf { get; } = new(2026, 11, 24);

    public static SyntheticRegion Generate(int seed, int persons, int positions)
    {
        var generator = new Generator(seed);
        var seekers = new List<SeekerProfile>(persons);
        var household = 0;
        while (seekers.Count < persons)
        {
            generator.Household(++household, Math.Min(persons - seekers.Count, 2), seekers);
        }
        var jobs = new List<PositionProfile>(positions);
        for (var i = 1; i <= positions; i++)
        {
            jobs.Add(generator.Position(i));
        }
        return new SyntheticRegion(seekers, jobs);
    }

    private sealed class Generator
    {
        private readonly Random _random;
        private readonly GeoPoint[] _clusters;
        private readonly (string Code, string Group, double Weight)[] _skills;
        private readonly double _totalWeight;
        private readonly Core.Taxonomy.Taxonomy _taxonomy = Core.Taxonomy.Taxonomy.Embedded;
        private readonly string[] _accommodations;
        private readonly DateOnly _asOf = new(2026, 11, 24);

        public Generator(int seed)
        {
            _random = new Random(seed);
            _clusters = Enumerable.Range(0, 6).Select(_ => Uniform()).ToArray();
            _skills = _taxonomy.Skills.Select(s => (s.Code, s.Group, GroupWeight.GetValueOrDefault(s.Group, 1.0))).ToArray();
            _totalWeight = _skills.Sum(s => s.Weight);
            _accommodations = _taxonomy.Accommodations.Select(a => a.Code).ToArray();
        }

        public void Household(int number, int maxMembers, List<SeekerProfile> into)
        {
            var size = Pick([1, 2, 3, 4, 5], [25, 30, 25, 15, 5]);
            var members = size >= 2 && Chance(0.4) ? Math.Min(2, maxMembers) : 1;
            var category = Pick<HouseholdCategory?>([HouseholdCategory.Dibao, HouseholdCategory.DibaoEdge, HouseholdCategory.Expenditure, HouseholdCategory.Extreme, null], [55, 15, 20, 5, 5]);
            var perHead = category switch
            {
                HouseholdCategory.Dibao => Between(0, 1000),
                HouseholdCategory.DibaoEdge => Between(1000, 1500),
                HouseholdCategory.Expenditure => Between(1500, 2400),
                HouseholdCategory.Extreme => 0,
                _ => Between(800, 3000),
            };
            var home = Place();
            var people = new List<SeekerProfile>();
            for (var m = 1; m <= members; m++)
            {
                people.Add(Person($"S-{number}-{m}", $"H-{number}", home));
            }
            var facts = new HouseholdFacts(category, size, Math.Round(perHead * size), people.All(p => !p.Employed));
            into.AddRange(people.Select(p => p with { Household = facts }));
        }

        private SeekerProfile Person(string id, string household, GeoPoint home)
        {
            var skills = new Dictionary<string, int>(StringComparer.Ordinal);
            var count = Pick([0, 1, 2, 3], [20, 35, 30, 15]);
            for (var i = 0; i < count; i++)
            {
                skills[Skill()] = Pick([1, 2, 3], [50, 35, 15]);
            }
            DisabilityType? disability = Chance(0.10)
                ? Pick([DisabilityType.Physical, DisabilityType.Visual, DisabilityType.Hearing, DisabilityType.Speech, DisabilityType.Intellectual, DisabilityType.Mental, DisabilityType.Multiple], [35, 15, 15, 5, 12, 12, 6])
                : null;
            var limits = new HashSet<string>(StringComparer.Ordinal);
            var needs = new HashSet<string>(StringComparer.Ordinal);
            switch (disability)
            {
                case DisabilityType.Physical:
                    limits.UnionWith(Some(["lifting_heavy", "standing_long", "walking_long", "climbing"], 0.7));
                    if (Chance(0.4)) { needs.Add("step_free_access"); if (Chance(0.5)) { needs.Add("accessible_toilet"); } }
                    break;
                case DisabilityType.Visual:
                    limits.UnionWith(Some(["fine_vision", "color_vision", "driving", "reading_writing"], 0.7));
                    if (Chance(0.4)) { needs.Add("screen_reader"); }
                    break;
                case DisabilityType.Hearing:
                    limits.Add("hearing");
                    if (Chance(0.4)) { needs.Add("sign_language"); }
                    break;
                case DisabilityType.Speech:
                    limits.Add("speaking");
                    break;
                case DisabilityType.Intellectual:
                    limits.UnionWith(Some(["reading_writing", "driving", "computer_use"], 0.6));
                    if (Chance(0.3)) { needs.Add("job_coach"); }
                    break;
                case DisabilityType.Mental:
                    limits.UnionWith(Some(["night_shift", "speaking"], 0.5));
                    if (Chance(0.3)) { needs.Add("quiet_workspace"); }
                    break;
                case DisabilityType.Multiple:
                    limits.UnionWith(Some(["lifting_heavy", "walking_long", "hearing", "driving", "climbing"], 0.6));
                    if (Chance(0.4)) { needs.Add("step_free_access"); }
                    break;
                default:
                    if (Chance(0.05)) { limits.UnionWith(Some(["lifting_heavy", "night_shift", "standing_long"], 0.5)); }
                    break;
            }
            var intention = Chance(0.4) && skills.Count > 0
                ? Pick(["想找{0}的工作", "希望做{0}", "离家近的{0}", "looking for {1} work"], [40, 30, 20, 10]) is var template
                    && _taxonomy.Find(skills.Keys.First()) is { } term
                    ? string.Format(System.Globalization.CultureInfo.InvariantCulture, template, term.NameZh, term.NameEn)
                    : null
                : null;
            return new SeekerProfile
            {
                Id = id,
                HouseholdId = household,
                Age = 18 + (int)(47 * Math.Sqrt(_random.NextDouble())),
                LaborCapacity = Pick([LaborCapacity.Full, LaborCapacity.Partial, LaborCapacity.None], [75, 20, 5]),
                Employed = Chance(0.08),
                Education = Pick(Enum.GetValues<Education>(), [8, 20, 30, 18, 12, 7, 5]),
                Skills = skills.Select(s => new SkillLevel(s.Key, s.Value)).ToArray(),
                DisabilityType = disability,
                DisabilityGrade = disability is null ? null : Pick([1, 2, 3, 4], [15, 25, 30, 30]),
                Limits = limits.ToArray(),
                Needs = needs.ToArray(),
                PrefersRemote = Chance(disability is null ? 0.05 : 0.25),
                MaxCommuteKm = Chance(0.1) ? 10 : Math.Round(3 + 12 * (_random.NextDouble() + _random.NextDouble()) / 2, 1),
                MaxHoursPerWeek = Chance(0.15) ? Pick([20.0, 25, 30, 35], [25, 25, 30, 20]) : null,
                DesiredWage = Chance(0.6) ? Math.Round(Between(18, 50)) * 100 : null,
                Location = Chance(0.9) ? home : Jitter(home, 1),
                Intention = intention,
                Household = new HouseholdFacts(null, 1, 0, false),
            };
        }

        public PositionProfile Position(int number)
        {
            var publicWelfare = Chance(0.12);
            var remote = !publicWelfare && Chance(0.08);
            var main = publicWelfare ? PublicWelfareSkills[_random.Next(PublicWelfareSkills.Length)]
                : remote ? RemoteSkills[_random.Next(RemoteSkills.Length)]
                : Skill();
            var term = _taxonomy.Find(main)!;
            var required = new List<string>();
            var preferred = new List<string>();
            var requirement = Pick([0, 1, 2], [25, 55, 20]);
            if (requirement >= 1)
            {
                required.Add(main);
            }
            if (requirement == 2 && term.Related.Count > 0)
            {
                var second = term.Related[_random.Next(term.Related.Count)];
                if (!required.Contains(second))
                {
                    required.Add(second);
                }
            }
            if (term.Group == "catering" && Chance(0.3)) { required.Add("cert.health"); }
            foreach (var related in term.Related)
            {
                if (Chance(0.3) && !required.Contains(related))
                {
                    preferred.Add(related);
                }
            }
            if (requirement == 0 && !preferred.Contains(main)) { preferred.Add(main); }

            var accommodations = new HashSet<string>(StringComparer.Ordinal);
            foreach (var code in _accommodations)
            {
                if (Chance(publicWelfare ? 0.2 : 0.1) && (code != "remote_work" || remote))
                {
                    accommodations.Add(code);
                }
            }
            if (remote) { accommodations.Add("remote_work"); }
            var demands = Some(GroupDemands.GetValueOrDefault(term.Group, []), 0.5).ToArray();
            var english = Chance(0.15);
            var title = english
                ? term.NameEn + Pick([" worker", " assistant", " staff", "er"], [40, 30, 20, 10])
                : term.NameZh + Pick(["员", "工", "岗位", ""], [35, 30, 20, 15]);
            var employer = Employers[_random.Next(Employers.Length)];
            var wage = Math.Round((1800 + Math.Exp(_random.NextDouble() * Math.Log(6000))) / 10) * 10;
            var hours = Pick([40.0, 44, 48, 20, 25, 30], [55, 10, 10, 8, 7, 10]);
            var headcount = Pick([1, 2, 3, 5, 10], [40, 25, 15, 12, 8]);
            return new PositionProfile
            {
                Id = $"P-{number}",
                Title = title,
                Description = english
                    ? $"{employer} is hiring {term.NameEn} staff, {hours} hours a week."
                    : $"{employer}招聘{term.NameZh}人员，每周{hours}小时，月薪{wage}元。",
                EmployerId = $"E-{Array.IndexOf(Employers, employer) + 1}",
                EmployerName = employer,
                PublicWelfare = publicWelfare,
                Headcount = headcount,
                Filled = Chance(0.1) ? headcount : _random.Next(headcount),
                MonthlyWage = wage,
                HoursPerWeek = hours,
                Remote = remote,
                Location = remote ? null : Place(),
                RequiredSkills = required,
                PreferredSkills = preferred,
                Accommodations = accommodations.ToArray(),
                Demands = demands,
                MinAge = Chance(0.2) ? 18 : null,
                MaxAge = Chance(0.35) ? Pick([40, 45, 50, 55, 60], [15, 25, 25, 20, 15]) : null,
                MinEducation = Chance(0.2) ? Pick([Education.Primary, Education.Junior, Education.Senior, Education.College], [20, 45, 25, 10]) : null,
                ValidUntil = Chance(0.85) ? _asOf.AddDays(_random.Next(-20, 180)) : null,
                IsOpen = Chance(0.95),
            };
        }

        private string Skill()
        {
            var x = _random.NextDouble() * _totalWeight;
            foreach (var (code, _, weight) in _skills)
            {
                x -= weight;
                if (x <= 0)
                {
                    return code;
                }
            }
            return _skills[^1].Code;
        }

        private GeoPoint Place()
        {
            if (Chance(0.3))
            {
                return Uniform();
            }
            var center = _clusters[_random.Next(_clusters.Length)];
            return Clamp(Jitter(center, 3));
        }

        private GeoPoint Uniform() => Offset(Center, Between(-HalfSideKm, HalfSideKm), Between(-HalfSideKm, HalfSideKm));

        private GeoPoint Jitter(GeoPoint p, double sigmaKm) => Offset(p, Gaussian() * sigmaKm, Gaussian() * sigmaKm);

        private static GeoPoint Offset(GeoPoint p, double northKm, double eastKm) =>
            new(p.Lat + northKm / 111.2, p.Lon + eastKm / (111.2 * Math.Cos(p.Lat * Math.PI / 180)));

        private static GeoPoint Clamp(GeoPoint p)
        {
            var dLat = HalfSideKm / 111.2;
            var dLon = HalfSideKm / (111.2 * Math.Cos(Center.Lat * Math.PI / 180));
            return new(Math.Clamp(p.Lat, Center.Lat - dLat, Center.Lat + dLat), Math.Clamp(p.Lon, Center.Lon - dLon, Center.Lon + dLon));
        }

        private double Gaussian() =>
            Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

        private double Between(double min, double max) => min + (max - min) * _random.NextDouble();

        private bool Chance(double p) => _random.NextDouble() < p;

        private IEnumerable<string> Some(string[] from, double p) => from.Where(_ => Chance(p)).ToArray();

        private T Pick<T>(T[] values, int[] weights)
        {
            var x = _random.Next(weights.Sum());
            for (var i = 0; i < values.Length; i++)
            {
                x -= weights[i];
                if (x < 0)
                {
                    return values[i];
                }
            }
            return values[^1];
        }
    }
}
