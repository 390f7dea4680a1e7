namespace EclipseOS.Storage
{
    /// <summary>The bounds checks every <see cref="IBlockDevice"/> does before it touches hardware.</summary>
    public static class BlockRange
    {
        /// <summary>
        /// Throws a <see cref="BlockDeviceException"/> unless <paramref name="blockCount"/> blocks
        /// from <paramref name="lba"/> lie on <paramref name="device"/> and fit in the buffer.
        /// </summary>
        public static void Check(IBlockDevice device, ulong lba, int blockCount, byte[] buffer, int offset)
        {
            if (blockCount < 0)
                throw new BlockDeviceException(device.Name, lba, "negative block count " + blockCount);
            if (lba > device.BlockCount || (ulong)blockCount > device.BlockCount - lba)
                throw new BlockDeviceException(device.Name, lba, blockCount + " block(s) from here run past the end of the device (" + device.BlockCount + " blocks)");
            if (buffer == null)
                throw new BlockDeviceException(device.Name, lba, "no buffer");
            ulong bytes = (ulong)blockCount * (ulong)device.BlockSize;
            if (offset < 0 || offset > buffer.Length || bytes > (ulong)(buffer.Length - offset))
                throw new BlockDeviceException(device.Name, lba, "buffer of " + buffer.Length + " bytes at offset " + offset + " cannot hold " + bytes + " bytes");
        }

        /// <summary>Like <see cref="Check"/>, and also refuses a write to a read-only device.</summary>
        public static void CheckWrite(IBlockDevice device, ulong lba, int blockCount, byte[] buffer, int offset)
        {
            if (device.IsReadOnly)
                throw new BlockDeviceException(device.Name, lba, "device is read-only");
            Check(device, lba, blockCount, buffer, offset);
        }
    }
}
