using System.Collections.Generic;
using EclipseOS.EclipseFS.Integrity;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS.Volumes
{
    /// <summary>
    /// The open EclipseFS volumes, one per block device, shared by everything that mounts that
    /// device: the kernel's mount table and Cosmos's VFS (System.IO) write through the same
    /// <see cref="EclipseFsVolume"/>. Two volumes on one device would each keep their own log
    /// position, free-space map and cached records, and overwrite each other's changes. A
    /// volume is closed when the last holder releases it.
    /// </summary>
    public sealed class EclipseFsVolumes
    {
        private readonly List<IBlockDevice> _devices = new List<IBlockDevice>();
        private readonly List<EclipseFsVolume> _volumes = new List<EclipseFsVolume>();
        private readonly List<int> _holders = new List<int>();
        private readonly ICrc32C _crc = new Crc32C();

        /// <summary>Volumes that take their times from <paramref name="clock"/> (null: times of changes are 0).</summary>
        public EclipseFsVolumes(IUnixClock? clock)
        {
            Clock = clock;
        }

        /// <summary>Where changed nodes' times come from (the RTC in the guest, the host's clock hosted).</summary>
        public IUnixClock? Clock { get; }

        /// <summary>
        /// The volume on <paramref name="device"/>: the one already open, or a new mount —
        /// read-write when <paramref name="writable"/> and the device takes writes, read-only
        /// otherwise. An already open volume keeps the way it was opened (a caller that asked
        /// for read-write may get a read-only one: see <see cref="EclipseFsVolume.IsReadOnly"/>).
        /// Each call is one hold; give it back with <see cref="Release"/>.
        /// </summary>
        public EclipseFsVolume Open(IBlockDevice device, bool writable)
        {
            int at = IndexOf(device);
            if (at >= 0)
            {
                _holders[at] = _holders[at] + 1;
                return _volumes[at];
            }
            var options = new EclipseFsOptions { Writable = writable, Clock = Clock, Crc32C = _crc };
            EclipseFsVolume volume = EclipseFsVolume.Mount(device, options);
            _devices.Add(device);
            _volumes.Add(volume);
            _holders.Add(1);
            return volume;
        }

        /// <summary>Gives back one hold of <paramref name="volume"/>; the last one closes it (a later <see cref="Open"/> mounts afresh).</summary>
        public void Release(EclipseFsVolume volume)
        {
            for (int i = 0; i < _volumes.Count; i++)
            {
                if (_volumes[i] != volume)
                    continue;
                _holders[i] = _holders[i] - 1;
                if (_holders[i] == 0)
                {
                    _devices.RemoveAt(i);
                    _volumes.RemoveAt(i);
                    _holders.RemoveAt(i);
                }
                return;
            }
        }

        private int IndexOf(IBlockDevice device)
        {
            for (int i = 0; i < _devices.Count; i++)
                if (_devices[i] == device)
                    return i;
            return -1;
        }
    }
}
