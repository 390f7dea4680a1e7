namespace EclipseOS.Drivers.Nvme.Commands
{
    /// <summary>The admin commands the driver sends (NVMe Base 1.4 §5), as <see cref="NvmeCommand"/>s.</summary>
    public static class AdminCommands
    {
        /// <summary>Delete I/O Submission Queue (§5.6).</summary>
        public const byte DeleteIoSubmissionQueue = 0x00;
        /// <summary>Delete I/O Completion Queue (§5.5).</summary>
        public const byte DeleteIoCompletionQueue = 0x04;
        /// <summary>Create I/O Submission Queue (§5.4).</summary>
        public const byte CreateIoSubmissionQueue = 0x01;
        /// <summary>Create I/O Completion Queue (§5.3).</summary>
        public const byte CreateIoCompletionQueue = 0x05;
        /// <summary>Identify (§5.15).</summary>
        public const byte Identify = 0x06;
        /// <summary>Set Features (§5.21).</summary>
        public const byte SetFeatures = 0x09;

        /// <summary>Identify CNS 00h: the namespace data structure of the NSID.</summary>
        public const uint CnsNamespace = 0x00;
        /// <summary>Identify CNS 01h: the controller data structure.</summary>
        public const uint CnsController = 0x01;
        /// <summary>Identify CNS 02h: up to 1024 active namespace IDs above the NSID, ascending.</summary>
        public const uint CnsActiveNamespaces = 0x02;

        /// <summary>Identify CNS 06h with CSI 00h: the NVM command set's controller data (NVMe 2.0 NVM Command Set §4.1.5.2), with the deallocation limits.</summary>
        public const uint CnsNvmController = 0x06;

        /// <summary>Feature 07h, Number of Queues (§5.21.1.7).</summary>
        public const uint FeatureNumberOfQueues = 0x07;

        /// <summary>Identify with <paramref name="cns"/> for <paramref name="namespaceId"/>; the 4 KiB answer goes to the command's data page. CSI (CDW11 31:24) stays 0, the NVM command set.</summary>
        public static NvmeCommand IdentifyCommand(uint cns, uint namespaceId) =>
            new NvmeCommand { Opcode = Identify, NamespaceId = namespaceId, Dword10 = cns };

        /// <summary>Set Features, Number of Queues: asks for <paramref name="submission"/> and <paramref name="completion"/> I/O queues (counts, not 0-based).</summary>
        public static NvmeCommand RequestQueues(int submission, int completion) =>
            new NvmeCommand { Opcode = SetFeatures, Dword10 = FeatureNumberOfQueues, Dword11 = (uint)(submission - 1) | ((uint)(completion - 1) << 16) };

        /// <summary>
        /// Create I/O Completion Queue <paramref name="queueId"/> of <paramref name="entries"/> entries at
        /// <paramref name="address"/> (physically contiguous), interrupting on vector <paramref name="vector"/>
        /// when <paramref name="interrupts"/> is set.
        /// </summary>
        public static NvmeCommand CreateCompletionQueue(int queueId, int entries, ulong address, bool interrupts, int vector) =>
            new NvmeCommand
            {
                Opcode = CreateIoCompletionQueue,
                Prp1 = address,
                Dword10 = (uint)queueId | ((uint)(entries - 1) << 16),
                Dword11 = 1u /* PC */ | (interrupts ? 2u /* IEN */ : 0u) | ((uint)vector << 16),
            };

        /// <summary>Delete I/O Submission Queue <paramref name="queueId"/>: the controller aborts the commands still in it (§5.6).</summary>
        public static NvmeCommand DeleteSubmissionQueue(int queueId) =>
            new NvmeCommand { Opcode = DeleteIoSubmissionQueue, Dword10 = (uint)queueId };

        /// <summary>Delete I/O Completion Queue <paramref name="queueId"/>, once no submission queue completes on it (§5.5).</summary>
        public static NvmeCommand DeleteCompletionQueue(int queueId) =>
            new NvmeCommand { Opcode = DeleteIoCompletionQueue, Dword10 = (uint)queueId };

        /// <summary>Create I/O Submission Queue <paramref name="queueId"/> of <paramref name="entries"/> entries at <paramref name="address"/>, completing on <paramref name="completionQueueId"/>.</summary>
        public static NvmeCommand CreateSubmissionQueue(int queueId, int entries, ulong address, int completionQueueId) =>
            new NvmeCommand
            {
                Opcode = CreateIoSubmissionQueue,
                Prp1 = address,
                Dword10 = (uint)queueId | ((uint)(entries - 1) << 16),
                Dword11 = 1u /* PC */ | ((uint)completionQueueId << 16),
            };
    }
}
