namespace Migrator.Sandbox;

/// <summary>One problem in an estate file: where it is (file, JSON path, line/column for syntax errors), what is wrong, how to fix it.</summary>
public sealed record EstateError(string File, string Path, string Problem, string Fix, long? Line = null, long? Column = null)
{
    public override string ToString()
    {
        var where = Line is null ? File : $"{File}({Line},{Column})";
        return $"{where}: {Path}: {Problem}. Fix: {Fix}";
    }
}

/// <summary>An estate file failed to load: every problem found, not just the first.</summary>
public sealed class EstateValidationException : Exception
{
    public EstateValidationException(IReadOnlyList<EstateError> errors)
        : base($"the estate file has {errors.Count} problem(s):{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", errors)}")
        => Errors = errors;

    public EstateValidationException() : this([]) { }
    public EstateValidationException(string message) : base(message) => Errors = [];
    public EstateValidationException(string message, Exception inner) : base(message, inner) => Errors = [];

    public IReadOnlyList<EstateError> Errors { get; }
}

/// <summary>The outcome of reading an estate file: the estate, or the problems that prevent it.</summary>
public sealed record EstateLoadResult(Estate? Estate, IReadOnlyList<EstateError> Errors)
{
    public bool Success => Estate is not null && Errors.Count == 0;
}
