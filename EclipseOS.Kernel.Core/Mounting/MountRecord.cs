using EclipseOS.EclipseFS.Vfs;

namespace EclipseOS.Kernel.Core.Mounting
{
    /// <summary>One line of the <c>mount</c> table: which device's filesystem is mounted where, rw or ro.</summary>
    public sealed class MountRecord
    {
        /// <summary>Creates a record of <paramref name="mount"/>, the mount-table entry of <paramref name="device"/>'s filesystem.</summary>
        public MountRecord(string device, VfsMount mount)
        {
            Device = device;
            Mount = mount;
        }

        /// <summary>Device name, e.g. <c>vda2</c>.</summary>
        public string Device { get; }

        /// <summary>The mount-table entry (path, filesystem, read-only or not).</summary>
        public VfsMount Mount { get; }

        /// <summary>Mount point, e.g. <c>/</c>.</summary>
        public string Path => Mount.Path;

        /// <summary>The mounted filesystem.</summary>
        public IFileSystem FileSystem => Mount.FileSystem;

        /// <summary>Filesystem type, e.g. <c>eclipsefs</c>.</summary>
        public string FileSystemType => FileSystem.TypeName;

        /// <summary>
        /// <c>rw</c>, <c>ro</c> (asked for), or <c>ro</c> and why when the filesystem refuses
        /// changes itself (<c>ro: the device ram0 is read-only</c>).
        /// </summary>
        public string Options
        {
            get
            {
                string? reason = Mount.ReadOnlyReason;
                if (reason == null)
                    return "rw";
                return Mount.MountedReadOnly ? "ro" : "ro: " + reason;
            }
        }
    }
}
