package io.tcpemu.console;

import io.tcpemu.config.HostSettings;
import io.tcpemu.tcp.SockAddr;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The socket calls: listen, accept, connect, write, read, shutdown, close, abort, setopt. */
final class SocketCommands {
    private SocketCommands() {}

    @Command(name = "listen", mixinStandardHelpOptions = true,
            description = "Listen on HOST:PORT; connections it accepts are named HOST.conn1, HOST.conn2 ...")
    static final class Listen extends SessionCommand {
        @Parameters(index = "0", paramLabel = "HOST:PORT", completionCandidates = Candidates.HostPorts.class, description = "e.g. b:80") String where;
        @Option(names = "--backlog", converter = WholeNumbers.Positive.class, description = "half-open connections kept (default: the host's backlog setting, 128)") Integer backlog;
        @Option(names = "--reuseaddr", negatable = true,
                description = "SO_REUSEADDR: bind even while the port is held by TIME-WAIT (default: the host's reuse-addr setting, on)") Boolean reuseAddr;

        @Override void run() {
            int colon = where.lastIndexOf(':');
            if (colon <= 0) throw new ConsoleError("'" + where + "' is not HOST:PORT", "e.g. 'listen b:80'");
            String host = session().host(where.substring(0, colon));
            int port = Session.port(where.substring(colon + 1), where);
            HostSettings declared = session().hostSettings(host);   // the scenario's setting unless the line says otherwise
            session().listen(host, port, backlog != null ? backlog : declared.backlog(), reuseAddr != null ? reuseAddr : declared.reuseAddr());
        }
    }

    @Command(name = "unlisten", mixinStandardHelpOptions = true,
            description = "Close the listener on HOST:PORT (a finished workload's, say); connections it accepted go on.")
    static final class Unlisten extends SessionCommand {
        @Parameters(index = "0", paramLabel = "HOST:PORT", completionCandidates = Candidates.HostPorts.class, description = "e.g. b:80") String where;

        @Override void run() {
            int colon = where.lastIndexOf(':');
            if (colon <= 0) throw new ConsoleError("'" + where + "' is not HOST:PORT", "e.g. 'unlisten b:80'");
            String host = session().host(where.substring(0, colon));
            int port = Session.port(where.substring(colon + 1), where);
            boolean listening = session().emulation().table(host).listeners().stream().anyMatch(l -> l.port() == port);
            if (!listening) throw new ConsoleError("nothing listens on " + where, "'show host " + host + "' lists the listeners");
            session().unlisten(host, port);
            out().println(host + ": no longer listening on port " + port);
        }
    }

    @Command(name = "accept", mixinStandardHelpOptions = true,
            description = "Name the next connection a listener accepts: 'accept b:80 as s1' (else it is b.connN).")
    static final class Accept extends SessionCommand {
        @Parameters(index = "0", paramLabel = "HOST:PORT", completionCandidates = Candidates.HostPorts.class, description = "the listener, e.g. b:80") String where;
        @Parameters(index = "1..*", paramLabel = "as NAME", arity = "2", description = "the name it gets") List<String> as = List.of();

        @Override void run() {
            int colon = where.lastIndexOf(':');
            if (colon <= 0) throw new ConsoleError("'" + where + "' is not HOST:PORT", "e.g. 'accept b:80 as s1'");
            if (!as.get(0).equals("as")) {
                throw new ConsoleError("expected 'as NAME' after the listener, got '" + String.join(" ", as) + "'", "e.g. 'accept b:80 as s1'");
            }
            String host = session().host(where.substring(0, colon));
            NamedConnection c = session().accept(host, Session.port(where.substring(colon + 1), where), as.get(1));
            out().println(c.id() + ": the next connection " + where + " accepts");
        }
    }

    @Command(name = "connect", mixinStandardHelpOptions = true,
            description = "Open a connection: 'connect a b:80 [as c1]'; 'connect a:5000 b:80' binds local port 5000 first.")
    static final class Connect extends SessionCommand {
        @Parameters(index = "0", paramLabel = "HOST[:PORT]", completionCandidates = Candidates.Hosts.class,
                description = "the connecting host, with a local port to bind (default: ephemeral)") String from;
        @Parameters(index = "1", paramLabel = "REMOTE:PORT", completionCandidates = Candidates.HostPorts.class, description = "e.g. b:80 or 10.0.0.2:80") String to;
        @Parameters(index = "2..*", paramLabel = "as NAME", arity = "0..2", description = "name the connection (default c1, c2 ...)")
        List<String> as = List.of();

        @Override void run() {
            String host = from;
            int localPort = 0;
            int colon = from.indexOf(':');
            if (colon > 0) {
                host = from.substring(0, colon);
                localPort = Session.port(from.substring(colon + 1), from);
            }
            SockAddr remote = session().address(to);
            String name = null;
            if (!as.isEmpty()) {
                if (!as.get(0).equals("as") || as.size() != 2) {
                    throw new ConsoleError("expected 'as NAME' after the address, got '" + String.join(" ", as) + "'", "e.g. 'connect a b:80 as c1'");
                }
                name = as.get(1);
            }
            session().connect(session().host(host), remote, localPort, name, id -> {
                out().println(id + ": connecting " + from + " -> " + remote);
                out().flush();
            });
        }
    }

    /** Commands that name one connection. */
    @Command
    abstract static class OnConn extends SessionCommand {
        @Parameters(index = "0", paramLabel = "CONN", completionCandidates = Candidates.Conns.class,
                description = "a connection id such as c1 or b.conn1") String id;

        NamedConnection conn() { return session().conn(id); }
    }

    @Command(name = "write", mixinStandardHelpOptions = true, description = "Send bytes: 'write c1 hello' or 'write c1 --bytes 5000'.")
    static final class Write extends OnConn {
        @Parameters(index = "1", arity = "0..1", paramLabel = "TEXT", description = "the text to send (quote it for spaces)") String text;
        @Option(names = "--bytes", paramLabel = "N", converter = WholeNumbers.Positive.class, description = "send N bytes of filler instead of text") Integer bytes;

        @Override void run() {
            byte[] data;
            if (bytes != null) {
                fits(bytes, io.tcpemu.workload.HeapBudget.available(), session().bytesOnTheirWay());
                data = new byte[bytes];
                for (int i = 0; i < data.length; i++) data[i] = (byte) ('a' + i % 26);
            } else if (text != null) {
                data = text.getBytes(StandardCharsets.UTF_8);
            } else {
                throw new ConsoleError("nothing to write", "give TEXT or --bytes N, e.g. 'write " + id + " hello'");
            }
            NamedConnection c = conn();
            io.tcpemu.runtime.Errno refused = session().write(c, data, () -> {
                out().println(c.id() + ": writing " + data.length + " bytes");
                out().flush();
            });
            if (refused != null) out().println(c.id() + ": write failed: " + refused + " (" + refused.message() + ")");
        }
    }

    /** The write's heap plan: refused up front with what fits, not an OutOfMemoryError once the bytes are on their way. */
    static void fits(long bytes, long available) { fits(bytes, available, 0); }

    /**
     * As above, less what {@code onTheirWay} bytes of earlier writes will still need: the heap free
     * now does not show it yet (two 25 MB writes each fitted a 256 MB heap alone, then together ran out).
     */
    static void fits(long bytes, long available, long onTheirWay) {
        long promised = io.tcpemu.workload.HeapBudget.writeNeeds(onTheirWay);
        long free = Math.max(0, available - promised);
        long fit = io.tcpemu.workload.HeapBudget.writeThatFits(free);
        if (bytes <= fit) return;
        String earlier = onTheirWay == 0 ? "" : String.format(" (after about %,d MiB for the %d bytes of earlier writes not yet delivered)",
                promised >> 20, onTheirWay);
        throw new ConsoleError(String.format("--bytes %d does not fit in the heap: about %,d MiB for the bytes, the reader's copy and the trace"
                        + " of their segments, but about %,d MiB is free%s", bytes, io.tcpemu.workload.HeapBudget.writeNeeds(bytes) >> 20,
                        free >> 20, earlier),
                String.format("write at most %d bytes at a time, or give Java more heap (-Xmx)", fit));
    }

    @Command(name = "read", mixinStandardHelpOptions = true, description = "Show (and take) the bytes received so far.")
    static final class Read extends OnConn {
        @Parameters(index = "1", arity = "0..1", defaultValue = "65536", paramLabel = "MAX", converter = WholeNumbers.Count.class) int max;

        @Override void run() {
            NamedConnection c = conn();
            byte[] got = session().read(c, max);
            String tail = c.eof() && c.readable() == 0 ? " (end of stream)" : "";
            out().println(c.id() + ": " + got.length + " bytes" + (got.length > 0 ? ": " + new String(got, StandardCharsets.UTF_8) : "") + tail);
        }
    }

    @Command(name = "shutdown", mixinStandardHelpOptions = true, description = "shutdown(SHUT_WR): send FIN after the queued data; reading goes on.")
    static final class Shutdown extends OnConn {
        @Override void run() { session().shutdown(conn()); }
    }

    @Command(name = "close", mixinStandardHelpOptions = true, description = "close(2): the active close (FIN), or RST with SO_LINGER 0.")
    static final class Close extends OnConn {
        @Override void run() { session().close(conn()); }
    }

    @Command(name = "abort", mixinStandardHelpOptions = true, description = "Abort: send RST now, no TIME-WAIT.")
    static final class Abort extends OnConn {
        @Override void run() { session().abort(conn()); }
    }

    enum SocketOption { SO_LINGER, SO_REUSEADDR }

    @Command(name = "setopt", mixinStandardHelpOptions = true,
            description = "Set a socket option: 'setopt c1 SO_LINGER 0' (close sends RST), 'setopt c1 SO_LINGER off'.")
    static final class Setopt extends OnConn {
        @Parameters(index = "1", paramLabel = "OPTION", description = "one of: ${COMPLETION-CANDIDATES}") SocketOption option;
        @Parameters(index = "2", paramLabel = "VALUE", description = "SO_LINGER: seconds (0 = abort on close) or off") String value;

        @Override void run() {
            if (option == SocketOption.SO_REUSEADDR) {
                throw new ConsoleError("SO_REUSEADDR is set when listening", "use 'listen HOST:PORT --reuseaddr'");
            }
            boolean zero = !value.equalsIgnoreCase("off") && lingerSeconds(value) == 0;
            NamedConnection c = conn();
            session().lingerZero(c, zero);
            out().println(c.id() + ": SO_LINGER " + value + (zero ? " (close will send RST)" : ""));
        }

        private static long lingerSeconds(String value) {
            try {
                return WholeNumbers.parse(value, 0, Integer.MAX_VALUE);
            } catch (WholeNumbers.Refused e) {
                throw new ConsoleError("bad SO_LINGER value '" + value + "'", "expected off or seconds, " + WholeNumbers.range(0, Integer.MAX_VALUE) + " (0 = RST on close)");
            }
        }
    }
}
