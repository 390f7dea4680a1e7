using System;
using System.Collections.Generic;
using System.Globalization;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Vfs;

namespace EclipseOS.Benchmarks.EclipseFS
{
    /// <summary>
    /// A history of mixed operations on a volume holding a <see cref="SmallFileTree"/>: creates
    /// of empty files (30 %), appends of <see cref="SmallFileTree.FileBytes"/> bytes to a file
    /// (30 %), renames to a new name in a random directory (20 %) and unlinks (20 %), from a
    /// fixed seed. It keeps a model of the tree (names and sizes) to check the volume against,
    /// and counts what each kind of operation asks of the device.
    /// </summary>
    public sealed class VolumeHistory
    {
        private readonly EclipseFsVolume _volume;
        private readonly CountingBlockDevice _device;
        private readonly SmallFileTree _tree;
        private readonly ulong[] _directories;
        private readonly List<LiveFile> _live = new List<LiveFile>();
        private readonly Random _random;
        private readonly byte[] _content = new byte[SmallFileTree.FileBytes];
        private readonly DeviceCounts[] _costs = new DeviceCounts[4];
        private readonly int[] _counts = new int[4];
        private int _serial;

        private static readonly string[] Kinds = { "create", "append " + SmallFileTree.FileBytes + " B", "rename", "unlink" };

        /// <summary>
        /// A history for <paramref name="volume"/>, mounted on <paramref name="device"/> and holding
        /// <paramref name="tree"/> as <c>mkfs</c> wrote it. The tree's last file
        /// (<see cref="ProbeDirectory"/>/<see cref="ProbeFile"/>) is never touched: mounts stat it.
        /// </summary>
        public VolumeHistory(EclipseFsVolume volume, CountingBlockDevice device, SmallFileTree tree, int seed)
        {
            _volume = volume;
            _device = device;
            _tree = tree;
            _random = new Random(seed);
            _directories = new ulong[tree.Directories];
            for (int d = 0; d < tree.Directories; d++)
            {
                _directories[d] = ((IFileSystem)volume).Lookup(volume.RootNode, SmallFileTree.DirectoryName(d));
                if (_directories[d] == 0)
                    throw new InvalidOperationException("the volume lacks /" + SmallFileTree.DirectoryName(d));
            }
            for (int f = 0; f < tree.Files - 1; f++)
                _live.Add(new LiveFile(tree.DirectoryOf(f), SmallFileTree.FileName(f), SmallFileTree.FileBytes));
            ProbeDirectory = SmallFileTree.DirectoryName(tree.DirectoryOf(tree.Files - 1));
            ProbeFile = SmallFileTree.FileName(tree.Files - 1);
        }

        /// <summary>The directory of the file no operation touches.</summary>
        public string ProbeDirectory { get; }

        /// <summary>The file no operation touches (<see cref="SmallFileTree.FileBytes"/> bytes).</summary>
        public string ProbeFile { get; }

        /// <summary>Operations done so far.</summary>
        public int Done { get; private set; }

        /// <summary>Files in the tree now.</summary>
        public int FileCount => _live.Count + 1;

        /// <summary>What each kind of operation asked of the device so far.</summary>
        public List<OperationCost> Costs()
        {
            var costs = new List<OperationCost>();
            for (int k = 0; k < Kinds.Length; k++)
                if (_counts[k] > 0)
                    costs.Add(new OperationCost(Kinds[k], _counts[k], _costs[k]));
            return costs;
        }

        /// <summary>Runs <paramref name="operations"/> more operations.</summary>
        public void Run(int operations)
        {
            for (int i = 0; i < operations; i++)
            {
                int roll = _random.Next(100);
                int kind = _live.Count == 0 || roll < 30 ? 0 : roll < 60 ? 1 : roll < 80 ? 2 : 3;
                DeviceCounts before = _device.Counts;
                if (kind == 0)
                {
                    int d = _random.Next(_directories.Length);
                    string name = NewName("n");
                    _volume.CreateFile(_directories[d], name, 0x1A4);
                    _live.Add(new LiveFile(d, name, 0));
                }
                else
                {
                    int at = _random.Next(_live.Count);
                    LiveFile file = _live[at];
                    if (kind == 1)
                    {
                        _random.NextBytes(_content);
                        ulong node = ((IFileSystem)_volume).Lookup(_directories[file.Directory], file.Name);
                        _volume.Write(node, file.Size, _content, 0, _content.Length);
                        _live[at] = file with { Size = file.Size + (ulong)_content.Length };
                    }
                    else if (kind == 2)
                    {
                        int d = _random.Next(_directories.Length);
                        string name = NewName("m");
                        _volume.Rename(_directories[file.Directory], file.Name, _directories[d], name);
                        _live[at] = file with { Directory = d, Name = name };
                    }
                    else
                    {
                        _volume.Unlink(_directories[file.Directory], file.Name);
                        _live[at] = _live[_live.Count - 1];
                        _live.RemoveAt(_live.Count - 1);
                    }
                }
                _costs[kind] += _device.Counts - before;
                _counts[kind]++;
                Done++;
            }
        }

        /// <summary>
        /// Checks the tree <paramref name="fs"/> holds against the model: the names in every
        /// directory and the size of every file. Returns the first difference, or null.
        /// </summary>
        public string? Check(IFileSystem fs)
        {
            var expected = new List<Dictionary<string, ulong>>();
            for (int d = 0; d < _directories.Length; d++)
                expected.Add(new Dictionary<string, ulong>(StringComparer.Ordinal));
            foreach (LiveFile file in _live)
                expected[file.Directory].Add(file.Name, file.Size);
            expected[_tree.DirectoryOf(_tree.Files - 1)].Add(ProbeFile, SmallFileTree.FileBytes);
            for (int d = 0; d < _directories.Length; d++)
            {
                string dirName = SmallFileTree.DirectoryName(d);
                ulong dir = fs.Lookup(fs.RootNode, dirName);
                if (dir == 0)
                    return "/" + dirName + " is missing";
                List<VfsDirectoryEntry> entries = fs.ReadDirectory(dir);
                if (entries.Count != expected[d].Count)
                    return "/" + dirName + " lists " + entries.Count + " entries, " + expected[d].Count + " expected";
                foreach (VfsDirectoryEntry entry in entries)
                {
                    if (!expected[d].TryGetValue(entry.Name, out ulong size))
                        return "/" + dirName + "/" + entry.Name + " should not exist";
                    ulong found = fs.Stat(entry.Node).Size;
                    if (found != size)
                        return "/" + dirName + "/" + entry.Name + " holds " + found + " bytes, " + size + " expected";
                }
            }
            return null;
        }

        private string NewName(string prefix) => prefix + (_serial++).ToString(CultureInfo.InvariantCulture);

        private readonly record struct LiveFile(int Directory, string Name, ulong Size);
    }
}
