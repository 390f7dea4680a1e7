using System;
using System.Collections.Generic;
using EclipseOS.Hal;
using EclipseOS.Storage.Partitions;

namespace EclipseOS.Storage
{
    /// <summary>
    /// Every block device of the machine, named and in a fixed order: VirtIO disks (<c>vda</c>,
    /// <c>vdb</c> …), then NVMe namespaces (<c>nvme0n1</c> …), then SATA disks and drives (<c>sda</c>,
    /// <c>sr0</c> …), then ATA disks (<c>hda</c> … <c>hdd</c>) and ATAPI drives (<c>cd0</c> …)
    /// in registration order, then RAM disks (<c>ram0</c> …) — whatever order drivers register
    /// them in — each disk followed by its partitions (<c>vda1</c>, <c>ram0p1</c> …). Disks are
    /// scanned for GPT and MBR tables on registration; a damaged table is logged and the disk
    /// kept without partitions, never an exception out of <see cref="Register"/>. Filesystems
    /// plug in as probes (<see cref="AddProbe"/>).
    /// </summary>
    public sealed class BlockDeviceManager
    {
        private readonly ILog _log;
        private readonly List<RegisteredDisk> _disks = new List<RegisteredDisk>();
        private readonly List<IBlockDevice> _devices = new List<IBlockDevice>();
        private readonly List<IFileSystemProbe> _probes = new List<IFileSystemProbe>();
        private readonly int[] _namedPerClass = new int[7];

        /// <summary>A manager that reports to <paramref name="log"/>.</summary>
        public BlockDeviceManager(ILog log)
        {
            _log = log;
        }

        /// <summary>Whole disks and partitions, in the manager's order (see the class summary).</summary>
        public IReadOnlyList<IBlockDevice> Devices => _devices;

        /// <summary>Whole disks with their partition tables, in the same order.</summary>
        public IReadOnlyList<RegisteredDisk> Disks => _disks;

        /// <summary>
        /// Names <paramref name="device"/> by its class and registration order (setting its
        /// <see cref="IBlockDevice.Name"/>), logs it, scans it for partitions (not ATAPI drives:
        /// optical media carry no partition table in their own block size) and registers each
        /// partition. Returns the name.
        /// </summary>
        public string Register(IBlockDevice device, DeviceClass deviceClass)
        {
            if (device == null) throw new ArgumentNullException(nameof(device));
            if ((int)deviceClass < 0 || (int)deviceClass >= _namedPerClass.Length)
                throw new ArgumentOutOfRangeException(nameof(deviceClass), "unknown device class " + (int)deviceClass);
            // An NVMe name says where the namespace is, which only its driver knows.
            if (deviceClass == DeviceClass.Nvme)
                throw new ArgumentException("NVMe namespaces are named by controller and namespace ID: use RegisterNamespace", nameof(deviceClass));
            CheckNotRegistered(device);
            return Add(device, deviceClass, NextName(deviceClass));
        }

        /// <summary>
        /// Registers namespace <paramref name="namespaceId"/> of NVMe controller <paramref name="controller"/>
        /// as <see cref="DeviceClass.Nvme"/>, named <see cref="NvmeName"/> (<c>nvme0n1</c>), and scans it for
        /// partitions (<c>nvme0n1p1</c> …) as <see cref="Register"/> does. Returns the name.
        /// </summary>
        public string RegisterNamespace(IBlockDevice device, int controller, uint namespaceId)
        {
            if (device == null) throw new ArgumentNullException(nameof(device));
            if (controller < 0) throw new ArgumentOutOfRangeException(nameof(controller), "negative controller index " + controller);
            if (namespaceId == 0) throw new ArgumentOutOfRangeException(nameof(namespaceId), "NVMe namespace IDs start at 1");
            CheckNotRegistered(device);
            string name = NvmeName(controller, namespaceId);
            if (FindDisk(name) != null)
                throw new InvalidOperationException("block device name " + name + " is already taken");
            return Add(device, DeviceClass.Nvme, name);
        }

        /// <summary>The name of namespace <paramref name="namespaceId"/> of NVMe controller <paramref name="controller"/>: <c>nvme0n1</c>, as Linux names them.</summary>
        public static string NvmeName(int controller, uint namespaceId) => "nvme" + controller + "n" + namespaceId;

        private void CheckNotRegistered(IBlockDevice device)
        {
            for (int i = 0; i < _disks.Count; i++)
                if (ReferenceEquals(_disks[i].Device, device))
                    throw new InvalidOperationException("block device " + device.Name + " is already registered");
        }

        private string Add(IBlockDevice device, DeviceClass deviceClass, string name)
        {
            device.Name = name;
            var disk = new RegisteredDisk(device, deviceClass);
            Insert(disk);
            _log.WriteLine(name + ": " + ClassText(deviceClass) + ", " + device.BlockCount + " blocks of " + device.BlockSize + " bytes ("
                + ByteSize.Format(device.BlockCount * (ulong)device.BlockSize) + ")" + (device.IsReadOnly ? ", read-only" : "")
                + (device.Description.Length > 0 ? ", " + device.Description : ""));
            if (deviceClass == DeviceClass.Atapi || deviceClass == DeviceClass.SataAtapi)
                disk.Table = PartitionTable.NoTable("optical drive: not scanned for partitions");
            else
                Scan(disk);
            RebuildDeviceList();
            return name;
        }

        /// <summary>The device or partition called <paramref name="name"/>, or null.</summary>
        public IBlockDevice? Find(string name)
        {
            for (int i = 0; i < _devices.Count; i++)
                if (_devices[i].Name == name) return _devices[i];
            return null;
        }

        /// <summary>The whole disk called <paramref name="name"/>, or null.</summary>
        public RegisteredDisk? FindDisk(string name)
        {
            for (int i = 0; i < _disks.Count; i++)
                if (_disks[i].Device.Name == name) return _disks[i];
            return null;
        }

        /// <summary>Adds a filesystem probe; probes are tried in the order added.</summary>
        public void AddProbe(IFileSystemProbe probe)
        {
            if (probe == null) throw new ArgumentNullException(nameof(probe));
            _probes.Add(probe);
        }

        /// <summary>
        /// Offers every partition, and every whole disk without a partition table, to the probes
        /// in order; the first probe that claims a device wins it. Disks whose table is damaged
        /// are not probed (their contents' layout is unknown). A probe's I/O error is logged and
        /// the next probe tried.
        /// </summary>
        public List<FileSystemMatch> ProbeFileSystems()
        {
            var matches = new List<FileSystemMatch>();
            for (int i = 0; i < _disks.Count; i++)
            {
                RegisteredDisk disk = _disks[i];
                if (disk.ScanError.Length > 0)
                {
                    _log.WriteLine(disk.Device.Name + ": not probed for filesystems: its partition table is unusable");
                    continue;
                }
                if (disk.Table.Scheme == PartitionScheme.None)
                    ProbeOne(disk.Device, matches);
                for (int p = 0; p < disk.Partitions.Count; p++)
                    ProbeOne(disk.Partitions[p], matches);
            }
            return matches;
        }

        private void ProbeOne(IBlockDevice device, List<FileSystemMatch> matches)
        {
            for (int i = 0; i < _probes.Count; i++)
            {
                IFileSystemProbe probe = _probes[i];
                try
                {
                    if (!probe.Probe(device)) continue;
                }
                catch (BlockDeviceException e)
                {
                    _log.WriteLine(device.Name + ": " + probe.FileSystemName + " probe failed: " + e.Message);
                    continue;
                }
                _log.WriteLine(device.Name + ": " + probe.FileSystemName + " filesystem");
                matches.Add(new FileSystemMatch(device, probe));
                return;
            }
        }

        private void Scan(RegisteredDisk disk)
        {
            IBlockDevice device = disk.Device;
            PartitionTable table;
            try
            {
                table = PartitionTableReader.Read(device);
            }
            catch (BlockDeviceException e)
            {
                // A damaged table (PartitionTableException) or an I/O error while reading it.
                disk.ScanError = e.Message;
                _log.WriteLine(device.Name + ": partition table unusable, no partitions registered: " + e.Message);
                return;
            }
            disk.Table = table;
            for (int i = 0; i < table.Warnings.Count; i++)
                _log.WriteLine(device.Name + ": " + table.Warnings[i]);
            if (table.Scheme == PartitionScheme.None)
                return;
            int devices = 0;
            for (int i = 0; i < table.Partitions.Count; i++)
                if (!table.Partitions[i].IsExtended) devices++;
            _log.WriteLine(device.Name + ": " + (table.Scheme == PartitionScheme.Gpt ? "GPT" : "MBR") + ", " + devices + " partition(s)"
                + (table.DiskGuid.Length > 0 ? ", disk GUID " + table.DiskGuid : ""));
            for (int i = 0; i < table.Partitions.Count; i++)
            {
                PartitionInfo info = table.Partitions[i];
                if (info.IsExtended)
                {
                    _log.WriteLine(device.Name + ": extended partition " + info.Number + " at LBAs " + info.FirstLba + "-" + info.LastLba + " holds the logical partitions");
                    continue;
                }
                var partition = new PartitionBlockDevice(device, info);
                partition.Name = PartitionName(device.Name, info.Number);
                disk.Partitions.Add(partition);
                string typeName = PartitionTypeNames.Describe(info);
                _log.WriteLine(partition.Name + ": LBAs " + info.FirstLba + "-" + info.LastLba + " ("
                    + ByteSize.Format(info.BlockCount * (ulong)device.BlockSize) + "), type " + info.TypeText
                    + (typeName.Length > 0 ? " (" + typeName + ")" : "") + (info.Name.Length > 0 ? ", \"" + info.Name + "\"" : ""));
            }
        }

        private string NextName(DeviceClass deviceClass)
        {
            int index = _namedPerClass[(int)deviceClass]++;
            switch (deviceClass)
            {
                case DeviceClass.VirtIO: return "vd" + Letters(index);
                case DeviceClass.Ata: return "hd" + Letters(index);
                case DeviceClass.Atapi: return "cd" + index;
                case DeviceClass.Sata: return "sd" + Letters(index);
                case DeviceClass.SataAtapi: return "sr" + index;
                default: return "ram" + index;
            }
        }

        /// <summary>Partition <paramref name="number"/> of <paramref name="disk"/>: <c>vda1</c>, but <c>ram0p1</c> and <c>nvme0n1p1</c> when the disk name ends in a digit (as Linux does).</summary>
        public static string PartitionName(string disk, int number)
        {
            char last = disk.Length > 0 ? disk[disk.Length - 1] : 'x';
            return disk + (last >= '0' && last <= '9' ? "p" : "") + number;
        }

        /// <summary>0 → a, 25 → z, 26 → aa (Linux's disk letters).</summary>
        private static string Letters(int index)
        {
            string text = "";
            int n = index + 1;
            while (n > 0)
            {
                n--;
                text = (char)('a' + n % 26) + text;
                n /= 26;
            }
            return text;
        }

        // The boot order: VirtIO, NVMe, AHCI, ATA, RAM disks; disks and drives of one kind share a group, in registration order.
        private static int Group(DeviceClass deviceClass)
        {
            switch (deviceClass)
            {
                case DeviceClass.VirtIO: return 0;
                case DeviceClass.Nvme: return 1;
                case DeviceClass.Sata:
                case DeviceClass.SataAtapi: return 2;
                case DeviceClass.RamDisk: return 4;
                default: return 3; // ATA and ATAPI
            }
        }

        private static string ClassText(DeviceClass deviceClass)
        {
            switch (deviceClass)
            {
                case DeviceClass.VirtIO: return "virtio disk";
                case DeviceClass.Ata: return "ATA disk";
                case DeviceClass.Atapi: return "ATAPI drive";
                case DeviceClass.Sata: return "SATA disk";
                case DeviceClass.SataAtapi: return "SATAPI drive";
                case DeviceClass.Nvme: return "NVMe namespace";
                default: return "RAM disk";
            }
        }

        private void Insert(RegisteredDisk disk)
        {
            int group = Group(disk.DeviceClass);
            int at = _disks.Count;
            while (at > 0 && Group(_disks[at - 1].DeviceClass) > group)
                at--;
            _disks.Insert(at, disk);
        }

        private void RebuildDeviceList()
        {
            _devices.Clear();
            for (int i = 0; i < _disks.Count; i++)
            {
                _devices.Add(_disks[i].Device);
                for (int p = 0; p < _disks[i].Partitions.Count; p++)
                    _devices.Add(_disks[i].Partitions[p]);
            }
        }
    }
}
