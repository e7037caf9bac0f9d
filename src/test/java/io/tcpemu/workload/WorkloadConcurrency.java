package io.tcpemu.workload;

import io.tcpemu.config.Settings;

/**
 * Not a test: holds many connections open at once (each thinks before it closes) and reports the
 * heap they take. Run: {@code java -Xmx3g -cp target/classes:target/test-classes:$(cat target/classpath.txt)
 * io.tcpemu.workload.WorkloadConcurrency [connections]}
 */
public final class WorkloadConcurrency {
    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        Settings s = WorkloadFixture.settings("""
                seed = 1
                duration = 1h
                hosts { a { ports = "1024-65535" }, c { ports = "1024-65535" }, d { ports = "1024-65535" }, b { backlog = 1000000 } }
                links = [ { between = [a, b] }, { between = [c, b] }, { between = [d, b] } ]
                workload {
                  clients = [a, c, d]
                  server = "b:80"
                  arrival { process = constant, rate = 200000 }
                  request-size = 100
                  response-size = 100
                  think-time = 10s
                }
                output.sample-interval = 1s
                """, "workload.connections=" + n);
        try (WorkloadRun run = WorkloadRun.startUntraced(s)) {
            run.clock().advanceBy(Math.round(n / 200_000.0 * 1e6) + 100_000);
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long used = rt.totalMemory() - rt.freeMemory();
            WorkloadResult w = run.workload() == null ? null : run.stop();
            System.out.printf("%d requests issued, %d established, %d completed, %d EADDRNOTAVAIL; heap %.0f MB, %.0f bytes per open connection; %.1f s CPU%n",
                    w.requestsIssued(), w.established(), w.requestsCompleted(), w.addrNotAvail(), used / 1e6, (double) used / Math.max(1, w.established()),
                    run.clock().cpuTimeNanos() / 1e9);
        }
    }
}
