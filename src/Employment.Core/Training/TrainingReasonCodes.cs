namespace Employment.Core.Training;

/// <summary>Reason codes for a course's place in a person's list; their sentences live with every other reason in <see cref="Matching.ReasonText"/>.</summary>
public static class TrainingReasonCodes
{
    public const string Unlocks = "course.unlocks";
    public const string UnlocksNearest = "course.unlocks.nearest";
    public const string UnlocksWelfare = "course.unlocks.welfare";
    public const string UnlocksWelfareNearest = "course.unlocks.welfare.nearest";
    public const string UnlocksNothing = "course.unlocks.none";
    public const string BestPay = "course.best_pay";
    public const string OrderBased = "course.order_based";
    public const string Teaches = "course.teaches";
    public const string Subsidized = "course.subsidized";
    public const string Distance = "course.distance";
    public const string Online = "course.online";
    public const string Starts = "course.starts";
}
