namespace Employment.Core.Domain;

/// <summary>The four categories of a registered poor household (低保, 低保边缘, 支出型贫困, 特困).</summary>
public enum HouseholdCategory { Dibao, DibaoEdge, Expenditure, Extreme }

public enum LaborCapacity { Full, Partial, None }

/// <summary>Lowest to highest: the order is the contract's, and comparisons rely on it.</summary>
public enum Education { None, Primary, Junior, Senior, Vocational, College, Bachelor }

/// <summary>The categories of the disability certificate (残疾人证).</summary>
public enum DisabilityType { Visual, Hearing, Speech, Physical, Intellectual, Mental, Multiple }

public enum PovertyCause { Illness, Disability, Education, LackSkills, LackLabor, Elderly, Disaster, Unemployment }
