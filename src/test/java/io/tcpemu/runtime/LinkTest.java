package io.tcpemu.runtime;

import io.tcpemu.runtime.fault.FaultRule;
import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The link actor, with a probe standing in for host b and the test in charge of time. */
class LinkTest {
    static final ActorTestKit testKit = ActorTestKit.create(ManualTime.config());
    static final ManualTime manualTime = ManualTime.get(testKit.system());
    static final SockAddr A = SockAddr.of("10.0.0.1", 40000);
    static final SockAddr B = SockAddr.of("10.0.0.2", 80);
    static final Duration QUIET = Duration.ofMillis(50);

    ManualEmuTime time;
    TraceLog trace;
    RuntimeEnv env;
    TestProbe<Host.Command> hostB;

    @AfterAll
    static void stop() { testKit.shutdownTestKit(); }

    @BeforeEach
    void setUp() {
        time = new ManualEmuTime(manualTime);
        trace = new TraceLog();
        env = time.env(trace);
        hostB = testKit.createTestProbe();
        env.directory().addHost("b", B.ip(), hostB.ref());
    }

    ActorRef<Link.Command> link(LinkParams params, String... rules) {
        List<FaultRule> parsed = java.util.Arrays.stream(rules).map(FaultRule::parse).toList();
        return testKit.spawn(Link.create(new LinkSpec("a", "b", params, parsed, 1), env));
    }

    static Segment seg(int flags) { return Segment.control(A, B, 100, 200, flags, 1000); }

    void send(ActorRef<Link.Command> link, Segment s, State state) {
        link.tell(new Link.Transmit(s, state, time.now()));
    }

    /** Waits until the link has taken every message so far, so the test's next clock move comes after. */
    Link.Info info(ActorRef<Link.Command> link) {
        TestProbe<Link.Info> probe = testKit.createTestProbe();
        link.tell(new Link.GetInfo(probe.ref()));
        return probe.receiveMessage();
    }

    @Test
    void delivers_after_the_delay_and_not_before() {
        ActorRef<Link.Command> link = link(LinkParams.ofDelay(10_000));
        send(link, seg(Flags.SYN), State.SYN_SENT);
        assertThat(info(link).inFlight()).isEqualTo(1);
        time.advanceMillis(9);
        hostB.expectNoMessage(QUIET);
        time.advanceMillis(1);
        assertThat(hostB.receiveMessage()).isEqualTo(new Host.Deliver(seg(Flags.SYN)));
        assertThat(trace.segments()).containsExactly("DELIVERED b");
    }

    @Test
    void many_segments_in_flight_arrive_in_order_from_one_queue() {
        ActorRef<Link.Command> link = link(LinkParams.ofDelay(5_000));
        for (int i = 0; i < 3; i++) {
            send(link, Segment.control(A, B, i, 0, Flags.ACK, 1000), State.ESTABLISHED);
            info(link);
            time.advanceMillis(1);
        }
        time.advanceMillis(5);
        List<Integer> seqs = new ArrayList<>();
        while (seqs.size() < 3) Deliveries.of(hostB.receiveMessage()).forEach(s -> seqs.add(s.seq()));
        assertThat(seqs).containsExactly(0, 1, 2);
        assertThat(info(link).stats()).isEqualTo(new Link.Stats(3, 3, 0, 0));
    }

    @Test
    void a_rule_drops_its_segment_and_says_so() {
        ActorRef<Link.Command> link = link(LinkParams.ofDelay(1_000), "drop fin from a");
        send(link, seg(Flags.FIN | Flags.ACK), State.FIN_WAIT_1);
        send(link, seg(Flags.ACK), State.FIN_WAIT_1);
        info(link);
        time.advanceMillis(1);
        assertThat(hostB.receiveMessage()).isEqualTo(new Host.Deliver(seg(Flags.ACK)));
        hostB.expectNoMessage(QUIET);
        assertThat(trace.segments()).containsExactly("DROPPED a->b rule drop fin from a", "DELIVERED b");
    }

    @Test
    void the_final_ack_sent_in_time_wait_is_the_one_dropped() {
        ActorRef<Link.Command> link = link(LinkParams.ofDelay(1_000), "drop ack in TIME-WAIT from a");
        send(link, seg(Flags.ACK), State.ESTABLISHED);
        send(link, seg(Flags.ACK), State.TIME_WAIT);
        info(link);
        time.advanceMillis(1);
        hostB.receiveMessage();
        hostB.expectNoMessage(QUIET);
        assertThat(info(link).stats()).isEqualTo(new Link.Stats(2, 1, 1, 0));
    }

    @Test
    void a_duplicate_arrives_later_than_the_original() {
        ActorRef<Link.Command> link = link(LinkParams.ofDelay(10_000), "duplicate data from a delay 90s");
        Segment data = seg(Flags.ACK | Flags.PSH).withPayload(new byte[]{1, 2, 3});
        send(link, data, State.ESTABLISHED);
        info(link);
        time.advanceMillis(10);
        assertThat(hostB.receiveMessage()).isEqualTo(new Host.Deliver(data));
        time.advanceMillis(89_999);
        hostB.expectNoMessage(QUIET);
        time.advanceMillis(1);
        assertThat(hostB.receiveMessage()).isEqualTo(new Host.Deliver(data));
        assertThat(trace.segments()).containsExactly(
                "DUPLICATED a->b rule duplicate data from a delay 90s", "DELIVERED b", "DELIVERED b");
    }

    @Test
    void a_segment_older_than_msl_is_dropped_at_delivery() {
        ActorRef<Link.Command> link = link(LinkParams.ofDelay(10_000).withMsl(30_000), "delay syn-ack 50ms");
        send(link, seg(Flags.SYN | Flags.ACK), State.SYN_RECEIVED);
        send(link, seg(Flags.ACK), State.ESTABLISHED);
        info(link);
        time.advanceMillis(10);
        assertThat(hostB.receiveMessage()).isEqualTo(new Host.Deliver(seg(Flags.ACK)));
        time.advanceMillis(50);
        hostB.expectNoMessage(QUIET);
        info(link);
        assertThat(trace.segments()).containsExactly("DELIVERED b", "DROPPED a->b msl expired");
    }

    @Test
    void rules_and_parameters_change_at_run_time_with_acknowledgements() {
        ActorRef<Link.Command> link = link(LinkParams.ofDelay(1_000));
        TestProbe<Link.RuleReply> replies = testKit.createTestProbe();
        link.tell(new Link.AddRule("drop 2nd syn", replies.ref()));
        Link.RuleAdded added = (Link.RuleAdded) replies.receiveMessage();
        assertThat(added.rule().text()).isEqualTo("drop 2nd syn");

        link.tell(new Link.AddRule("drop fim", replies.ref()));
        assertThat(replies.receiveMessage()).isEqualTo(new Link.RuleRejected("drop fim",
                "bad fault rule \"drop fim\": word 2 'fim' is not a segment kind: expected one of syn, syn-ack, ack, fin, fin-ack, rst, data, any"));

        TestProbe<Done> done = testKit.createTestProbe();
        link.tell(new Link.SetParams(LinkParams.ofDelay(3_000), done.ref()));
        done.expectMessage(Done.getInstance());
        assertThat(info(link).params().delay()).isEqualTo(3_000);
        assertThat(info(link).rules()).extracting(e -> e.rule().text()).containsExactly("drop 2nd syn");

        link.tell(new Link.AddRule("drop fin from b", replies.ref()));
        assertThat(replies.receiveMessage()).isEqualTo(new Link.RuleRejected("drop fin from b",
                "rule \"drop fin from b\" can never fire on link a->b: every segment on it comes from a; put it on a link from b"));

        link.tell(new Link.RemoveRule(added.id(), replies.ref()));
        assertThat(replies.receiveMessage()).isEqualTo(new Link.RuleRemoved(added.id(), true));
        assertThat(info(link).rules()).isEmpty();

        link.tell(new Link.AddRule("drop syn", replies.ref()));
        link.tell(new Link.AddRule("drop fin", replies.ref()));
        replies.receiveSeveralMessages(2);
        link.tell(new Link.ClearRules(replies.ref()));
        assertThat(replies.receiveMessage()).isEqualTo(new Link.RulesCleared(2));
        assertThat(info(link).rules()).isEmpty();
    }

    @Test
    void a_segment_to_an_unknown_address_is_dropped_with_the_address() {
        ActorRef<Link.Command> link = link(LinkParams.IDEAL);
        send(link, Segment.control(A, SockAddr.of("10.0.0.9", 80), 1, 1, Flags.SYN, 1000), State.SYN_SENT);
        info(link);
        time.advanceMillis(1);
        hostB.expectNoMessage(QUIET);
        info(link);
        assertThat(trace.segments()).containsExactly("DROPPED a->b no host at 10.0.0.9");
    }
}
