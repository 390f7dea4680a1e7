using System;
using System.Buffers.Binary;
using EclipseOS.Storage;

namespace EclipseOS.Tests.Storage
{
    /// <summary>
    /// Edits a GPT inside an image's bytes the way a buggy or malicious tool would: change a
    /// field, then reseal the CRCs so the reader has to catch the problem by checking fields,
    /// not by a CRC mismatch.
    /// </summary>
    public static class GptImage
    {
        public const int EntryArrayLbaOffset = 72;
        public const int EntryCountOffset = 80;
        public const int EntrySizeOffset = 84;
        public const int EntryArrayCrcOffset = 88;
        public const int HeaderSizeOffset = 12;
        public const int HeaderCrcOffset = 16;
        public const int EntryStartingLbaOffset = 32;
        public const int EntryEndingLbaOffset = 40;

        public static long PrimaryHeader(int blockSize) => blockSize;

        public static long BackupHeader(byte[] image, int blockSize) => image.Length - blockSize;

        /// <summary>Byte offset of entry <paramref name="index"/> (from 0) of the array the header at <paramref name="header"/> points to.</summary>
        public static long Entry(byte[] image, long header, int blockSize, int index)
        {
            ulong arrayLba = BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan((int)header + EntryArrayLbaOffset));
            uint entrySize = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan((int)header + EntrySizeOffset));
            return (long)arrayLba * blockSize + index * entrySize;
        }

        /// <summary>Sets a u64 field of entry <paramref name="index"/> in both entry arrays and reseals, so only the entry checks can object.</summary>
        public static void SetEntryU64(byte[] image, int blockSize, int index, int field, ulong value)
        {
            foreach (long header in new[] { PrimaryHeader(blockSize), BackupHeader(image, blockSize) })
                SetU64(image, Entry(image, header, blockSize, index) + field, value);
            Reseal(image, blockSize);
        }

        public static void SetU64(byte[] image, long at, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan((int)at), value);

        public static void SetU32(byte[] image, long at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan((int)at), value);

        /// <summary>Recomputes the entry-array CRC and then the header CRC of both headers (a header whose fields are out of range is left as it is).</summary>
        public static void Reseal(byte[] image, int blockSize)
        {
            ResealHeader(image, PrimaryHeader(blockSize), blockSize);
            ResealHeader(image, BackupHeader(image, blockSize), blockSize);
        }

        public static void ResealHeader(byte[] image, long header, int blockSize)
        {
            int h = (int)header;
            ulong arrayLba = BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(h + EntryArrayLbaOffset));
            ulong arrayBytes = (ulong)BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(h + EntryCountOffset)) * BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(h + EntrySizeOffset));
            if (arrayLba * (ulong)blockSize + arrayBytes <= (ulong)image.Length)
                SetU32(image, h + EntryArrayCrcOffset, Crc32.Compute(image, (int)(arrayLba * (ulong)blockSize), (int)arrayBytes));
            uint headerSize = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(h + HeaderSizeOffset));
            if (headerSize > (uint)blockSize) return;
            SetU32(image, h + HeaderCrcOffset, 0);
            SetU32(image, h + HeaderCrcOffset, Crc32.Compute(image, h, (int)headerSize));
        }
    }
}
