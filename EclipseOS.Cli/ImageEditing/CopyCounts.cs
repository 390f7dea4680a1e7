namespace EclipseOS.Cli.ImageEditing
{
    /// <summary>What a copy into or out of an image wrote.</summary>
    public sealed class CopyCounts
    {
        /// <summary>Files copied.</summary>
        public int Files { get; set; }
        /// <summary>Directories created.</summary>
        public int Directories { get; set; }
        /// <summary>Symlinks created.</summary>
        public int Symlinks { get; set; }
        /// <summary>Bytes of file content copied.</summary>
        public ulong Bytes { get; set; }

        /// <summary>"3 files, 1 directory, 0 symlinks, 5.0M".</summary>
        public override string ToString() =>
            Files + (Files == 1 ? " file, " : " files, ") + Directories + (Directories == 1 ? " directory, " : " directories, ") +
            Symlinks + (Symlinks == 1 ? " symlink, " : " symlinks, ") + Storage.ByteSize.Format(Bytes);
    }
}
