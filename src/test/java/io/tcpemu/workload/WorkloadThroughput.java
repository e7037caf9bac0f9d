package io.tcpemu.workload;

import io.tcpemu.config.Settings;

/**
 * Not a test: how many connection lifecycles (connect, request, response, close, TIME-WAIT) the
 * workload drives per second of wall-clock and of emulation-thread CPU, with no trace subscriber.
 * Run: {@code java -cp target/classes:target/test-classes:$(cat target/classpath.txt) io.tcpemu.workload.WorkloadThroughput [requests] [rate]}
 */
public final class WorkloadThroughput {
    public static void main(String[] args) {
        long requests = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        String rate = args.length > 1 ? args[1] : "100000";
        Settings s = WorkloadFixture.base("workload.connections=" + requests, "workload.arrival.rate=" + rate, "duration=1h",
                "hosts.a.ports=\"1024-65535\"", "hosts.a.tcp.time-wait=100ms", "workload.response-size=100");
        for (int round = 0; round < 3; round++) {
            long wall = System.nanoTime();
            try (WorkloadRun run = WorkloadRun.startUntraced(s)) {
                WorkloadResult w = run.awaitResult();
                double seconds = (System.nanoTime() - wall) / 1e9;
                double cpu = run.clock().cpuTimeNanos() / 1e9;
                System.out.printf("%d lifecycles (%d completed, %d EADDRNOTAVAIL), %.1f s emulated, in %.2f s wall (%.0f/s), %.2f s emulation-thread CPU (%.0f/s)%n",
                        w.requestsIssued(), w.requestsCompleted(), w.addrNotAvail(), w.seconds(), seconds, w.requestsCompleted() / seconds,
                        cpu, w.requestsCompleted() / cpu);
            }
        }
    }
}
