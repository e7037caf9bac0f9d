package io.tcpemu.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The same workload on the real kernel, for comparison: one client thread doing connect, request,
 * response, close (client first, so the client end enters TIME-WAIT) against a server thread on
 * 127.0.0.1, through the JDK's blocking sockets. Loopback only, and a bounded count.
 */
final class KernelLoop {
    private KernelLoop() {}

    static final int MAX_LIFECYCLES = 100_000;

    /**
     * @param lifecycles completed lifecycles
     * @param wallNanos  wall time they took
     * @param stoppedBy  why the loop ended early (the kernel ran out of ports, say), or null
     */
    record Result(long lifecycles, long wallNanos, String stoppedBy) {
        double perSecond() { return lifecycles * 1e9 / Math.max(1, wallNanos); }
    }

    @SuppressWarnings("try") // the server is closed early on purpose, to end the serving thread's accept
    static Result run(int count) throws IOException, InterruptedException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1024, loopback)) {
            AtomicReference<String> serverError = new AtomicReference<>();
            Thread serving = new Thread(() -> serve(server, count, serverError), "bench-kernel-server");
            serving.setDaemon(true);
            serving.start();
            byte[] request = new byte[StandardScenario.REQUEST_SIZE];
            byte[] response = new byte[StandardScenario.RESPONSE_SIZE];
            long done = 0;
            String stoppedBy = null;
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                try (Socket s = new Socket(loopback, server.getLocalPort())) {
                    s.setTcpNoDelay(true);
                    s.getOutputStream().write(request);
                    readFully(s.getInputStream(), response);
                    done++;
                } catch (IOException e) {
                    stoppedBy = "connect " + (i + 1) + ": " + e.getMessage();
                    break;
                }
            }
            long wall = System.nanoTime() - start;
            server.close();
            serving.join(10_000);
            if (stoppedBy == null && serverError.get() != null) stoppedBy = serverError.get();
            return new Result(done, wall, stoppedBy);
        }
    }

    /** Accepts each connection, answers its request, and closes once the client has. */
    private static void serve(ServerSocket server, int count, AtomicReference<String> error) {
        byte[] request = new byte[StandardScenario.REQUEST_SIZE];
        byte[] response = new byte[StandardScenario.RESPONSE_SIZE];
        byte[] sink = new byte[64];
        for (int i = 0; i < count; i++) {
            try (Socket c = server.accept()) {
                InputStream in = c.getInputStream();
                OutputStream out = c.getOutputStream();
                readFully(in, request);
                out.write(response);
                while (in.read(sink) >= 0) { /* until the client's FIN */ }
            } catch (IOException e) {
                if (!server.isClosed()) error.set("server: " + e.getMessage());
                return;
            }
        }
    }

    private static void readFully(InputStream in, byte[] into) throws IOException {
        int n = 0;
        while (n < into.length) {
            int r = in.read(into, n, into.length - n);
            if (r < 0) throw new IOException("end of stream after " + n + " of " + into.length + " bytes");
            n += r;
        }
    }
}
