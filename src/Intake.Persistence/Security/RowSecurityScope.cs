namespace Intake.Persistence.Security;

/// <summary>Restores the previous database identity when disposed.</summary>
public sealed class RowSecurityScope(Action restore) : IDisposable
{
    private Action? _restore = restore;

    public void Dispose()
    {
        _restore?.Invoke();
        _restore = null;
    }
}
