package io.tcpemu.reliability;

import io.tcpemu.runtime.HostSpec;
import io.tcpemu.runtime.Jitter;
import io.tcpemu.runtime.LinkParams;
import io.tcpemu.runtime.Topology;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.TcpConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.tcpemu.tcp.TcpConfig.MILLISECOND;
import static io.tcpemu.tcp.TcpConfig.SECOND;

/**
 * A random emulation drawn from one seed: 2–4 hosts in a full mesh of faulty links (loss up to
 * 30 %, duplication, reordering, jitter, sometimes a fault rule), every link enforcing MSL and
 * every host keeping TIME-WAIT for 2·MSL, and 1–6 connections with their payloads and close
 * orders. The same seed gives the same scenario, and (on a fresh virtual-time system) the same run.
 */
record RandomScenario(long seed, TcpConfig tcp, Topology topology, List<Plan> plans, List<String> notes) {

    /** Who ends the connection, and how. */
    enum CloseOrder { CLIENT_FIRST, SERVER_FIRST, SIMULTANEOUS, CLIENT_ABORTS, SERVER_ABORTS, HALF_CLOSE }

    /**
     * One connection: {@code client} connects to port 80 of {@code server} {@code startAfter} µs
     * into the run, from {@code localPort} (0: ephemeral; plans sharing a fixed port run one after
     * another, so later ones are new incarnations of the same 4-tuple).
     */
    record Plan(int index, String client, String server, int localPort, long startAfter,
                int clientBytes, int serverBytes, CloseOrder order, long closeDelay) {}

    static final int SERVER_PORT = 80;

    static RandomScenario of(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> notes = new ArrayList<>();
        TcpConfig tcp = tcp(r);
        notes.add("tcp: msl " + tcp.msl() / MILLISECOND + " ms, challengeAcks " + tcp.challengeAcks()
                + ", timestamps " + tcp.timestamps() + ", rstOnCloseWithUnread " + tcp.rstOnCloseWithUnread()
                + ", rstInTimeWait " + tcp.rstInTimeWait());
        int hosts = 2 + r.nextInt(3);
        Topology.Builder t = Topology.builder().seed(r.nextLong());
        for (int i = 0; i < hosts; i++) t.host(HostSpec.of(name(i), "10.0.0." + (i + 1), tcp).withSeed(r.nextLong()));
        for (int i = 0; i < hosts; i++) {
            for (int j = 0; j < hosts; j++) {
                if (i == j) continue;
                LinkParams params = link(r, tcp.msl());
                String rule = r.nextInt(4) == 0 ? RULES[r.nextInt(RULES.length)].replace("FROM", name(i)) : null;
                notes.add(name(i) + "->" + name(j) + ": " + params + (rule == null ? "" : ", rule '" + rule + "'"));
                if (rule == null) t.oneWay(name(i), name(j), params);
                else t.oneWay(name(i), name(j), params, io.tcpemu.runtime.fault.FaultRule.parse(rule));
            }
        }
        List<Plan> plans = new ArrayList<>();
        int count = 1 + r.nextInt(6);
        for (int k = 0; k < count; k++) {
            int c = r.nextInt(hosts);
            int s = (c + 1 + r.nextInt(hosts - 1)) % hosts;
            int port = r.nextInt(3) == 0 ? 5_000 : 0; // a shared fixed port: incarnations of one 4-tuple
            Plan p = new Plan(k, name(c), name(s), port, r.nextLong(2 * SECOND),
                    size(r), size(r), CloseOrder.values()[r.nextInt(CloseOrder.values().length)], r.nextLong(3 * SECOND));
            plans.add(p);
            notes.add(p.toString());
        }
        return new RandomScenario(seed, tcp, t.build(), plans, notes);
    }

    /** Rules that aim at the moments that matter: handshake, close, TIME-WAIT, and late duplicates. */
    private static final String[] RULES = {
        "drop 1st fin from FROM", "drop 2nd syn from FROM", "drop 1st syn-ack from FROM",
        "drop 1st ack in TIME-WAIT from FROM", "duplicate data from FROM delay 3s", "delay 400ms fin from FROM",
        "drop 1st rst from FROM", "duplicate fin from FROM delay 2s",
    };

    static String name(int i) { return "h" + i; }

    private static TcpConfig tcp(SplittableRandom r) {
        TcpConfig base = (r.nextBoolean() ? Profile.LINUX : Profile.RFC9293).config();
        long msl = (1 + r.nextInt(5)) * SECOND;
        return base.withMsl(msl).withTimeWait(2 * msl)
                .withRto(SECOND, 200 * MILLISECOND, 10 * SECOND)
                .withFinWait2Timeout(4 * msl) // an orphaned FIN-WAIT-2 must end: invariant 3 depends on it
                .withChallengeAcks(r.nextBoolean()).withTimestamps(r.nextBoolean())
                .withRstOnCloseWithUnread(r.nextBoolean())
                .withRstInTimeWait(r.nextBoolean() ? TcpConfig.RstInTimeWait.CLOSE : TcpConfig.RstInTimeWait.IGNORE);
    }

    private static LinkParams link(SplittableRandom r, long msl) {
        LinkParams p = LinkParams.ofDelay(MILLISECOND + r.nextLong(30 * MILLISECOND)).withMsl(msl)
                .withLoss(r.nextDouble() * 0.3);
        if (r.nextBoolean()) p = p.withJitter(new Jitter(Jitter.Distribution.values()[r.nextInt(5)], r.nextLong(5 * MILLISECOND)));
        if (r.nextBoolean()) p = p.withDuplicate(r.nextDouble() * 0.2, r.nextLong(msl + SECOND));
        if (r.nextBoolean()) p = p.withReorder(r.nextDouble() * 0.2, 0);
        return p;
    }

    /** Mostly a few kB, sometimes nothing, sometimes more than a window. */
    private static int size(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> 1 + r.nextInt(100);
            case 4 -> 20_000 + r.nextInt(80_000);
            default -> 100 + r.nextInt(8_000);
        };
    }

    @Override public String toString() {
        return "scenario seed " + seed + ":\n  " + String.join("\n  ", notes);
    }
}
