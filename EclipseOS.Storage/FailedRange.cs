namespace EclipseOS.Storage
{
    /// <summary>
    /// A driver's plain transfer of whole blocks, as its hardware does it: one failure for the
    /// whole range, no narrowing. <see cref="FailedRange"/> calls it through this interface and
    /// not through a delegate, because in IL2CPU's code an exception thrown by a method called
    /// through a delegate never reaches the caller (docs/kernel.md, EOS010).
    /// </summary>
    public interface IBlockTransfer
    {
        /// <summary>Reads (or, with <paramref name="write"/>, writes) <paramref name="blockCount"/> blocks from <paramref name="lba"/>.</summary>
        void TransferBlocks(bool write, ulong lba, int blockCount, byte[] buffer, int offset);
    }

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
        /// Runs the range that just failed again through <paramref name="device"/>, halving it
        /// around every failure, and throws the error of the first block that fails on its own.
        /// Does nothing more for one block (its error already names it), and a timeout is never run
        /// again (each would cost another).
        /// </summary>
        public static void Narrow(IBlockTransfer device, bool write, ulong lba, int blockCount, byte[] buffer, int offset, int blockSize, BlockDeviceException failure)
        {
            if (blockCount <= 1 || failure.TimedOut)
                throw failure;
            int half = blockCount / 2;
            Transfer(device, write, lba, half, buffer, offset, blockSize);
            Transfer(device, write, lba + (ulong)half, blockCount - half, buffer, offset + half * blockSize, blockSize);
        }

        /// <summary>
        /// Runs the transfer through <paramref name="device"/> and, when it fails, <see cref="Narrow"/>s
        /// it: what a driver's <c>Read</c>/<c>Write</c> calls so its errors name the failing block.
        /// </summary>
        public static void Transfer(IBlockTransfer device, bool write, ulong lba, int blockCount, byte[] buffer, int offset, int blockSize)
        {
            try
            {
                device.TransferBlocks(write, lba, blockCount, buffer, offset);
            }
            catch (BlockDeviceException e)
            {
                Narrow(device, write, lba, blockCount, buffer, offset, blockSize, e);
            }
        }
    }
}
