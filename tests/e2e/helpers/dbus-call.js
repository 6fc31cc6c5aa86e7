/* global ARGV, print, printerr */
// One D-Bus method call with typed arguments, result printed as JSON. Run with the host's gjs:
//   gjs -m dbus-call.js ADDRESS DEST PATH INTERFACE METHOD SIGNATURE ARGS_JSON [TIMEOUT_MS]
// gdbus would do the call too, but its GVariant text output is awkward to parse; here the reply is
// unpacked by GLib and printed as JSON. Exit status 1 and the D-Bus error on stderr when the call fails.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import system from 'system';

const [address, dest, path, iface, method, signature, argsJson, timeout] = ARGV;
try {
    const connection = Gio.DBusConnection.new_for_address_sync(
        address,
        Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION,
        null,
        null,
    );
    const args = signature === '()' ? null : new GLib.Variant(signature, JSON.parse(argsJson));
    const reply = connection.call_sync(
        dest,
        path,
        iface,
        method,
        args,
        null,
        Gio.DBusCallFlags.NONE,
        Number(timeout ?? 25000),
        null,
    );
    print(JSON.stringify(reply.recursiveUnpack()));
} catch (e) {
    printerr(e.message);
    system.exit(1);
}
