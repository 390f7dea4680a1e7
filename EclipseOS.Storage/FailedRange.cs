namespace EclipseOS.Storage
{
    /// <summary>A driver's read or write of <paramref name="blockCount"/> blocks from <paramref name="lba"/> into or from <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
    public delegate void BlockTransfer(ulong lba, int blockCount, byte[] buffer, int offset);

    /// <summary>
    /// Finds the block a failed transfer of several blocks failed on. Devices report an error for a
    /// whole command — the ATA task file, a virtio status byte and an NVMe completion only say
    /// where the command started — so the range is run again in halves, and the half that fails
    /// again in halves, until one block is left: its error names the block that really fails. The
    /// halves that succeed are done (their data read or written), so everything before the bad
    /// block arrives; when no half fails again the error was passing and the whole transfer is done.
    /// Each step costs one request, so a 4 MiB range of 512-byte blocks takes about 13 failing
    /// requests, not 8192.
    /// </summary>
    public static class FailedRange
    {
        /// <summary>
        /// Runs the range that just failed again, halving it around every failure, and throws the
        /// error of the first block that fails on its own. Does nothing more for one block (its
        /// error already names it), and a timeout is never run again (each would cost another).
        /// </summary>
        public static void Narrow(BlockTransfer transfer, ulong lba, int blockCount, byte[] buffer, int offset, int blockSize, BlockDeviceException failure)
        {
            if (blockCount <= 1 || failure.TimedOut)
                throw failure;
            int half = blockCount / 2;
            Run(transfer, lba, half, buffer, offset, blockSize);
            Run(transfer, lba + (ulong)half, blockCount - half, buffer, offset + half * blockSize, blockSize);
        }

        private static void Run(BlockTransfer transfer, ulong lba, int blockCount, byte[] buffer, int offset, int blockSize)
        {
            try
            {
                transfer(lba, blockCount, buffer, offset);
            }
            catch (BlockDeviceException e)
            {
                Narrow(transfer, lba, blockCount, buffer, offset, blockSize, e);
            }
        }
    }
}
