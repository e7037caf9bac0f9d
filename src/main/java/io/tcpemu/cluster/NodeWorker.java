package io.tcpemu.cluster;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.ConfigProblem;
import io.tcpemu.config.Settings;
import io.tcpemu.run.ScenarioFile;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What a {@code tcpemu node} runs: registered with the receptionist, it says its version, checks
 * a scenario, and carries out one run at a time for a submitter (phases {@link #idle} and
 * {@link #running}). A submitter that goes away mid-run stops the run, so the node is free again.
 */
public final class NodeWorker {
    /** How submitters find the nodes. */
    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "tcpemu-node");

    public sealed interface Command extends ClusterMessage {}

    /** Asks the node's name and tcpemu version. */
    public record Hello(ActorRef<NodeInfo> replyTo) implements Command {}

    /** Asks the node to load and check the scenario as it would run it. */
    public record Validate(Job job, ActorRef<Validated> replyTo) implements Command {}

    /**
     * Asks the node to run the job, telling {@code replyTo} how it goes; {@code nodes} are the
     * run's nodes, this one first, which serve its emulations' partitions ({@link Placement}).
     */
    public record Start(Job job, ActorRef<RunEvent> replyTo, List<ActorRef<Command>> nodes) implements Command {}

    /**
     * Asks the node to serve partition {@code partition} of {@code count} of an emulation that
     * {@code driver}'s node drives, with these settings (the point's, as text).
     */
    public record Serve(String settings, int count, int partition, ActorRef<Command> driver, ActorRef<Serving> replyTo) implements Command {}

    /** The partition asked for, ready for its windows. */
    public record Serving(ActorRef<PartitionHost.Command> host) implements ClusterMessage {}

    /** Asks the node to stop the run it carries out (the submitter was interrupted). */
    public record Abort() implements Command {}

    private record Ended(int status) implements Command {}

    public record NodeInfo(String node, String version) implements ClusterMessage {}

    /** The scenario's problems on that node, one line each; empty when it would run. */
    public record Validated(String node, List<String> problems) implements ClusterMessage {}

    private final ActorContext<Command> ctx;
    private final String self;
    private final String version;
    private final Consumer<String> log;

    private NodeWorker(ActorContext<Command> ctx, String self, String version, Consumer<String> log) {
        this.ctx = ctx;
        this.self = self;
        this.version = version;
        this.log = log;
    }

    /**
     * @param version this node's tcpemu version, which a submitter compares with its own
     * @param log     gets a line as each run starts and ends (the node's console)
     */
    public static Behavior<Command> create(String version, PrintStream log) {
        return Behaviors.setup(ctx -> {
            ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
            String self = ClusterSystem.self(ctx.getSystem());
            return new NodeWorker(ctx, self, version, line -> { log.println(line); log.flush(); }).idle();
        });
    }

    private Behavior<Command> idle() {
        return Behaviors.receive(Command.class)
                .onMessage(Hello.class, this::onHello)
                .onMessage(Validate.class, this::onValidate)
                .onMessage(Start.class, this::start)
                .onMessage(Serve.class, this::serve)
                .onMessage(Abort.class, m -> Behaviors.same())
                .build();
    }

    private Behavior<Command> running(Start run, AtomicBoolean stop) {
        return Behaviors.receive(Command.class)
                .onMessage(Hello.class, this::onHello)
                .onMessage(Validate.class, this::onValidate)
                .onMessage(Start.class, m -> {
                    m.replyTo().tell(new RunEvent.Busy(self));
                    return Behaviors.same();
                })
                .onMessage(Serve.class, this::serve)
                .onMessage(Abort.class, m -> {
                    stop.set(true);
                    return Behaviors.same();
                })
                .onMessage(Ended.class, m -> {
                    ctx.unwatch(run.replyTo());
                    log.accept("run of " + run.job().scenarioPath() + " for " + NodeName.of(run.replyTo()) + ": ended, exit status " + m.status());
                    return idle();
                })
                .onSignal(Terminated.class, t -> {
                    log.accept("run of " + run.job().scenarioPath() + ": its submitter " + NodeName.of(t.getRef()) + " is gone; stopping the run");
                    stop.set(true);
                    return Behaviors.same();
                })
                .build();
    }

    private Behavior<Command> start(Start m) {
        AtomicBoolean stop = new AtomicBoolean();
        ActorRef<Command> me = ctx.getSelf();
        ctx.watch(m.replyTo());
        m.replyTo().tell(new RunEvent.Accepted(self));
        log.accept("run of " + m.job().scenarioPath() + " for " + NodeName.of(m.replyTo()) + ": started");
        List<ActorRef<Command>> nodes = m.nodes() == null || m.nodes().isEmpty() ? List.of(me) : m.nodes();
        ClusterSites sites = new ClusterSites(ctx.getSystem(), nodes, me, log);
        Thread t = new Thread(new JobRun(m.job(), m.replyTo(), stop, sites, status -> me.tell(new Ended(status))), "tcpemu-job");
        t.setDaemon(true);
        t.start();
        return running(m, stop);
    }

    private Behavior<Command> serve(Serve m) {
        ActorRef<PartitionHost.Command> host = ctx.spawnAnonymous(PartitionHost.create(m.settings(), m.count(), m.partition(), m.driver(), log));
        m.replyTo().tell(new Serving(host));
        return Behaviors.same();
    }

    private Behavior<Command> onHello(Hello m) {
        m.replyTo().tell(new NodeInfo(self, version));
        return Behaviors.same();
    }

    private Behavior<Command> onValidate(Validate m) {
        m.replyTo().tell(new Validated(self, problems(m.job())));
        return Behaviors.same();
    }

    /** The scenario loaded and its points picked as the run will: each problem in one line. */
    static List<String> problems(Job job) {
        Path work = JobFiles.scratch();
        Path file = Path.of(job.scenarioPath());
        try {
            file = JobFiles.scenario(job, work);
            Settings s = ScenarioFile.load(file, job.overrides());
            String swept = ScenarioFile.sweptKeySet(s, job.overrides());
            if (swept != null) return List.of(swept);
            ScenarioFile.select(ScenarioFile.points(s), job.variant(), job.point());
            return List.of();
        } catch (ConfigLoader.InvalidConfigException e) {
            Path used = file;
            return e.problems().stream().map(ConfigProblem::toString).map(l -> JobFiles.asSubmitted(l, used, job)).toList();
        } catch (RuntimeException e) {
            return List.of(JobFiles.asSubmitted(String.valueOf(e.getMessage()), file, job));
        } finally {
            JobFiles.delete(work);
        }
    }
}
