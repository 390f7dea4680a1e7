using EclipseOS.Drivers.Nvme.Commands;
using EclipseOS.Storage;

namespace EclipseOS.Drivers.Nvme.Queues
{
    /// <summary>
    /// One command on its way through a queue: what to send, where its data lies in DMA
    /// memory, and — once the controller answered or a reset gave up on it — how it ended.
    /// </summary>
    public sealed class NvmeRequest
    {
        /// <summary>A request for <paramref name="command"/>; <paramref name="description"/> and <paramref name="lba"/> name it in errors.</summary>
        public NvmeRequest(NvmeCommand command, string description, ulong lba)
        {
            Command = command;
            Description = description;
            Lba = lba;
        }

        /// <summary>The command; the queue sets its PRPs on submission.</summary>
        public NvmeCommand Command { get; }

        /// <summary>What errors call the request, e.g. <c>read of 8 blocks</c>.</summary>
        public string Description { get; }

        /// <summary>The first block concerned, or <see cref="BlockDeviceException.NoBlock"/>.</summary>
        public ulong Lba { get; }

        /// <summary>Device address of the data (0 with no data).</summary>
        public ulong DataAddress { get; set; }

        /// <summary>Bytes of data (0: none).</summary>
        public int DataLength { get; set; }

        /// <summary>The caller's buffer as the device sees it, when the data came from one; ended by the owner.</summary>
        public DmaTransfer? Transfer { get; set; }

        /// <summary>Whether the request is over: completed, or given up by a controller reset.</summary>
        public bool Done { get; private set; }

        /// <summary>Whether a controller reset ended the request before it completed.</summary>
        public bool Aborted { get; private set; }

        /// <summary>The completion's status field without the phase bit: type in 10:8, code in 7:0 (0: success).</summary>
        public ushort Status { get; private set; }

        /// <summary>Command-specific dword 0 of the completion.</summary>
        public uint Result { get; private set; }

        /// <summary>Whether the request completed successfully.</summary>
        public bool Succeeded => Done && !Aborted && Status == 0;

        /// <summary>Records the controller's completion.</summary>
        public void Complete(ushort status, uint result)
        {
            Status = status;
            Result = result;
            Done = true;
        }

        /// <summary>Records that a controller reset ended the request: the controller no longer touches its data.</summary>
        public void Abort()
        {
            Aborted = true;
            Done = true;
        }
    }
}
