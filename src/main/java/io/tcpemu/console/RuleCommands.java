package io.tcpemu.console;

import io.tcpemu.emulation.Emulation;
import io.tcpemu.runtime.Host;
import io.tcpemu.runtime.Link;
import io.tcpemu.runtime.fault.FaultRule;
import io.tcpemu.runtime.fault.RuleSyntaxException;
import io.tcpemu.runtime.fault.RuleTable;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Faults by hand: fault rules on links, and segments injected as if from the network. */
final class RuleCommands {
    private RuleCommands() {}

    @Command(name = "rule", mixinStandardHelpOptions = true, description = "Add, remove or list fault rules on links.",
            subcommands = {RuleAdd.class, RuleRemove.class, RuleClear.class, RuleList.class})
    static final class RuleCommand implements Runnable {
        @Override public void run() {
            throw new ConsoleError("'rule' needs a subcommand", "'rule add drop next fin from b', 'rule rm b->a 1' or 'rule list'");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a fault rule: 'rule add drop next fin from b', 'rule add --on a->b delay syn-ack 3s'.",
                    "Syntax: action [occurrence] kind [in STATE] [from HOST] [conn N] — 'next' means the first from now.",
                    "Without --on, the rule goes on the link leaving the host named by 'from'."})
    static final class RuleAdd extends SessionCommand implements Candidates.Grammar {
        private static final List<String> ACTIONS = List.of("drop", "delay", "duplicate");
        private static final List<String> OCCURRENCES = List.of("next", "every", "1st", "2nd", "3rd");
        private static final List<String> KINDS = List.of("syn", "syn-ack", "ack", "fin", "fin-ack", "rst", "data", "any");
        private static final List<String> MODIFIERS = List.of("in", "from", "conn", "delay", "with", "without",
                "+syn", "+ack", "+fin", "+rst", "+psh");

        /** Word by word as docs/links.md gives the syntax: action [occurrence] kind [in STATE] [from HOST] ... */
        @Override public List<String> next(List<String> before) {
            if (before.isEmpty()) return ACTIONS;
            String last = before.get(before.size() - 1);
            switch (last) {
                case "in": return Candidates.list(new Candidates.States());
                case "from": return Candidates.list(new Candidates.Hosts());
                case "delay": return Candidates.Durations.VALUES;
                case "with", "without": return List.of("data");
                case "conn": return List.of();
                default: break;
            }
            boolean kindGiven = before.stream().anyMatch(KINDS::contains);
            if (kindGiven) return MODIFIERS;
            boolean occurrenceGiven = before.stream().anyMatch(w -> OCCURRENCES.contains(w) || w.matches("\\d+(st|nd|rd|th)"));
            List<String> out = new java.util.ArrayList<>(occurrenceGiven ? List.of() : OCCURRENCES);
            out.addAll(KINDS);
            return out;
        }

        @Option(names = "--on", paramLabel = "LINK", completionCandidates = Candidates.Links.class,
                description = "the link direction, a->b (or a<->b for both)") String on;
        @Parameters(arity = "1..*", paramLabel = "WORDS") List<String> words;

        @Override void run() {
            Emulation emu = session().emulation();
            String rule = String.join(" ", words).replaceAll("\\bnext\\b", "1st");
            checkSyntax(rule);
            for (ActorRef<Link.Command> ref : on != null ? NetworkCommands.directions(emu, on) : fromLinks(emu, words)) {
                Link.RuleReply reply = emu.await(AskPattern.<Link.Command, Link.RuleReply>ask(ref, r -> new Link.AddRule(rule, r),
                        NetworkCommands.ASK, emu.system().scheduler()), 0);
                if (reply instanceof Link.RuleRejected rejected) throw new ConsoleError(rejected.error(), "see 'help rule add'");
                Link.RuleAdded added = (Link.RuleAdded) reply;
                out().println("rule " + added.id() + " on " + linkName(emu, ref) + ": " + added.rule());
            }
        }

        /** A typo ("frm b") is reported as such, not as a rule that names no link. */
        private static void checkSyntax(String rule) {
            try {
                FaultRule.parse(rule);
            } catch (RuleSyntaxException e) {
                throw new ConsoleError(e.getMessage(), "see 'help rule add'");
            }
        }

        /** The links leaving the host after "from". */
        private List<ActorRef<Link.Command>> fromLinks(Emulation emu, List<String> words) {
            int i = words.indexOf("from");
            if (i < 0 || i + 1 >= words.size()) {
                throw new ConsoleError("which link? the rule names no sender", "add 'from HOST' or '--on a->b'");
            }
            String host = session().host(words.get(i + 1));
            List<ActorRef<Link.Command>> out = new ArrayList<>();
            for (Map.Entry<String, ActorRef<Link.Command>> e : emu.links().entrySet()) {
                if (e.getKey().startsWith(host + "->")) out.add(e.getValue());
            }
            if (out.isEmpty()) throw new ConsoleError("host " + host + " has no outgoing link", "add one with 'link add " + host + " OTHER'");
            return out;
        }
    }

    @Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true, description = "Remove a rule: 'rule rm b->a 1'.")
    static final class RuleRemove extends SessionCommand {
        @Parameters(index = "0", paramLabel = "LINK", completionCandidates = Candidates.Links.class) String link;
        @Parameters(index = "1", paramLabel = "ID", converter = WholeNumbers.Positive.class) int id;

        @Override void run() {
            Emulation emu = session().emulation();
            for (ActorRef<Link.Command> ref : NetworkCommands.directions(emu, link)) {
                Link.RuleReply reply = emu.await(AskPattern.<Link.Command, Link.RuleReply>ask(ref, r -> new Link.RemoveRule(id, r),
                        NetworkCommands.ASK, emu.system().scheduler()), 0);
                if (reply instanceof Link.RuleRemoved removed && !removed.existed()) {
                    throw new ConsoleError("no rule " + id + " on " + link, "see 'rule list'");
                }
                out().println("removed rule " + id + " from " + linkName(emu, ref));
            }
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Remove every rule: 'rule clear' (all links) or 'rule clear a->b'.")
    static final class RuleClear extends SessionCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "LINK", completionCandidates = Candidates.Links.class) String link;

        @Override void run() {
            Emulation emu = session().emulation();
            int removed = 0;
            for (ActorRef<Link.Command> ref : link != null ? NetworkCommands.directions(emu, link) : List.copyOf(emu.links().values())) {
                Link.RuleReply reply = emu.await(AskPattern.<Link.Command, Link.RuleReply>ask(ref, Link.ClearRules::new,
                        NetworkCommands.ASK, emu.system().scheduler()), 0);
                if (reply instanceof Link.RulesCleared cleared) removed += cleared.count();
            }
            out().println("removed " + removed + (removed == 1 ? " rule" : " rules"));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every rule on every link, with how often it matched.")
    static final class RuleList extends SessionCommand {
        @Override void run() {
            Emulation emu = session().emulation();
            int n = 0;
            for (Map.Entry<String, ActorRef<Link.Command>> e : emu.links().entrySet()) {
                Link.Info info = emu.await(AskPattern.ask(e.getValue(), Link.GetInfo::new, NetworkCommands.ASK, emu.system().scheduler()), 0);
                for (RuleTable.Entry r : info.rules()) {
                    out().println(e.getKey() + " rule " + r.id() + ": " + r.rule() + "  (matched " + r.matches() + ")");
                    n++;
                }
            }
            if (n == 0) out().println("no rules");
        }
    }

    private static String linkName(Emulation emu, ActorRef<Link.Command> ref) {
        for (Map.Entry<String, ActorRef<Link.Command>> e : emu.links().entrySet()) if (e.getValue().equals(ref)) return e.getKey();
        return ref.path().name();
    }

    @Command(name = "inject", mixinStandardHelpOptions = true,
            description = {"Deliver a hand-made segment as if it came from the network.",
                    "'inject c1 --flags R --seq 1234' sends it to c1's host from c1's peer;",
                    "'inject --from a:4000 --to b:80 --flags S --seq 7' names both ends."})
    static final class Inject extends SessionCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "CONN", completionCandidates = Candidates.Conns.class) String id;
        @Option(names = "--from", paramLabel = "HOST:PORT", completionCandidates = Candidates.HostPorts.class) String from;
        @Option(names = "--to", paramLabel = "HOST:PORT", completionCandidates = Candidates.HostPorts.class) String to;
        @Option(names = "--flags", required = true, completionCandidates = Candidates.Flags.class, description = "tcpdump letters: S, S., F., R, P. (A or . = ACK)") String flags;
        // sequence numbers are 32 bits: cutting a bigger one would inject a number the user did not type
        @Option(names = "--seq", defaultValue = "0", converter = WholeNumbers.SeqNumber.class) long seq;
        @Option(names = "--ack", defaultValue = "0", converter = WholeNumbers.SeqNumber.class) long ack;
        @Option(names = "--win", defaultValue = "65535", converter = WholeNumbers.Window.class) int window;
        @Option(names = "--data", paramLabel = "TEXT") String data;

        @Override void run() {
            Session s = session();
            SockAddr src;
            SockAddr dst;
            if (id != null) {
                FourTuple t = s.conn(id).tuple();
                if (t == null) throw new ConsoleError(id + " has no 4-tuple yet", "step until it sent its SYN");
                src = t.remote();
                dst = t.local();
            } else if (from != null && to != null) {
                src = s.address(from);
                dst = s.address(to);
            } else {
                throw new ConsoleError("inject needs a target", "name a connection ('inject c1 --flags R') or --from and --to");
            }
            String target = s.emulation().env().directory().hostName(dst.ip());
            if (target == null) throw new ConsoleError("no host has address " + SockAddr.formatIp(dst.ip()), "see 'host list'");
            Segment seg = Segment.control(src, dst, (int) seq, (int) ack, Args.flags(flags), window);
            if (data != null) seg = seg.withPayload(data.getBytes(StandardCharsets.UTF_8));
            out().println("injected into " + target + ": " + seg);   // before what the host answers, which runs at once
            out().flush();
            s.emulation().host(target).tell(new Host.Deliver(seg));
        }
    }
}
