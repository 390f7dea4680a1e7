namespace EclipseOS.Kernel.Core.Simulated
{
    /// <summary>The contents of the simulated disk: a tiny root tree that says what it is.</summary>
    public static class SimulatedRootImage
    {
        /// <summary>Block size of the RAM disk that holds the image.</summary>
        public const int BlockSize = 512;

        /// <summary>Builds the image with every timestamp set to <paramref name="unixSeconds"/>.</summary>
        public static byte[] Build(ulong unixSeconds)
        {
            var image = new EclipseFsImageBuilder();
            image.AddFile(image.Root, "README",
                "This is Eclipse OS's simulated disk: a RAM disk with a small EclipseFS image built\n"
                + "by the kernel, because no block device held an EclipseFS root filesystem.\n"
                + "Attach a disk (eclipse boot --disk IMG, or a virtio/IDE disk in QEMU) to boot from it.\n");
            uint etc = image.AddDirectory(image.Root, "etc");
            image.AddFile(etc, "hostname", "eclipse\n");
            image.AddFile(etc, "motd", "Welcome to Eclipse OS (simulated disk).\n");
            image.AddSymlink(image.Root, "motd", "etc/motd");
            return image.Build(unixSeconds, BlockSize);
        }
    }
}
