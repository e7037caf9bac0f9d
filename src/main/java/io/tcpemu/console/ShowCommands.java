package io.tcpemu.console;

import io.tcpemu.emulation.Emulation;
import io.tcpemu.report.Ladder;
import io.tcpemu.report.LadderText;
import io.tcpemu.report.PcapView;
import io.tcpemu.report.PcapWriter;
import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.HostCounters;
import io.tcpemu.runtime.SocketRef;
import io.tcpemu.runtime.fault.Durations;
import io.tcpemu.tcp.TimeWaitEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Looking at the emulation: connections, a host's tables, counters, ladder diagrams, pcap files. */
final class ShowCommands {
    private ShowCommands() {}

    enum What { conns, host, counters, links, rules }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Connections (the default), a host's tables, counters, links or rules.",
                    "show [conns]       connections with their states",
                    "show host HOST     its connections, listeners, TIME-WAIT list and counters",
                    "show counters      every host's counters",
                    "show links | rules the links, or the fault rules"})
    static final class Show extends SessionCommand {
        @Parameters(index = "0", arity = "0..1", defaultValue = "conns", paramLabel = "WHAT", description = "${COMPLETION-CANDIDATES}") What what;
        @Parameters(index = "1", arity = "0..1", paramLabel = "HOST", completionCandidates = Candidates.Hosts.class) String host;

        @Override void run() {
            switch (what) {
                case conns -> conns();
                case host -> {
                    if (host == null) throw new ConsoleError("which host?", "e.g. 'show host b'");
                    host(session().host(host));
                }
                case counters -> {
                    for (String h : host != null ? List.of(session().host(host)) : session().emulation().hostNames()) counters(h);
                }
                case links -> new NetworkCommands.LinkList().runWith(spec);
                case rules -> new RuleCommands.RuleList().runWith(spec);
            }
        }

        private void conns() {
            List<NamedConnection> conns = session().conns();
            if (conns.isEmpty()) {
                out().println("no connections (open one with 'connect a b:80')");
                return;
            }
            List<String[]> rows = new java.util.ArrayList<>();
            rows.add(new String[] {"conn", "host", "4-tuple", "state", ""});
            for (NamedConnection c : conns) {
                String buffered = c.readable() > 0 ? c.readable() + " bytes to read" : "";
                String notes = String.join("  ", java.util.stream.Stream.of(c.eof() ? "EOF" : "", buffered).filter(x -> !x.isEmpty()).toList());
                rows.add(new String[] {c.id(), c.host(), c.tuple() == null ? "(no 4-tuple yet)" : c.tuple().toString(), c.describeState(), notes});
            }
            printAligned(rows, 0);
        }

        /** Columns as wide as their widest cell (the first at least {@code firstWidth}), two spaces apart; no trailing blanks. */
        private void printAligned(List<String[]> rows, int firstWidth) {
            int[] width = new int[rows.get(0).length];
            width[0] = firstWidth;
            for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.length; i++) line.append(i == r.length - 1 ? r[i] : String.format("%-" + width[i] + "s  ", r[i]));
                out().println(line.toString().stripTrailing());
            }
        }

        private void host(String name) {
            Emulation emu = session().emulation();
            Host.Table t = emu.table(name);
            out().println("host " + name + ":");
            List<String[]> rows = new java.util.ArrayList<>();
            for (Host.ListenerInfo l : t.listeners()) {
                rows.add(new String[] {"  LISTEN", "port " + l.port(), "backlog " + l.backlog() + (l.reuseAddr() ? "  SO_REUSEADDR" : "")
                        + "  half-open " + l.halfOpen() + "  accept queue " + l.acceptQueue()});
            }
            for (SocketRef s : t.connections()) {
                String id = session().conns().stream().filter(c -> c.host().equals(name) && s.tuple().equals(c.tuple()))
                        .map(c -> c.id() + " " + c.state()).findFirst().orElse("");
                rows.add(new String[] {"  conn", s.tuple().toString(), id});
            }
            for (TimeWaitEntry e : t.timeWait()) {
                rows.add(new String[] {"  TIME-WAIT", e.tuple().toString(), "expires in " + Durations.format(Math.max(0, e.expiresAt() - emu.now()))});
            }
            if (rows.isEmpty()) out().println("  no sockets");
            else printAligned(rows, "  TIME-WAIT ".length());
            counters(name);
        }

        private void counters(String name) {
            HostCounters.Snapshot c = session().emulation().counters(name);
            out().println("  " + name + " counters: connects ok " + c.connectsOk() + ", refused " + c.connectsRefused()
                    + ", timed out " + c.connectsTimedOut() + ", no port " + c.connectsAddrNotAvail() + ", resets " + c.resets()
                    + ", RSTs sent " + c.rstsSent() + ", backlog drops " + c.backlogDrops() + ", TIME-WAIT " + c.timeWaitCount()
                    + " (cap hits " + c.timeWaitCapHits() + ", reused " + c.timeWaitReused() + "), ports in use " + portsInUse(name)
                    + ", connections " + c.connections());
        }

        /** As 'tcpemu run' counts them: local ports held by this host's connects, SYN-SENT until CLOSED (a listener's port is not one). */
        private int portsInUse(String host) {
            io.tcpemu.metrics.HostSeries h = session().metrics().host(host);
            return h == null || h.samples() == 0 ? 0 : h.portsInUse(h.samples() - 1);
        }
    }

    @Command(name = "ladder", mixinStandardHelpOptions = true, description = "The ladder diagram of a connection so far.")
    static final class LadderCommand extends SocketCommands.OnConn {
        @Override void run() {
            NamedConnection c = conn();
            if (c.tuple() == null) throw new ConsoleError(c.id() + " has sent nothing yet", "step a little and try again");
            out().print(LadderText.render(Ladder.of(session().trace(), c.tuple())));
        }
    }

    @Command(name = "pcap", mixinStandardHelpOptions = true, description = "Write every segment so far to a pcap file (for Wireshark/tcpdump).")
    static final class Pcap extends SessionCommand {
        @Parameters(index = "0", paramLabel = "FILE") Path file;
        @Option(names = "--host", completionCandidates = Candidates.Hosts.class,
                description = "only what this host sent and received (default: every host, one interface each)") String host;

        @Override void run() {
            PcapView view = host == null ? PcapView.allHosts() : PcapView.host(session().host(host));
            try {
                PcapWriter.write(file, view, session().trace());
            } catch (IOException e) {
                throw new ConsoleError("cannot write " + file + ": " + e.getMessage(), "check the folder exists and is writable");
            }
            out().println("wrote " + file + " (" + view.description() + ")");
        }
    }
}
