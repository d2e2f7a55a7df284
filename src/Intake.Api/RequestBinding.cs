using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Intake.Api.Problems;
using Intake.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Intake.Api;

internal static class RequestBinding
{
    /// <summary>Binds a parsed JSON body to a request record; a type mismatch is a 400 problem.</summary>
    public static bool TryBind<T>(JsonElement body, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out ProblemHttpResult? problem)
        where T : class
    {
        try
        {
            value = body.Deserialize<T>(IntakeJson.Options);
        }
        catch (JsonException exception)
        {
            value = null;
            problem = ApiProblems.InvalidJson($"The body does not match the expected shape: {exception.Message}");
            return false;
        }

        if (value is null)
        {
            problem = ApiProblems.InvalidJson("The body must be a JSON object.");
            return false;
        }

        problem = null;
        return true;
    }
}
