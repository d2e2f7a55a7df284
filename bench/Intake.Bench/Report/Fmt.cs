using System.Globalization;

namespace Intake.Bench.Report;

/// <summary>Number formats of the report.</summary>
public static class Fmt
{
    public static string Rate(double value) => value.ToString(value >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture);

    public static string Ms(double value) => value.ToString(value >= 100 ? "N0" : value >= 10 ? "N1" : "N2", CultureInfo.InvariantCulture);

    public static string SignedMs(double value) => (value >= 0 ? "+" : string.Empty) + Ms(value);

    public static string Ratio(double value) => double.IsFinite(value) ? value.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–";

    public static string Number(double value, string format = "N1") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Met(bool? met) => met switch
    {
        true => "**met**",
        false => "**not met**",
        null => "n/a",
    };
}
