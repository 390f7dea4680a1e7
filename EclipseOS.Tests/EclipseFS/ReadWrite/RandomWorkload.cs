using System;
using System.Collections.Generic;
using System.Linq;
using EclipseOS.EclipseFS;
using EclipseOS.EclipseFS.Vfs;

namespace EclipseOS.Tests.EclipseFS.ReadWrite
{
    /// <summary>
    /// Seeded random operation sequences on a read-write volume, with an independent model of
    /// the tree (paths → kind, mode, content) that says what the volume must hold after each
    /// operation, in <see cref="OriginalFormatReader.Tree"/>'s notation. The same seed gives the
    /// same operations, so a failing crash state can be replayed.
    /// </summary>
    internal sealed class RandomWorkload
    {
        private readonly Random _rng;
        private readonly SortedDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, uint> _modes = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _dirs = new(StringComparer.Ordinal) { "" };
        private readonly SortedDictionary<string, string> _links = new(StringComparer.Ordinal);
        private static readonly string[] Names = { "a", "b", "c", "d", "e", "f", "long-name-" + new string('x', 40) };

        public RandomWorkload(int seed, EclipseFsVolume volume)
        {
            _rng = new Random(seed);
            foreach (var kv in ReadWriteVolumes.Tree(volume))
            {
                if (kv.Key.EndsWith('/'))
                {
                    string d = kv.Key.TrimEnd('/');
                    _dirs.Add(d);
                    _modes[d] = Convert.ToUInt32(kv.Value.Split(' ')[1], 8);
                }
                else if (kv.Value.StartsWith("-> "))
                    _links[kv.Key] = kv.Value[3..];
                else
                {
                    uint inode = volume.ResolvePath(kv.Key);
                    _files[kv.Key] = ReadWriteVolumes.ReadAll(volume, inode);
                    _modes[kv.Key] = volume.GetNode(inode).Mode & 0xFFF;
                }
            }
        }

        /// <summary>The model's tree now.</summary>
        public SortedDictionary<string, string> Tree()
        {
            var t = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (string d in _dirs)
                if (d.Length > 0)
                    t[d + "/"] = "dir " + Convert.ToString(_modes[d], 8);
            foreach (var kv in _links)
                t[kv.Key] = "-> " + kv.Value;
            foreach (var kv in _files)
                t[kv.Key] = "file " + Convert.ToString(_modes[kv.Key], 8) + " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(kv.Value))[..16] + " " + kv.Value.Length;
            return t;
        }

        /// <summary>
        /// Runs one random operation: the model first, then the volume — so when the volume call
        /// fails midway (a killed QEMU), <see cref="Tree"/> is the state with the operation done.
        /// Returns what it did.
        /// </summary>
        public string Step(EclipseFsVolume v)
        {
            while (true)
            {
                int kind = _rng.Next(100);
                string? done = kind switch
                {
                    < 18 => CreateFile(v),
                    < 40 => WriteFile(v),
                    < 47 => Truncate(v),
                    < 55 => MakeDirectory(v),
                    < 60 => RemoveDirectory(v),
                    < 70 => Unlink(v),
                    < 85 => Rename(v),
                    < 90 => Symlink(v),
                    < 96 => Chmod(v),
                    _ => Sync(v),
                };
                if (done != null)
                    return done;
            }
        }

        private string? CreateFile(EclipseFsVolume v)
        {
            string? path = NewPath();
            if (path == null) return null;
            uint mode = (uint)_rng.Next(0x200);
            ulong parent = Node(v, Parent(path));
            _files[path] = Array.Empty<byte>();
            _modes[path] = mode;
            v.CreateFile(parent, Leaf(path), mode);
            return "create " + path;
        }

        private string? WriteFile(EclipseFsVolume v)
        {
            string? path = Pick(_files.Keys);
            if (path == null) return null;
            byte[] old = _files[path];
            int choice = _rng.Next(4);
            int length = _rng.Next(10) == 0 ? _rng.Next(1, 70_000) : _rng.Next(1, 3000);
            int position = choice switch
            {
                0 or 1 => old.Length,
                2 => old.Length == 0 ? 0 : _rng.Next(old.Length),
                _ => old.Length + _rng.Next(1, 3000),
            };
            var data = new byte[length];
            _rng.NextBytes(data);
            ulong node = Node(v, path);
            var now = new byte[Math.Max(old.Length, position + length)];
            old.CopyTo(now, 0);
            data.CopyTo(now, position);
            _files[path] = now;
            v.Write(node, (ulong)position, data, 0, length);
            return "write " + path + " @" + position + " +" + length;
        }

        private string? Truncate(EclipseFsVolume v)
        {
            string? path = Pick(_files.Keys);
            if (path == null) return null;
            byte[] old = _files[path];
            int length = _rng.Next(2) == 0 ? _rng.Next(old.Length + 1) : old.Length + _rng.Next(5000);
            ulong node = Node(v, path);
            var now = new byte[length];
            Array.Copy(old, now, Math.Min(length, old.Length));
            _files[path] = now;
            v.Truncate(node, (ulong)length);
            return "truncate " + path + " " + length;
        }

        private string? MakeDirectory(EclipseFsVolume v)
        {
            string? path = NewPath();
            if (path == null || path.Count(c => c == '/') > 4) return null;
            uint mode = (uint)_rng.Next(0x200);
            ulong parent = Node(v, Parent(path));
            _dirs.Add(path);
            _modes[path] = mode;
            v.CreateDirectory(parent, Leaf(path), mode);
            return "mkdir " + path;
        }

        private string? RemoveDirectory(EclipseFsVolume v)
        {
            string? path = Pick(_dirs.Where(d => d.Length > 0 && IsEmpty(d)));
            if (path == null) return null;
            ulong parent = Node(v, Parent(path));
            _dirs.Remove(path);
            _modes.Remove(path);
            v.RemoveDirectory(parent, Leaf(path));
            return "rmdir " + path;
        }

        private string? Unlink(EclipseFsVolume v)
        {
            string? path = Pick(_files.Keys.Concat(_links.Keys));
            if (path == null) return null;
            ulong parent = Node(v, Parent(path));
            _files.Remove(path);
            _links.Remove(path);
            _modes.Remove(path);
            v.Unlink(parent, Leaf(path));
            return "unlink " + path;
        }

        private string? Rename(EclipseFsVolume v)
        {
            string? from = Pick(_files.Keys.Concat(_links.Keys).Concat(_dirs.Where(d => d.Length > 0)));
            if (from == null) return null;
            string toDir = Pick(_dirs)!;
            string to = toDir + "/" + Names[_rng.Next(Names.Length)];
            bool fromIsDir = _dirs.Contains(from);
            if (to == from || (fromIsDir && (toDir == from || toDir.StartsWith(from + "/", StringComparison.Ordinal))))
                return null;
            bool targetIsDir = _dirs.Contains(to);
            bool targetExists = targetIsDir || _files.ContainsKey(to) || _links.ContainsKey(to);
            if (targetExists && (fromIsDir != targetIsDir || (targetIsDir && !IsEmpty(to))))
                return null;
            ulong fromParent = Node(v, Parent(from)), toParent = Node(v, toDir);
            if (targetExists)
            {
                _files.Remove(to); _links.Remove(to); _dirs.Remove(to); _modes.Remove(to);
            }
            if (fromIsDir)
            {
                foreach (string d in _dirs.Where(d => d == from || d.StartsWith(from + "/", StringComparison.Ordinal)).ToList())
                    Move(_dirs, _modes, d, to + d[from.Length..]);
                foreach (string f in _files.Keys.Where(f => f.StartsWith(from + "/", StringComparison.Ordinal)).ToList())
                {
                    _files[to + f[from.Length..]] = _files[f]; _files.Remove(f);
                    _modes[to + f[from.Length..]] = _modes[f]; _modes.Remove(f);
                }
                foreach (string l in _links.Keys.Where(l => l.StartsWith(from + "/", StringComparison.Ordinal)).ToList())
                {
                    _links[to + l[from.Length..]] = _links[l]; _links.Remove(l);
                }
            }
            else if (_files.ContainsKey(from))
            {
                _files[to] = _files[from]; _files.Remove(from);
                _modes[to] = _modes[from]; _modes.Remove(from);
            }
            else
            {
                _links[to] = _links[from]; _links.Remove(from);
            }
            v.Rename(fromParent, Leaf(from), toParent, Leaf(to));
            return "rename " + from + " " + to;
        }

        private static void Move(SortedSet<string> dirs, SortedDictionary<string, uint> modes, string from, string to)
        {
            dirs.Remove(from);
            dirs.Add(to);
            modes[to] = modes[from];
            modes.Remove(from);
        }

        private string? Symlink(EclipseFsVolume v)
        {
            string? path = NewPath();
            if (path == null) return null;
            string target = "../target-" + _rng.Next(1000);
            ulong parent = Node(v, Parent(path));
            _links[path] = target;
            v.CreateSymlink(parent, Leaf(path), target);
            return "symlink " + path;
        }

        private string? Chmod(EclipseFsVolume v)
        {
            string? path = Pick(_files.Keys.Concat(_dirs.Where(d => d.Length > 0)));
            if (path == null) return null;
            uint mode = (uint)_rng.Next(0x200);
            ulong node = Node(v, path);
            _modes[path] = mode;
            v.SetAttributes(node, new VfsAttributeChange { SetMode = true, Mode = mode });
            return "chmod " + path + " " + Convert.ToString(mode, 8);
        }

        private string Sync(EclipseFsVolume v)
        {
            v.Sync();
            return "sync";
        }

        private bool IsEmpty(string dir) =>
            !_dirs.Any(d => d.StartsWith(dir + "/", StringComparison.Ordinal)) && !_files.Keys.Any(f => f.StartsWith(dir + "/", StringComparison.Ordinal))
            && !_links.Keys.Any(l => l.StartsWith(dir + "/", StringComparison.Ordinal));

        private string? NewPath()
        {
            string dir = Pick(_dirs)!;
            string path = dir + "/" + Names[_rng.Next(Names.Length)];
            return _dirs.Contains(path) || _files.ContainsKey(path) || _links.ContainsKey(path) ? null : path;
        }

        private string? Pick(IEnumerable<string> items)
        {
            var list = items.ToList();
            return list.Count == 0 ? null : list[_rng.Next(list.Count)];
        }

        private static ulong Node(EclipseFsVolume v, string path) => path.Length == 0 ? 1 : v.ResolvePath(path);

        private static string Parent(string path) => path[..path.LastIndexOf('/')];

        private static string Leaf(string path) => path[(path.LastIndexOf('/') + 1)..];
    }
}
