package io.tcpemu.console;

import io.tcpemu.emulation.Emulation;
import io.tcpemu.runtime.HostCounters;
import io.tcpemu.tcp.TcpConfig;
import io.tcpemu.workload.Workload;
import io.tcpemu.workload.WorkloadPlan;
import io.tcpemu.workload.WorkloadResult;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

/**
 * A workload in the background of the console's emulation: {@code workload start} spawns the
 * supervisor on the running hosts, then it advances as the clock does (virtual time: as the user
 * steps or runs; real time: by itself); {@code status} shows its counts, {@code stop} its summary.
 */
final class WorkloadCommands {
    private WorkloadCommands() {}

    private static final Duration ASK = io.tcpemu.workload.WorkloadRun.ASK_TIMEOUT;
    /** How long a status or stop may wait for the supervisor's answer (it answers at once). */
    private static final long ANSWER_WITHIN = 60 * TcpConfig.SECOND;

    @Command(name = "workload", mixinStandardHelpOptions = true,
            description = "Run a load generator in the background: 'workload start --clients a --server b:80 --rate 100', "
                    + "'workload status', 'workload stop'.",
            subcommands = {Start.class, Status.class, Stop.class})
    static final class WorkloadCommand implements Runnable {
        @Override public void run() {
            throw new ConsoleError("'workload' needs a subcommand", "'workload start --clients a --server b:80', 'workload status' or 'workload stop'");
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Start a workload on the running hosts. Without options it is the loaded scenario's workload section;",
                    "options change it, or describe one from scratch (--clients and --server are then required)."})
    static final class Start extends SessionCommand {
        @Option(names = "--clients", split = ",", paramLabel = "HOST", completionCandidates = Candidates.Hosts.class,
                description = "client hosts, e.g. a or a,c") List<String> clients;
        @Option(names = "--server", split = ",", paramLabel = "HOST:PORT", completionCandidates = Candidates.HostPorts.class,
                description = "server(s), round-robin, e.g. b:80 or b:80,c:80") List<String> servers;
        @Option(names = "--rate", description = "requests per emulated second over all clients") Double rate;
        @Option(names = "--process", completionCandidates = Candidates.Processes.class, description = "arrivals: constant or poisson") String process;
        @Option(names = "--connections", converter = WholeNumbers.LongCount.class, description = "requests in total; 0 = until stopped") Long connections;
        @Option(names = "--close", completionCandidates = Candidates.CloseModes.class, description = "client-first, server-first, simultaneous or abort") String close;
        @Option(names = "--pool", converter = WholeNumbers.Count.class, description = "connections kept per client; 0 = a new one per request") Integer pool;
        @Option(names = "--requests-per-connection", converter = WholeNumbers.Count.class, description = "requests a pooled connection serves; 0 = no limit") Integer perConnection;
        @Option(names = "--duration", completionCandidates = Candidates.Durations.class, description = "stop by itself after this much emulated time (default: until stopped)") String duration;

        @Override void run() {
            Session s = session();
            if (s.workload() != null && result(s, s.workload(), Workload.GetResult::new).end() == WorkloadResult.End.RUNNING) {
                throw new ConsoleError("a workload is running already", "'workload status' shows it, 'workload stop' ends it");
            }
            s.retireWorkload();
            WorkloadPlan plan = plan(s);
            fits(s, plan);
            free(s, plan);
            Emulation emu = s.emulation();
            ActorRef<Workload.Command> ref;
            try {
                ref = Workload.startWhileRunning(emu, plan, s.nextWorkloadName());
            } catch (IllegalArgumentException e) {
                throw new ConsoleError(e.getMessage(), "see 'host list'");
            }
            s.workload(ref, plan);
            s.settle();   // its servers try to listen now: a port in use fails it at once
            WorkloadResult first = result(s, ref, Workload.GetResult::new);
            if (first.end() == WorkloadResult.End.FAILED) {
                s.retireWorkload();
                throw new ConsoleError("workload failed at once: " + first.problem(),
                        "'show host " + plan.servers().get(0).host() + "' lists the listeners; 'unlisten HOST:PORT' closes one");
            }
            out().println("workload started: " + WorkloadOptions.describe(plan) + " (step or run the clock; 'workload status')");
        }

        /** The heap plan of 'tcpemu run', before anything starts: '--rate 1e12' until stopped would never get past t = 0. */
        private static void fits(Session s, WorkloadPlan plan) {
            io.tcpemu.workload.HeapBudget.Estimate e = io.tcpemu.workload.HeapBudget.estimate(plan,
                    s.hostSettings(plan.clients().get(0)), s.hostSettings(plan.servers().get(0).host()));
            long free = io.tcpemu.workload.HeapBudget.available();
            if (e.bytesNeeded() > free) {
                throw new ConsoleError(e.tooLarge(free), "lower --rate, bound it with --connections N or --duration, or give Java more heap (-Xmx)");
            }
        }

        /**
         * Refuses a server port someone listens on already (the user's 'listen', the script's): the
         * workload's server would fail EADDRINUSE, and cleaning up after it must not close a listener it never had.
         */
        private static void free(Session s, WorkloadPlan plan) {
            for (WorkloadPlan.Server server : plan.servers()) {
                int port = server.address().port();
                if (s.emulation().systemOf(server.host()) == null) continue;   // another node's host: its own start reports it
                if (s.emulation().table(server.host()).listeners().stream().anyMatch(l -> l.port() == port)) {
                    String at = server.host() + ":" + port;
                    throw new ConsoleError(at + " has a listener already, and the workload's server listens there itself",
                            "'unlisten " + at + "' closes that one, or give the workload another port (--server " + server.host() + ":8080)");
                }
            }
        }

        private WorkloadPlan plan(Session s) {
            WorkloadOptions o = new WorkloadOptions(clients, servers, rate, process, connections, close, pool, perConnection, duration);
            return o.plan(s);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "The workload's counts so far, and TIME-WAIT per host.")
    static final class Status extends SessionCommand {
        @Override void run() {
            Session s = session();
            WorkloadResult r = result(s, running(s), Workload.GetResult::new);
            out().print(r.summary());
            out().print(lifetime(s));
            out().println(timeWait(s.emulation()));
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "End the workload now and print its summary.")
    static final class Stop extends SessionCommand {
        @Override void run() {
            Session s = session();
            ActorRef<Workload.Command> w = running(s);
            // every partition's clients stop at this instant, as on one (the ask makes the message here, on this thread, before the clock moves)
            WorkloadResult r = result(s, w, replyTo -> Workload.stopHeld(s.emulation(), w, s.workloadPlan(), replyTo));
            s.workloadStopped();
            out().print(r.summary());
            out().print(lifetime(s));
            out().println(timeWait(s.emulation()));
        }
    }

    private static ActorRef<Workload.Command> running(Session s) {
        ActorRef<Workload.Command> w = s.workload();
        if (w == null) throw new ConsoleError("no workload", "start one with '" + startExample(s) + "'");
        return w;
    }

    /**
     * A start that works here: this emulation's first two hosts as client and server, on a port
     * the server does not listen on yet (port 80 in handshake.conf is the script's listener, and
     * a start there is refused).
     */
    private static String startExample(Session s) {
        java.util.List<String> hosts = s.emulation().hostNames();
        if (hosts.size() < 2) return "workload start --clients a --server b:80";
        String server = hosts.get(1);
        int port = 80;
        if (s.emulation().systemOf(server) != null) {
            java.util.Set<Integer> taken = new java.util.HashSet<>();
            s.emulation().table(server).listeners().forEach(l -> taken.add(l.port()));
            if (taken.contains(port)) for (port = 8080; taken.contains(port); port++) { }
        }
        return "workload start --clients " + hosts.get(0) + " --server " + server + ":" + port;
    }

    /** The lifetime row as 'tcpemu run' prints it: every connection of this emulation, CLOSED to CLOSED, TIME-WAIT included. */
    static String lifetime(Session s) { return WorkloadResult.latency("lifetime", s.metrics().lifetime()); }

    /** "TIME-WAIT  a 12  b 0": the entries each host holds now (each host this JVM runs: a run's script on a cluster). */
    static String timeWait(Emulation emu) {
        StringBuilder sb = new StringBuilder("TIME-WAIT");
        for (String h : emu.hostNames()) {
            if (emu.systemOf(h) == null) continue;
            HostCounters.Snapshot c = emu.counters(h);
            sb.append("  ").append(h).append(' ').append(c.timeWaitCount());
        }
        return sb.toString();
    }

    private static WorkloadResult result(Session s, ActorRef<Workload.Command> w, Function<ActorRef<WorkloadResult>, Workload.Command> message) {
        Emulation emu = s.emulation();
        return emu.await(AskPattern.ask(w, message, ASK, emu.system().scheduler()), ANSWER_WITHIN);
    }
}
