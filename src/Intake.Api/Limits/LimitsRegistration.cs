using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Intake.Api.Limits;

public static class LimitsRegistration
{
    /// <summary>
    /// Body and header limits ("Limits" section). Header limits are Kestrel's: a request past them
    /// is answered 431 by Kestrel itself, before any middleware, so that answer has no problem body.
    /// </summary>
    public static IHostApplicationBuilder AddIntakeLimits(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Limits");
        var limits = section.Get<LimitsOptions>() ?? new LimitsOptions();
        if (limits.JobBodyBytes < 1 || limits.DocumentJsonContentBytes < 1 || limits.DocumentFileBytes < 1
            || limits.MaxRequestBodyBytes < 1 || limits.MaxRequestHeadersTotalSize < 1 || limits.MaxRequestHeaderCount < 1)
        {
            throw new InvalidOperationException("Every Limits:* setting must be positive.");
        }

        builder.Services.Configure<LimitsOptions>(section);
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalSize;
            kestrel.Limits.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
        });
        // A BadHttpRequestException (a body past the server limit, a client that stops sending)
        // is the client's fault: answer its 4xx status, not 500.
        builder.Services.Configure<ExceptionHandlerOptions>(options => options.StatusCodeSelector = exception =>
            exception is Microsoft.AspNetCore.Http.BadHttpRequestException badRequest ? badRequest.StatusCode : StatusCodes.Status500InternalServerError);
        builder.Services.Configure<ProblemDetailsOptions>(options =>
        {
            var previous = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                previous?.Invoke(context);
                FrameworkProblemTypes.Apply(context);
            };
        });
        return builder;
    }
}
