using Employment.Core.Positions;

namespace Employment.Core.Review;

/// <summary>What a posting leaves out that the reviewer should ask about before it goes live.</summary>
public enum PostingGap
{
    /// <summary>No required or preferred skill: matching has only the title to go on.</summary>
    NoSkills,
    /// <summary>No end date: the posting stays listed until someone remembers to close it.</summary>
    NoEndDate,
}

public static class PostingGaps
{
    public static IReadOnlyList<PostingGap> Of(Position position)
    {
        var gaps = new List<PostingGap>();
        if (position.RequiredSkills.Count == 0 && position.PreferredSkills.Count == 0)
        {
            gaps.Add(PostingGap.NoSkills);
        }
        if (position.ValidUntil is null)
        {
            gaps.Add(PostingGap.NoEndDate);
        }
        return gaps;
    }
}
