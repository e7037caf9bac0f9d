package io.tcpemu.bench;

import io.tcpemu.tcp.Profile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** JMH: handshake + close + TIME-WAIT expiry between two pure core connections, on one thread. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CoreLifecycleBenchmark {
    private CoreLoop loop;
    private int port;

    @Setup
    public void setup() { loop = new CoreLoop(Profile.LINUX.config()); }

    /** Score = lifecycles per second. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.SECONDS)
    public io.tcpemu.tcp.State lifecycle() {
        port = port == 60999 ? 32768 : port + 1;
        return loop.lifecycle(port == 0 ? 32768 : port);
    }
}
