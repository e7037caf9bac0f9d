package io.tcpemu.console;

import io.tcpemu.emulation.Emulation;
import io.tcpemu.runtime.fault.Durations;
import io.tcpemu.tcp.State;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** Emulated time: step it, run until something happens, read it. */
final class TimeCommands {
    private TimeCommands() {}

    /** How far 'run until' goes when not told: ten emulated minutes (several 2·MSL of any profile). */
    static final String DEFAULT_MAX = "10m";

    @Command(name = "step", mixinStandardHelpOptions = true, description = "Let emulated time pass: 'step 200ms', 'step 61s'.")
    static final class Step extends SessionCommand {
        @Parameters(index = "0", paramLabel = "DURATION") String duration;

        @Override void run() {
            session().step(Args.duration(duration, "duration"));
            out().println("now " + Durations.format(session().emulation().now()));
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run emulated time until something happens:",
                    "run until idle            until no timer is pending",
                    "run until CONN is STATE   e.g. 'run until c1 is TIME-WAIT'",
                    "run for DURATION          the same as 'step DURATION'"})
    static final class Run extends SessionCommand {
        @Parameters(arity = "1..4", paramLabel = "WORDS", completionCandidates = RunWords.class) List<String> words;
        @Option(names = "--max", defaultValue = DEFAULT_MAX, description = "give up after this much emulated time (default ${DEFAULT-VALUE})")
        String max;

        @Override void run() {
            Session s = session();
            Emulation emu = s.emulation();
            long limit = Args.duration(max, "--max");
            String first = words.get(0);
            if (first.equals("for") && words.size() == 2) {
                s.step(Args.duration(words.get(1), "duration"));
                out().println("now " + Durations.format(emu.now()));
            } else if (first.equals("until") && words.size() == 2 && words.get(1).equals("idle")) {
                boolean idle = s.runUntilIdle(limit);
                if (!idle) throw new ConsoleError("still busy after " + max + " (now " + Durations.format(emu.now()) + ")", "try a larger --max");
                out().println("idle at " + Durations.format(emu.now()));
            } else if (first.equals("until") && words.size() == 4 && words.get(2).equals("is")) {
                String id = words.get(1);
                State target = Args.state(words.get(3));
                if (!s.acceptedNameAhead(id)) s.conn(id);
                if (!s.runUntil(() -> s.find(id) != null && s.find(id).state() == target, limit)) {
                    NamedConnection c = s.find(id);
                    throw new ConsoleError(id + " did not reach " + target + " within " + max
                            + (c == null ? " (it does not exist yet)" : " (it is " + c.describeState() + ")"), "try a larger --max, or 'show'");
                }
                out().println(id + " is " + target + " at " + Durations.format(emu.now()));
            } else {
                throw new ConsoleError("cannot read 'run " + String.join(" ", words) + "'",
                        "expected 'run until idle', 'run until c1 is TIME-WAIT' or 'run for 2s'");
            }
        }
    }

    static final class RunWords implements Iterable<String> {
        @Override public java.util.Iterator<String> iterator() { return List.of("until", "for", "idle", "is").iterator(); }
    }

    @Command(name = "now", mixinStandardHelpOptions = true, description = "The emulated time.")
    static final class Now extends SessionCommand {
        @Override void run() { out().println("now " + Durations.format(session().emulation().now())); }
    }
}
