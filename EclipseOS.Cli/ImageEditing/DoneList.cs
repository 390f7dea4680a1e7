using System.Collections.Generic;

namespace EclipseOS.Cli.ImageEditing
{
    /// <summary>
    /// What a verb with several targets finished before one failed, so its error can say so:
    /// each item is complete (the operations that made it are atomic), everything after it was
    /// not started or was undone.
    /// </summary>
    public sealed class DoneList
    {
        private const int Shown = 10;
        private readonly string _verbPast;
        private readonly List<string> _items = new List<string>();

        /// <summary>A list described as "<paramref name="verbPast"/> before the failure: …" (e.g. "copied").</summary>
        public DoneList(string verbPast)
        {
            _verbPast = verbPast;
        }

        /// <summary>How many items are done.</summary>
        public int Count => _items.Count;

        /// <summary>Records a finished item.</summary>
        public void Add(string item) => _items.Add(item);

        /// <summary>"(copied before the failure: a, b and 3 more)", or null when nothing was done.</summary>
        public string? Describe()
        {
            if (_items.Count == 0)
                return null;
            int shown = _items.Count <= Shown ? _items.Count : Shown;
            string text = string.Join(", ", _items.GetRange(0, shown));
            if (_items.Count > shown)
                text += " and " + (_items.Count - shown) + " more";
            return "(" + _verbPast + " before the failure: " + text + ")";
        }
    }
}
