using System.Collections.Generic;
using System.Text.Json;

namespace EclipseOS.Platform.Qtest.Qmp
{
    /// <summary>
    /// One drive's counters from QMP <c>query-blockstats</c>: what the device model really asked
    /// of the block layer — proof that a driver's flush reached the disk, or that a read failed.
    /// </summary>
    public sealed record QemuBlockStats(string Device, string Qdev, long ReadOperations, long WriteOperations, long FlushOperations, long FailedReadOperations, long FailedWriteOperations, long FailedFlushOperations)
    {
        /// <summary>Runs <c>query-blockstats</c> on <paramref name="qmp"/>: one entry per drive that a device uses.</summary>
        public static List<QemuBlockStats> Query(QmpClient qmp)
        {
            var result = new List<QemuBlockStats>();
            using JsonDocument answer = qmp.Execute("query-blockstats");
            foreach (JsonElement drive in answer.RootElement.GetProperty("return").EnumerateArray())
            {
                JsonElement stats = drive.GetProperty("stats");
                result.Add(new QemuBlockStats(
                    drive.TryGetProperty("device", out JsonElement device) ? device.GetString() ?? "" : "",
                    drive.TryGetProperty("qdev", out JsonElement qdev) ? qdev.GetString() ?? "" : "",
                    stats.GetProperty("rd_operations").GetInt64(),
                    stats.GetProperty("wr_operations").GetInt64(),
                    stats.GetProperty("flush_operations").GetInt64(),
                    stats.GetProperty("failed_rd_operations").GetInt64(),
                    stats.GetProperty("failed_wr_operations").GetInt64(),
                    stats.GetProperty("failed_flush_operations").GetInt64()));
            }
            return result;
        }
    }
}
