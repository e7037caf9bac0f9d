package io.tcpemu.cluster;

import io.tcpemu.config.Settings;
import io.tcpemu.emulation.Emulation;
import io.tcpemu.run.ScenarioFile;
import io.tcpemu.run.ScenarioRun;
import org.apache.pekko.actor.typed.ActorRef;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

/**
 * One job on a node, on a thread of its own (an emulation drives its own clock): the same
 * {@link ScenarioRun} {@code tcpemu run} does, into a scratch folder, its output and files sent to
 * the submitter as they come, so a submitter that loses this node keeps the points already done.
 */
final class JobRun implements Runnable {
    private final Job job;
    private final ActorRef<RunEvent> to;
    private final AtomicBoolean stop;
    private final IntConsumer ended;
    private final ClusterSites sites;

    /**
     * @param sites where its emulations' partitions run (this node, the others of the run)
     * @param ended called last, with the exit status, whatever happened
     */
    JobRun(Job job, ActorRef<RunEvent> to, AtomicBoolean stop, ClusterSites sites, IntConsumer ended) {
        this.job = job;
        this.to = to;
        this.stop = stop;
        this.sites = sites;
        this.ended = ended;
    }

    @Override public void run() {
        Path work = JobFiles.scratch();
        int status = ScenarioRun.EXPECTATION_FAILED;
        try (sites; AutoCloseable spread = Emulation.runPartitionsOn(sites)) {
            status = runIn(work);
        } catch (Exception e) {
            throw new IllegalStateException(e);   // closing them does not throw
        } finally {
            JobFiles.delete(work);
            ended.accept(status);
        }
    }

    private int runIn(Path work) {
        PrintStream out = EventStream.to(to, false);
        PrintStream err = EventStream.to(to, true);
        Path dir = work.resolve("results").resolve(job.resultsName());
        ResultsShipper shipper = new ResultsShipper(dir, to);
        Path file = Path.of(job.scenarioPath());
        int status;
        try {
            file = JobFiles.scenario(job, work);
            Settings settings = ScenarioFile.load(file, job.overrides());
            ScenarioRun.Request request = new ScenarioRun.Request(file, job.overrides(), job.variant(), job.point(), job.connection(), job.quiet(), null);
            status = ScenarioRun.run(request, settings, dir, out, err, stop, new ScenarioRun.Listener() {
                @Override public LongConsumer step(String label, long duration) {
                    return micros -> to.tell(new RunEvent.Progress(label, micros));
                }

                @Override public void pointDone(Path runDir) { shipper.shipNew(); }
            });
        } catch (RuntimeException e) {
            ScenarioRun.Failure f = ScenarioRun.Failure.of(file, e);
            err.println(JobFiles.asSubmitted(f.line(), file, job));
            status = f.status();
        }
        out.flush();
        err.flush();
        shipper.shipNew();
        to.tell(new RunEvent.Finished(status));
        return status;
    }
}
