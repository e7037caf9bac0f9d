package io.tcpemu.workload;

import io.tcpemu.config.HostSettings;
import io.tcpemu.config.LinkSettings;
import io.tcpemu.config.Settings;
import io.tcpemu.runtime.HostSpec;
import io.tcpemu.runtime.Jitter;
import io.tcpemu.runtime.LinkParams;
import io.tcpemu.runtime.PortAllocator;
import io.tcpemu.runtime.Topology;

import java.util.SplittableRandom;

/**
 * The runtime topology a scenario's settings describe: a host spec per host, a link direction per
 * link, every seed split from the run's seed so one seed fixes the run.
 * (Until the emulation facade builds this for everyone.)
 */
final class NetworkPlan {
    private NetworkPlan() {}

    static Topology topology(Settings s) {
        SplittableRandom seeds = new SplittableRandom(s.run().seed());
        Topology.Builder b = Topology.builder().seed(seeds.nextLong());
        for (HostSettings h : s.hosts().values()) b.host(host(h, seeds.nextLong()));
        for (LinkSettings l : s.links()) b.oneWay(l.from(), l.to(), params(l));
        for (LinkSettings l : s.links()) {
            for (String rule : l.rules()) {
                try {
                    b.rule(l.from(), l.to(), rule);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(l.where() + ": link " + l.name() + ": " + e.getMessage(), e);
                }
            }
        }
        return b.build();
    }

    static HostSpec host(HostSettings h, long seed) {
        return new HostSpec(h.name(), h.address(), h.tcp(), h.ports().lo(), h.ports().hi(),
                PortAllocator.Algorithm.valueOf(h.portAlgorithm().name()), h.twReuse(),
                h.maxTwBuckets() == 0 ? Integer.MAX_VALUE : h.maxTwBuckets(), seed);
    }

    static LinkParams params(LinkSettings l) {
        Jitter jitter = new Jitter(Jitter.Distribution.valueOf(l.jitter().distribution().name()), l.jitter().amount());
        return LinkParams.ofDelay(l.delay()).withJitter(jitter).withLoss(l.loss()).withDuplicate(l.duplicate(), 0)
                .withReorder(l.reorder(), l.reorderDelay()).withBandwidth(l.bandwidth(), l.queueLimit()).withMsl(l.msl());
    }
}
