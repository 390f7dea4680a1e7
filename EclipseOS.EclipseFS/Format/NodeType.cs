namespace EclipseOS.EclipseFS.Format
{
    /// <summary>The NODE_TYPE values of §3.</summary>
    public enum NodeType : byte
    {
        /// <summary>A regular file; its bytes are in CONTENT.</summary>
        File = 1,
        /// <summary>A directory; its children are in DIRECTORY_ENTRIES.</summary>
        Directory = 2,
        /// <summary>A symbolic link; its target is in CONTENT.</summary>
        Symlink = 3,
    }
}
