using System.Collections;
using Migrator.Reports.Model;

namespace Migrator.Reports.Rendering;

/// <summary>
/// A long report list as a template sees it: <c>size</c> is the whole list's count, and a loop walks the rows held (the
/// first TopN or more), so rendering HTML or Markdown never reads the list again. Read-only.
/// </summary>
internal sealed class TemplateRows : IList
{
    private readonly IList _head;

    private TemplateRows(int count, IList head) => (Count, _head) = (count, head);

    /// <summary>A <see cref="RowList{T}"/>'s held rows with its whole count; any other list as a list templates can size.</summary>
    public static IList Of<T>(IReadOnlyList<T> rows) where T : class => rows switch
    {
        RowList<T> list => new TemplateRows(list.Count, list.Head as IList ?? list.Head.ToList()),
        IList list => list,
        _ => rows.ToList(),
    };

    public int Count { get; }

    public object? this[int index]
    {
        get => index < _head.Count ? _head[index] : throw new InvalidOperationException($"row {index} of {Count} is not held: templates show the first {_head.Count} rows of a list");
        set => throw new NotSupportedException("report rows are read-only");
    }

    public IEnumerator GetEnumerator() => _head.GetEnumerator();

    public bool IsFixedSize => true;
    public bool IsReadOnly => true;
    public bool IsSynchronized => false;
    public object SyncRoot => this;
    public int Add(object? value) => throw new NotSupportedException("report rows are read-only");
    public void Clear() => throw new NotSupportedException("report rows are read-only");
    public bool Contains(object? value) => _head.Contains(value);
    public int IndexOf(object? value) => _head.IndexOf(value);
    public void Insert(int index, object? value) => throw new NotSupportedException("report rows are read-only");
    public void Remove(object? value) => throw new NotSupportedException("report rows are read-only");
    public void RemoveAt(int index) => throw new NotSupportedException("report rows are read-only");
    public void CopyTo(Array array, int index) => _head.CopyTo(array, index);
}
