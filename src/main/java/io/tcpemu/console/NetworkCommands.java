package io.tcpemu.console;

import io.tcpemu.emulation.Emulation;
import io.tcpemu.runtime.HostSpec;
import io.tcpemu.runtime.Jitter;
import io.tcpemu.runtime.Link;
import io.tcpemu.runtime.LinkParams;
import io.tcpemu.runtime.LinkSpec;
import io.tcpemu.runtime.fault.Durations;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.SockAddr;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Hosts and links: add them, change a link's parameters while segments are in flight, list them. */
final class NetworkCommands {
    private NetworkCommands() {}

    static final Duration ASK = Duration.ofSeconds(5);

    @Command(name = "host", mixinStandardHelpOptions = true, description = "Add or list hosts.",
            subcommands = {HostAdd.class, HostList.class})
    static final class HostCommand implements Runnable {
        @Override public void run() { throw new ConsoleError("'host' needs a subcommand", "'host add NAME' or 'host list'"); }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Start a new host: 'host add c --ip 10.0.0.3 --profile linux'.")
    static final class HostAdd extends SessionCommand {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Option(names = "--ip", paramLabel = "ADDRESS", description = "IPv4 address (default: the next free 10.0.0.x)") String ip;
        @Option(names = "--profile", defaultValue = "LINUX", description = "TCP defaults: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
        Profile profile;

        @Override void run() {
            Emulation emu = session().emulation();
            if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) throw new ConsoleError("bad host name '" + name + "'", "letters, digits, '-' and '_', starting with a letter");
            String address = ip != null ? ip : nextFreeIp(emu);
            int parsed;
            try {
                parsed = SockAddr.parseIp(address);
            } catch (IllegalArgumentException e) {
                throw new ConsoleError("'" + address + "' is not an IPv4 address", "e.g. --ip 10.0.0.3");
            }
            String unusable = io.tcpemu.config.HostSettings.unusable(parsed);
            if (unusable != null) throw new ConsoleError("'" + address + "' cannot be a host's address: it is " + unusable, "e.g. --ip 10.0.0.3");
            emu.addHost(HostSpec.of(name, address, profile.config()));
            out().println("host " + name + " " + address + " (" + profile.name().toLowerCase(Locale.ROOT) + ")");
        }

        private static String nextFreeIp(Emulation emu) {
            for (int last = 1; last < 255; last++) {
                String candidate = "10.0.0." + last;
                if (emu.env().directory().hostName(SockAddr.parseIp(candidate)) == null) return candidate;
            }
            throw new ConsoleError("no free address in 10.0.0.0/24", "give one with --ip");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The hosts and their addresses.")
    static final class HostList extends SessionCommand {
        @Override void run() {
            Emulation emu = session().emulation();
            for (String h : emu.hostNames()) out().println(h + "  " + SockAddr.formatIp(emu.ip(h)));
        }
    }

    @Command(name = "link", mixinStandardHelpOptions = true, description = "Add, change or list links.",
            subcommands = {LinkAdd.class, LinkSet.class, LinkList.class})
    static final class LinkCommand implements Runnable {
        @Override public void run() { throw new ConsoleError("'link' needs a subcommand", "'link add a c', 'link set a->b --loss 0.1' or 'link list'"); }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Join two hosts both ways: 'link add a c --delay 5ms'.")
    static final class LinkAdd extends SessionCommand {
        @Parameters(index = "0", paramLabel = "A", completionCandidates = Candidates.Hosts.class) String a;
        @Parameters(index = "1", paramLabel = "B", completionCandidates = Candidates.Hosts.class) String b;
        @Option(names = "--delay", defaultValue = "5ms", completionCandidates = Candidates.Durations.class, description = "one-way delay (default ${DEFAULT-VALUE})") String delay;

        @Override void run() {
            Emulation emu = session().emulation();
            session().host(a);
            session().host(b);
            if (a.equals(b)) throw new ConsoleError("a link joins two different hosts, got " + a + " twice", "e.g. 'link add a c'");
            LinkParams params = LinkParams.ofDelay(Args.duration(delay, "--delay"));
            long seed = (a + b).hashCode();
            emu.addLink(new LinkSpec(a, b, params, List.of(), seed));
            emu.addLink(new LinkSpec(b, a, params, List.of(), seed + 1));
            out().println("link " + a + "<->" + b + " delay " + delay);
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Change a link while it runs: 'link set a->b --loss 0.1', 'link set a<->b --delay 20ms'.")
    static final class LinkSet extends SessionCommand {
        @Parameters(index = "0", paramLabel = "LINK", completionCandidates = Candidates.Links.class,
                description = "a->b (one direction) or a<->b (both)") String link;
        @Option(names = "--delay", completionCandidates = Candidates.Durations.class, description = "one-way delay, e.g. 20ms") String delay;
        @Option(names = "--jitter", completionCandidates = Candidates.Durations.class, description = "jitter amount, e.g. 2ms") String jitter;
        @Option(names = "--jitter-distribution", description = "${COMPLETION-CANDIDATES}") Jitter.Distribution distribution;
        @Option(names = "--loss", description = "probability 0..1 a segment is lost") Double loss;
        @Option(names = "--duplicate", description = "probability 0..1 a segment arrives twice") Double duplicate;
        @Option(names = "--reorder", description = "probability 0..1 a segment is held back") Double reorder;
        @Option(names = "--msl", completionCandidates = Candidates.Durations.class, description = "segments older than this are dropped, e.g. 30s (0s: off)") String msl;
        @Option(names = "--bandwidth", converter = WholeNumbers.LongCount.class, description = "bytes per second (0: unlimited)") Long bandwidth;

        @Override void run() {
            Emulation emu = session().emulation();
            for (ActorRef<Link.Command> ref : directions(emu, link)) {
                Link.Info info = emu.await(AskPattern.ask(ref, Link.GetInfo::new, ASK, emu.system().scheduler()), 0);
                LinkParams p = changed(info.params());
                emu.await(AskPattern.<Link.Command, Done>ask(ref, r -> new Link.SetParams(p, r), ASK, emu.system().scheduler()), 0);
                out().println(info.name() + ": " + describe(p));
            }
        }

        private LinkParams changed(LinkParams p) {
            try {
                if (delay != null) p = p.withDelay(Args.duration(delay, "--delay"));
                if (jitter != null || distribution != null) {
                    Jitter.Distribution d = distribution != null ? distribution
                            : p.jitter().distribution() == Jitter.Distribution.NONE ? Jitter.Distribution.UNIFORM : p.jitter().distribution();
                    p = p.withJitter(new Jitter(d, jitter != null ? Args.duration(jitter, "--jitter") : p.jitter().amount()));
                }
                if (loss != null) p = p.withLoss(loss);
                if (duplicate != null) p = p.withDuplicate(duplicate, p.duplicateGap());
                if (reorder != null) p = p.withReorder(reorder, p.reorderHold());
                if (msl != null) p = p.withMsl(Args.duration(msl, "--msl"));
                if (bandwidth != null) p = p.withBandwidth(bandwidth, p.queueLimit());
                return p;
            } catch (IllegalArgumentException e) {
                throw new ConsoleError("link " + link + ": " + e.getMessage(), "see 'help link set'");
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every link direction with its parameters and counts.")
    static final class LinkList extends SessionCommand {
        @Override void run() {
            Emulation emu = session().emulation();
            for (ActorRef<Link.Command> ref : emu.links().values()) {
                Link.Info info = emu.await(AskPattern.ask(ref, Link.GetInfo::new, ASK, emu.system().scheduler()), 0);
                out().println(info.name() + ": " + describe(info.params()) + "  sent " + info.stats().transmitted()
                        + ", delivered " + info.stats().delivered() + ", dropped " + info.stats().dropped()
                        + ", in flight " + info.inFlight() + ", rules " + info.rules().size());
            }
        }
    }

    /** "a->b" is one direction, "a<->b" both; an error naming the known links otherwise. */
    static List<ActorRef<Link.Command>> directions(Emulation emu, String text) {
        List<String> names = new ArrayList<>();
        if (text.contains("<->")) {
            String[] ends = text.split("<->", -1);
            names.add(ends[0] + "->" + ends[1]);
            names.add(ends[1] + "->" + ends[0]);
        } else if (text.contains("->")) {
            names.add(text);
        } else {
            throw new ConsoleError("'" + text + "' is not a link", "write a->b for one direction or a<->b for both");
        }
        List<ActorRef<Link.Command>> refs = new ArrayList<>();
        for (String n : names) {
            ActorRef<Link.Command> ref = emu.links().get(n);
            if (ref == null) {
                String near = Suggest.closest(n, emu.links().keySet());
                throw new ConsoleError("no link " + n, near != null ? "did you mean " + near + "?" : "links: " + String.join(", ", emu.links().keySet()));
            }
            refs.add(ref);
        }
        return refs;
    }

    static String describe(LinkParams p) {
        StringBuilder sb = new StringBuilder("delay ").append(Durations.format(p.delay()));
        if (p.jitter().amount() > 0) sb.append(", jitter ").append(p.jitter().distribution()).append(' ').append(Durations.format(p.jitter().amount()));
        if (p.loss() > 0) sb.append(", loss ").append(p.loss());
        if (p.duplicate() > 0) sb.append(", duplicate ").append(p.duplicate());
        if (p.reorder() > 0) sb.append(", reorder ").append(p.reorder());
        if (p.bandwidth() > 0) sb.append(", bandwidth ").append(p.bandwidth()).append(" B/s");
        if (p.msl() > 0) sb.append(", msl ").append(Durations.format(p.msl()));
        return sb.toString();
    }
}
