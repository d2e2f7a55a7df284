namespace Intake.Bench.Results;

/// <summary>
/// K sequential requests of one kind against an API whose database logs every statement: what
/// each request costs the database (statements, server time, from the PostgreSQL log) and how
/// many round trips it makes (writes on the API's PostgreSQL sockets, counted with strace).
/// The outbox relay runs in the same process; its statements and round trips are counted apart.
/// </summary>
public sealed record ProfileSegment(
    string Name,
    int Requests,
    double ClientMsPerRequest,
    double StatementsPerRequest,
    double ServerMsPerRequest,
    double? RoundTripsPerRequest,
    double? RelayRoundTripsPerRequest,
    IReadOnlyList<StatementStat> Statements,
    IReadOnlyList<string> RoundTripSequence);
