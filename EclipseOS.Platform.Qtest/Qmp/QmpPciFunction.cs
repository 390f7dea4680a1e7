using System.Collections.Generic;
using System.Text.Json;

namespace EclipseOS.Platform.Qtest.Qmp
{
    /// <summary>One PCI function as QEMU itself lists it (QMP <c>query-pci</c>).</summary>
    /// <param name="Bus">Bus number.</param>
    /// <param name="Device">Device (slot) number.</param>
    /// <param name="Function">Function number.</param>
    /// <param name="VendorId">Vendor ID.</param>
    /// <param name="DeviceId">Device ID.</param>
    /// <param name="ClassCode">Class and subclass (e.g. 0x0101 for IDE).</param>
    public sealed record QmpPciFunction(int Bus, int Device, int Function, int VendorId, int DeviceId, int ClassCode)
    {
        /// <summary><c>bb:dd.f vvvv:dddd class cccc</c>, the kernel's <c>[PCI]</c> line without the interrupt line.</summary>
        public override string ToString() =>
            Bus.ToString("x2") + ":" + Device.ToString("x2") + "." + Function + " " + VendorId.ToString("x4") + ":" + DeviceId.ToString("x4") + " class " + ClassCode.ToString("x4");

        /// <summary>Every function QEMU has, behind bridges too, in the order <c>query-pci</c> lists them.</summary>
        public static List<QmpPciFunction> Query(QmpClient qmp)
        {
            var functions = new List<QmpPciFunction>();
            using JsonDocument answer = qmp.Execute("query-pci");
            foreach (JsonElement bus in answer.RootElement.GetProperty("return").EnumerateArray())
                AddBus(bus, functions);
            return functions;
        }

        private static void AddBus(JsonElement bus, List<QmpPciFunction> functions)
        {
            foreach (JsonElement device in bus.GetProperty("devices").EnumerateArray())
            {
                JsonElement id = device.GetProperty("id");
                functions.Add(new QmpPciFunction(device.GetProperty("bus").GetInt32(), device.GetProperty("slot").GetInt32(), device.GetProperty("function").GetInt32(),
                    id.GetProperty("vendor").GetInt32(), id.GetProperty("device").GetInt32(), device.GetProperty("class_info").GetProperty("class").GetInt32()));
                if (device.TryGetProperty("pci_bridge", out JsonElement bridge) && bridge.TryGetProperty("devices", out _))
                    AddBus(bridge, functions);
            }
        }
    }
}
