using System.Collections;

namespace Migrator.Reports.Model;

/// <summary>
/// A report list of any length that holds only its first rows (<see cref="Head"/>). <see cref="Count"/> is the whole
/// list's, and enumerating it (the JSON and CSV formats, which write every row) reads the whole list again from where it
/// came from, a row at a time, so a report of 200,000 bindings never holds them all. The HTML and Markdown templates
/// see the held rows only (<see cref="Rendering.TemplateRows"/>): they show at most TopN.
/// </summary>
public sealed class RowList<T> : IReadOnlyList<T> where T : class
{
    private readonly IReadOnlyList<T> _head;
    private readonly Func<IEnumerable<T>> _all;

    /// <param name="count">How many rows the whole list has.</param>
    /// <param name="head">Its first rows, in order (all of them when the list is short).</param>
    /// <param name="all">Every row in order, read anew at each call.</param>
    public RowList(int count, IReadOnlyList<T> head, Func<IEnumerable<T>> all)
    {
        if (head.Count > count)
            throw new ArgumentException($"{head.Count} rows held of a list of {count}", nameof(head));
        (Count, _head, _all) = (count, head, all);
    }

    public int Count { get; }

    /// <summary>The rows held: the first ones.</summary>
    public IReadOnlyList<T> Head => _head;

    public T this[int index]
    {
        get
        {
            if (index < _head.Count) return _head[index];
            if (index < Count)
                throw new InvalidOperationException(
                    $"row {index} of {Count} is not held: a report holds the first {_head.Count} rows of a list (templates show at most TopN); enumerate the list to read them all");
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the list has {Count} rows");
        }
    }

    public IEnumerator<T> GetEnumerator() => (_head.Count == Count ? _head : _all()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
