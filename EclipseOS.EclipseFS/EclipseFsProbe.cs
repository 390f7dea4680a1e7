using EclipseOS.EclipseFS.Format;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS
{
    /// <summary>
    /// The block-device manager's hook for EclipseFS: claims a device or partition whose first
    /// bytes are the <c>ECLIPSEFS</c> magic and version 2.0 (§1). No block number is assumed,
    /// so the original GPT layout (EclipseFS at 513 MiB) and a bare image are found alike.
    /// </summary>
    public sealed class EclipseFsProbe : IFileSystemProbe
    {
        /// <summary>The filesystem's name in probe results and the VFS.</summary>
        public const string Name = "eclipsefs";

        /// <inheritdoc />
        public string FileSystemName => Name;

        /// <inheritdoc />
        public bool Probe(IBlockDevice device)
        {
            int bs = device.BlockSize;
            if (bs <= 0)
                return false;
            int blocks = (EclipseFsLayout.HeaderLength + bs - 1) / bs;
            if (device.BlockCount < (ulong)blocks)
                return false;
            var buffer = new byte[blocks * bs];
            device.Read(0, blocks, buffer, 0);
            return Superblock.HasMagicAndVersion(buffer);
        }
    }
}
