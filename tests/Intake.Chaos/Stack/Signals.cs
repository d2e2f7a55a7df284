using System.Diagnostics;
using System.Globalization;

namespace Intake.Chaos.Stack;

public static class Signals
{
    /// <summary>SIGTERM to one process we started (.NET itself only sends SIGKILL).</summary>
    public static void Terminate(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill")
        {
            UseShellExecute = false,
            ArgumentList = { "-TERM", pid.ToString(CultureInfo.InvariantCulture) },
        });
        kill?.WaitForExit();
    }
}
