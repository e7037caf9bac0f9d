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
        @Parameters(index = "0", paramLabel = "DURATION", completionCandidates = Candidates.Durations.class) String duration;

        @Override void run() {
            stepPlaying(this, Args.duration(duration, "duration"));
            out().println("now " + Durations.format(session().emulation().now()));
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run emulated time until something happens, or for a while.",
                    "run until idle            until no timer is pending",
                    "run until CONN is STATE   e.g. 'run until c1 is TIME-WAIT'",
                    "run for DURATION          the same as 'step DURATION'"})
    static final class Run extends SessionCommand implements Candidates.Grammar {
        @Parameters(arity = "1..4", paramLabel = "WORDS") List<String> words;
        @Option(names = "--max", defaultValue = DEFAULT_MAX, completionCandidates = Candidates.Durations.class,
                description = "give up after this much emulated time (default ${DEFAULT-VALUE})")
        String max;

        /** until idle | until CONN is STATE | for DURATION */
        @Override public List<String> next(List<String> before) {
            if (before.isEmpty()) return List.of("until", "for");
            if (before.get(0).equals("for")) return before.size() == 1 ? Candidates.Durations.VALUES : List.of();
            if (!before.get(0).equals("until")) return List.of();
            return switch (before.size()) {
                case 1 -> {
                    List<String> out = new java.util.ArrayList<>(List.of("idle"));
                    out.addAll(Candidates.list(new Candidates.Conns()));
                    yield out;
                }
                case 2 -> before.get(1).equals("idle") ? List.of() : List.of("is");
                case 3 -> Candidates.list(new Candidates.States());
                default -> List.of();
            };
        }

        @Override void run() {
            Session s = session();
            Emulation emu = s.emulation();
            long limit = Args.duration(max, "--max");
            String first = words.get(0);
            if (first.equals("for") && words.size() == 2) {
                stepPlaying(this, Args.duration(words.get(1), "duration"));
                out().println("now " + Durations.format(emu.now()));
            } else if (first.equals("until") && words.size() == 2 && words.get(1).equals("idle")) {
                boolean idle = untilIdlePlaying(this, limit);
                if (!idle) throw new ConsoleError("still busy after " + max + " (now " + Durations.format(emu.now()) + ")", "try a larger --max");
                out().println("idle at " + Durations.format(emu.now()));
            } else if (first.equals("until") && words.size() == 4 && words.get(2).equals("is")) {
                String id = words.get(1);
                State target = Args.state(words.get(3));
                if (!s.acceptedNameAhead(id)) s.conn(id);
                if (!untilPlaying(this, () -> s.find(id) != null && s.find(id).state() == target, limit)) {
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

    // ---- letting time pass while a loaded scenario's script still has steps to play ----

    /** Lets {@code micros} pass, playing the script steps due on the way at their times. */
    static void stepPlaying(SessionCommand c, long micros) {
        Session s = c.session();
        long end = VirtualSaturation.add(s.emulation().now(), micros);
        while (c.language().nextScriptStep() <= end) {
            s.step(Math.max(0, c.language().nextScriptStep() - s.emulation().now()));
            c.language().playDue(c.out());
        }
        s.step(Math.max(0, end - s.emulation().now()));
    }

    /** Runs until {@code condition} holds, at most {@code limit}, playing script steps on the way; true if it held. */
    static boolean untilPlaying(SessionCommand c, java.util.function.BooleanSupplier condition, long limit) {
        Session s = c.session();
        long end = VirtualSaturation.add(s.emulation().now(), limit);
        while (true) {
            long stop = Math.min(end, c.language().nextScriptStep());
            if (s.runUntil(condition, Math.max(0, stop - s.emulation().now()))) return true;
            if (stop == end || s.emulation().now() < stop) return false;
            c.language().playDue(c.out());
        }
    }

    /** Runs until nothing is pending and no script step is left (at most {@code limit}); true if it went idle. */
    static boolean untilIdlePlaying(SessionCommand c, long limit) {
        Session s = c.session();
        long end = VirtualSaturation.add(s.emulation().now(), limit);
        while (true) {
            long next = c.language().nextScriptStep();
            long stop = Math.min(end, next);
            boolean idle = s.runUntilIdle(Math.max(0, stop - s.emulation().now()));
            if (next > end) return idle;
            if (!idle && s.emulation().now() < next) return false;
            s.step(Math.max(0, next - s.emulation().now()));   // idle before the step: time still runs to it
            c.language().playDue(c.out());
        }
    }

    /** Saturating addition, so 'run until ... --max' near the end of time cannot wrap. */
    private static final class VirtualSaturation {
        static long add(long a, long b) {
            long r = a + b;
            return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
        }
    }

    @Command(name = "now", mixinStandardHelpOptions = true, description = "The emulated time.")
    static final class Now extends SessionCommand {
        @Override void run() { out().println("now " + Durations.format(session().emulation().now())); }
    }
}
