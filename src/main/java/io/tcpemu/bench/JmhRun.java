package io.tcpemu.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Collection;

/** Runs {@link CoreLifecycleBenchmark} through JMH's Runner API (a forked JVM, as JMH wants). */
final class JmhRun {
    private JmhRun() {}

    /** Core lifecycles per second on one thread, with JMH's error margin (99.9%). */
    record Result(double score, double error) {}

    static Result run() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(CoreLifecycleBenchmark.class.getName() + ".lifecycle")
                .forks(1)
                .jvmArgsAppend("-Xmx1g")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        if (results.isEmpty()) throw new IllegalStateException("JMH ran no benchmark (is META-INF/BenchmarkList on the classpath?)");
        var primary = results.iterator().next().getPrimaryResult();
        return new Result(primary.getScore(), primary.getScoreError());
    }
}
