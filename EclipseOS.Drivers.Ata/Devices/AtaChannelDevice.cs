using EclipseOS.Drivers.Ata.Channel;
using EclipseOS.Drivers.Ata.Identify;
using EclipseOS.Storage;

namespace EclipseOS.Drivers.Ata.Devices
{
    /// <summary>
    /// What a disk (<see cref="AtaDevice"/>) and a CD/DVD drive (<see cref="AtapiDevice"/>) have
    /// in common: the channel and position they sit at, the reset signature and the IDENTIFY
    /// data. Kept in one place so both describe themselves and their position the same way.
    /// </summary>
    /// <remarks>
    /// The base class itself implements <see cref="IBlockDevice"/>: IL2CPU maps an interface
    /// method only to a member of a class that declares the interface, so a shared member
    /// (<see cref="Description"/>) inherited from a base that does not was "not found" at run
    /// time and the kernel hung (docs/kernel.md, "What IL2CPU/Cosmos does differently").
    /// </remarks>
    public abstract class AtaChannelDevice : IBlockDevice, ICompletionStatistics
    {
        /// <summary>Records where the device is and what it identified as.</summary>
        protected AtaChannelDevice(AtaChannel channel, bool slave, DeviceKind kind, IdentifyData identify)
        {
            Channel = channel;
            IsSlave = slave;
            Kind = kind;
            Identify = identify;
        }

        /// <inheritdoc />
        public string Name { get; set; } = "";

        /// <inheritdoc />
        public abstract int BlockSize { get; }

        /// <inheritdoc />
        public abstract ulong BlockCount { get; }

        /// <inheritdoc />
        public abstract bool IsReadOnly { get; }

        /// <inheritdoc />
        public string Completion => Channel.InterruptMode ? "IRQ " + Channel.InterruptLine : "polling";

        /// <inheritdoc />
        /// <remarks>The channel's count: master and slave share one line.</remarks>
        public ulong Interrupts => (ulong)Channel.InterruptCount;

        /// <summary>Model, serial number and firmware revision from the IDENTIFY data.</summary>
        public string Description => Identify.Model + " (serial " + Identify.Serial + ", firmware " + Identify.Firmware + ")";

        /// <summary>The channel the device is on.</summary>
        public AtaChannel Channel { get; }

        /// <summary>Whether this is device 1 ("slave") of its channel.</summary>
        public bool IsSlave { get; }

        /// <summary>Position index: 0 primary master, 1 primary slave, 2 secondary master, 3 secondary slave (QEMU's <c>if=ide,index=N</c>).</summary>
        public int PositionIndex => Channel.Index * 2 + (IsSlave ? 1 : 0);

        /// <summary>"primary master", "secondary slave" …</summary>
        public string Position => Channel.PositionName(IsSlave);

        /// <summary>What the reset signature said (ATA, SATA, ATAPI or SATAPI).</summary>
        public DeviceKind Kind { get; }

        /// <summary>The device's IDENTIFY (PACKET) DEVICE data.</summary>
        public IdentifyData Identify { get; }

        /// <inheritdoc />
        public abstract void Read(ulong lba, int blockCount, byte[] buffer, int offset);

        /// <inheritdoc />
        public abstract void Write(ulong lba, int blockCount, byte[] buffer, int offset);

        /// <inheritdoc />
        public abstract void Flush();

        /// <summary>After a timeout or a vanished device the channel is reset so later commands find it idle; returns a note for the message.</summary>
        protected string Recover(AtaCommandException e)
        {
            if (e.Kind != AtaFailureKind.Timeout && e.Kind != AtaFailureKind.Vanished)
                return "";
            string problem = Channel.TryRecover();
            return problem.Length == 0 ? "; channel reset" : "; channel reset failed: " + problem;
        }
    }
}
