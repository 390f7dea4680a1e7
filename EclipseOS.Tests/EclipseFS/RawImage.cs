using System;
using System.Collections.Generic;
using System.IO.Hashing;
using System.Text;

namespace EclipseOS.Tests.EclipseFS
{
    /// <summary>
    /// Builds EclipseFS images byte by byte straight from the format document (§1–§3), without
    /// the project's writer or format classes, so reader tests do not trust our own code.
    /// </summary>
    internal sealed class RawImage
    {
        public readonly List<RawRecord> Records = new List<RawRecord>();
        /// <summary>false: only the first 33 header bytes, like the original writer.</summary>
        public bool FullHeader;
        public ulong CreationTime;
        public ulong TableOffset = 4096;
        /// <summary>false: the image ends right after the last record, as the original writer's files do (rarely a multiple of 512 bytes).</summary>
        public bool Padded = true;

        public RawRecord Add(params (ushort Tag, byte[] Value)[] tlvs)
        {
            var r = new RawRecord { Inode = (uint)Records.Count + 1 };
            r.Tlvs.AddRange(tlvs);
            Records.Add(r);
            return r;
        }

        public byte[] Build()
        {
            var records = new List<byte[]>();
            foreach (RawRecord r in Records)
                records.Add(r.Bytes());
            int n = Records.Count;
            long total = (long)TableOffset + n * 8;
            foreach (byte[] r in records) total += r.Length;
            var img = new byte[Padded ? (total + 4095) / 4096 * 4096 : total];
            Encoding.ASCII.GetBytes("ECLIPSEFS").CopyTo(img, 0);
            Put(img, 9, 0x00020000u, 4);
            Put(img, 13, TableOffset, 8);
            Put(img, 21, (ulong)n * 8, 8);
            Put(img, 29, (uint)n, 4);
            if (FullHeader)
            {
                Put(img, 45, CreationTime, 8);
                var crc = new Crc32();
                crc.Append(img.AsSpan(0, 33));
                crc.Append(img.AsSpan(45, 20));
                Put(img, 33, crc.GetCurrentHashAsUInt32(), 4);
            }
            long rel = 0;
            for (int i = 0; i < n; i++)
            {
                Put(img, (int)TableOffset + i * 8, (uint)(i + 1), 4);
                Put(img, (int)TableOffset + i * 8 + 4, (uint)rel, 4);
                records[i].CopyTo(img, (int)TableOffset + n * 8 + rel);
                rel += records[i].Length;
            }
            return img;
        }

        public static void Put(byte[] b, int o, ulong v, int size)
        {
            for (int i = 0; i < size; i++)
                b[o + i] = (byte)(v >> (8 * i));
        }

        public static (ushort, byte[]) U8(ushort tag, byte v) => (tag, new[] { v });
        public static (ushort, byte[]) U32(ushort tag, uint v) { var b = new byte[4]; Put(b, 0, v, 4); return (tag, b); }
        public static (ushort, byte[]) U64(ushort tag, ulong v) { var b = new byte[8]; Put(b, 0, v, 8); return (tag, b); }

        /// <summary>DIRECTORY_ENTRIES payload: u32 name_length, u32 inode, name.</summary>
        public static (ushort, byte[]) Entries(params (string Name, uint Inode)[] entries)
        {
            var bytes = new List<byte>();
            foreach (var (name, inode) in entries)
            {
                byte[] nb = Encoding.UTF8.GetBytes(name);
                var h = new byte[8];
                Put(h, 0, (uint)nb.Length, 4);
                Put(h, 4, inode, 4);
                bytes.AddRange(h);
                bytes.AddRange(nb);
            }
            return (0x000B, bytes.ToArray());
        }

        /// <summary>The nine fixed tags in the original writer's order (§3).</summary>
        public static List<(ushort, byte[])> Fixed(byte type, uint mode, ulong size, uint nlink, ulong time = 1_700_000_000, uint uid = 1000, uint gid = 100)
        {
            return new List<(ushort, byte[])>
            {
                U8(1, type), U32(2, mode), U32(3, uid), U32(4, gid), U64(5, size),
                U64(6, time), U64(7, time + 1), U64(8, time + 2), U32(9, nlink),
            };
        }

        public RawRecord Dir(params (string, uint)[] entries)
        {
            var tlvs = Fixed(2, 0x41ED, 0, 2);
            if (entries.Length > 0) tlvs.Add(Entries(entries));
            return Add(tlvs.ToArray());
        }

        public RawRecord File(byte[] content)
        {
            var tlvs = Fixed(1, 0x81A4, (ulong)content.Length, 1);
            if (content.Length > 0) tlvs.Add((0x000A, content));
            return Add(tlvs.ToArray());
        }

        public RawRecord Symlink(string target)
        {
            byte[] t = Encoding.UTF8.GetBytes(target);
            var tlvs = Fixed(3, 0xA1FF, (ulong)t.Length, 1);
            tlvs.Add((0x000A, t));
            return Add(tlvs.ToArray());
        }
    }

    internal sealed class RawRecord
    {
        public uint Inode;
        public readonly List<(ushort Tag, byte[] Value)> Tlvs = new List<(ushort, byte[])>();

        public byte[] Bytes()
        {
            int size = 8;
            foreach (var t in Tlvs) size += 6 + t.Value.Length;
            var b = new byte[size];
            RawImage.Put(b, 0, Inode, 4);
            RawImage.Put(b, 4, (uint)size, 4);
            int p = 8;
            foreach (var (tag, value) in Tlvs)
            {
                RawImage.Put(b, p, tag, 2);
                RawImage.Put(b, p + 2, (uint)value.Length, 4);
                value.CopyTo(b, p + 6);
                p += 6 + value.Length;
            }
            return b;
        }
    }
}
