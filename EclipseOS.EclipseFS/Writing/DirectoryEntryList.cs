using EclipseOS.EclipseFS.Format;
using EclipseOS.Storage;

namespace EclipseOS.EclipseFS.Writing
{
    /// <summary>
    /// Edits a DIRECTORY_ENTRIES payload (§3: <c>u32 name_length, u32 child_inode, name</c>,
    /// packed). New names go at the end: the format has no order, and appending leaves every
    /// existing entry's bytes where they were.
    /// </summary>
    internal static class DirectoryEntryList
    {
        /// <summary><paramref name="entries"/> (may be null) with <paramref name="name"/> → <paramref name="inode"/> appended.</summary>
        public static byte[] Add(byte[]? entries, byte[] name, uint inode)
        {
            int old = entries != null ? entries.Length : 0;
            var result = new byte[old + EclipseFsLayout.DirectoryEntryHeaderSize + name.Length];
            if (entries != null)
                System.Array.Copy(entries, result, old);
            LittleEndian.Put32(result, old, (uint)name.Length);
            LittleEndian.Put32(result, old + 4, inode);
            System.Array.Copy(name, 0, result, old + EclipseFsLayout.DirectoryEntryHeaderSize, name.Length);
            return result;
        }

        /// <summary><paramref name="entries"/> without the entry called <paramref name="name"/> (unchanged when absent).</summary>
        public static byte[] Remove(byte[] entries, byte[] name)
        {
            int at = Find(entries, name);
            if (at < 0)
                return entries;
            int length = EclipseFsLayout.DirectoryEntryHeaderSize + (int)LittleEndian.U32(entries, at);
            var result = new byte[entries.Length - length];
            System.Array.Copy(entries, 0, result, 0, at);
            System.Array.Copy(entries, at + length, result, at, entries.Length - at - length);
            return result;
        }

        /// <summary>Byte offset of the entry called <paramref name="name"/>, or -1.</summary>
        public static int Find(byte[]? entries, byte[] name)
        {
            if (entries == null)
                return -1;
            int p = 0;
            while (p < entries.Length)
            {
                int length = (int)LittleEndian.U32(entries, p);
                int start = p + EclipseFsLayout.DirectoryEntryHeaderSize;
                if (length == name.Length)
                {
                    int i = 0;
                    while (i < length && entries[start + i] == name[i])
                        i++;
                    if (i == length)
                        return p;
                }
                p = start + length;
            }
            return -1;
        }
    }
}
