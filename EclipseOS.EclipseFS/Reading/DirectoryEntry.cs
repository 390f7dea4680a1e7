namespace EclipseOS.EclipseFS
{
    /// <summary>One child of a directory (§3 DIRECTORY_ENTRIES).</summary>
    public sealed class DirectoryEntry
    {
        /// <summary>Creates an entry.</summary>
        public DirectoryEntry(string name, uint inode)
        {
            Name = name;
            Inode = inode;
        }

        /// <summary>The child's name (decoded UTF-8, checked: no '/', NUL, "." or "..").</summary>
        public string Name { get; }

        /// <summary>The child's inode.</summary>
        public uint Inode { get; }
    }
}
