using Employment.Core.Training;

namespace Employment.Web.Infrastructure;

public static class TrainingSetup
{
    /// <summary>Training courses: enrolment, completion and drop-out for counselors.</summary>
    public static IHostApplicationBuilder AddTraining(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<TrainingDesk>();
        builder.Services.AddScoped<CourseOrders>();
        builder.Services.AddScoped<ShortageReport>();
        builder.Services.AddScoped<Core.Kiosk.KioskCourses>();
        return builder;
    }
}
