namespace Migrator.Reports.Model;

/// <summary>The migration plan's phases and the execution journal, as the report shows them.</summary>
public sealed class PlanView
{
    public string PlanId { get; set; } = "";
    public string Status { get; set; } = "";
    public string CreatedAt { get; set; } = "";
    public int TotalSteps { get; set; }
    public int SucceededSteps { get; set; }
    public int FailedSteps { get; set; }
    public double Percent { get; set; }
    /// <summary>Every phase of the plan (the JSON report).</summary>
    public List<PhaseView> Phases { get; set; } = [];
    /// <summary>The phases HTML and Markdown list and chart: all, or at most TopN of a large plan (see PlanMapping).</summary>
    public List<PhaseView> Shown { get; set; } = [];
    public List<CountView> PhasesByStatus { get; set; } = [];
    public JournalSummaryView Journal { get; set; } = new();
}

public sealed class PhaseView
{
    public int Order { get; set; }
    public string Name { get; set; } = "";
    public string Status { get; set; } = "";
    public int TotalSteps { get; set; }
    public int SucceededSteps { get; set; }
    public int FailedSteps { get; set; }
    public int RolledBackSteps { get; set; }
    public int PendingSteps { get; set; }
    public double Percent { get; set; }
    public string StartedAt { get; set; } = "";
    public string CompletedAt { get; set; } = "";
}

public sealed class JournalSummaryView
{
    /// <summary>The cleanup evidence gate's latest verdict per phase and binding (Held or EvidenceCleared, issue 17).</summary>
    public List<JournalRowView> Evidence { get; set; } = [];
    public int Entries { get; set; }
    public string FirstAt { get; set; } = "";
    public string LastAt { get; set; } = "";
    /// <summary>Entries per outcome (Succeeded, Failed, RolledBack...), most first.</summary>
    public List<CountView> ByOutcome { get; set; } = [];
    public List<CountView> ByAction { get; set; } = [];
    public List<JournalRowView> Failures { get; set; } = [];
    public List<JournalRowView> Recent { get; set; } = [];
}

public sealed class JournalRowView
{
    public string At { get; set; } = "";
    public string Phase { get; set; } = "";
    public string Binding { get; set; } = "";
    public string Action { get; set; } = "";
    public string Outcome { get; set; } = "";
    public string Message { get; set; } = "";
}

public sealed class CountView
{
    public string Name { get; set; } = "";
    public int Count { get; set; }
}
