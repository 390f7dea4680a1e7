namespace EclipseOS.Cli.Cosmos
{
    /// <summary>What can be built of the Cosmos kernel with the packages found (Cosmos.props' $(CosmosLayer)).</summary>
    public enum CosmosLayer
    {
        /// <summary>No Cosmos packages: the Cosmos layer is skipped.</summary>
        None,

        /// <summary>Reference packages only: the Cosmos layer compiles, no ISO.</summary>
        Reference,

        /// <summary>The user kit with Cosmos.Build: the kernel and its ISO.</summary>
        Full,
    }
}
