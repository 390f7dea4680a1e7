using System.Collections.Generic;
using EclipseOS.Storage.Partitions;

namespace EclipseOS.Storage
{
    /// <summary>A whole disk the manager knows: its class, what its partition table said, and the partition devices made from it.</summary>
    public sealed class RegisteredDisk
    {
        internal RegisteredDisk(IBlockDevice device, DeviceClass deviceClass)
        {
            Device = device;
            DeviceClass = deviceClass;
            Partitions = new List<PartitionBlockDevice>();
            Table = PartitionTable.NoTable("not scanned");
            ScanError = "";
        }

        /// <summary>The disk.</summary>
        public IBlockDevice Device { get; }

        /// <summary>Its hardware class.</summary>
        public DeviceClass DeviceClass { get; }

        /// <summary>The partition table read (scheme <see cref="PartitionScheme.None"/> when none or when the scan failed).</summary>
        public PartitionTable Table { get; internal set; }

        /// <summary>Why the partition scan failed ("" when it did not): a damaged table or an I/O error.</summary>
        public string ScanError { get; internal set; }

        /// <summary>Partition devices, in partition number order (extended containers are not devices).</summary>
        public List<PartitionBlockDevice> Partitions { get; }
    }
}
