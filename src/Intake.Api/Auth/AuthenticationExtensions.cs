using System.Text;
using Intake.Api.Problems;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.Tokens;

namespace Intake.Api.Auth;

public static class AuthenticationExtensions
{
    /// <summary>Bearer JWTs signed with HS256; the user is the `sub` claim.</summary>
    public static IHostApplicationBuilder AddIntakeAuthentication(this IHostApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();
        if (string.IsNullOrEmpty(auth.SigningKey) || auth.SigningKey.Length < AuthOptions.MinimumSigningKeyLength)
        {
            // Development ships a key in appsettings.Development.json; anywhere else the operator
            // must provide one, and a missing or short key must stop the API rather than weaken it.
            throw new InvalidOperationException(
                $"Auth:SigningKey (env Auth__SigningKey) must be set to at least {AuthOptions.MinimumSigningKeyLength} characters " +
                $"(environment: {builder.Environment.EnvironmentName}).");
        }

        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Issuer,
                    ValidAudience = auth.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.SigningKey)),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = "sub",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        if (string.IsNullOrEmpty(context.Principal?.FindFirst("sub")?.Value))
                        {
                            context.Fail("The token has no sub claim.");
                        }

                        return Task.CompletedTask;
                    },
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        context.Response.Headers.WWWAuthenticate = "Bearer";
                        var problem = ApiProblems.Unauthorized(context.AuthenticateFailure is null
                            ? "A bearer token is required."
                            : "The bearer token is invalid or expired.");
                        await problem.ExecuteAsync(context.HttpContext);
                    },
                };
            });
        builder.Services.AddAuthorization();
        return builder;
    }
}
