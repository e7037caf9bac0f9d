package io.tcpemu.tcp.pair;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.Profile;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.Seq;
import io.tcpemu.tcp.State;
import io.tcpemu.tcp.TcpConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host keeps TIME-WAIT as a compact {@link io.tcpemu.tcp.TimeWaitEntry}, not a connection. The
 * same closing scenarios, run once with the {@link io.tcpemu.tcp.Connection} kept in TIME-WAIT
 * and once with it replaced by its entry, must give the same trace, segment for segment and to
 * the microsecond.
 */
class TimeWaitTableTest {

    enum Scenario {
        NORMAL_CLOSE(Profile.RFC9293.config(), pair -> {
            pair.a().close();
            pair.runUntil(() -> pair.a().state() == State.FIN_WAIT_2);
            pair.b().close();
        }),
        SIMULTANEOUS_CLOSE(Profile.LINUX.config(), pair -> {
            pair.a().close();
            pair.b().close();
        }),
        LOST_FINAL_ACK(Profile.RFC9293.config(), pair -> {
            pair.a().close();
            pair.runUntil(() -> pair.a().state() == State.FIN_WAIT_2);
            pair.onNext(Dir.A_TO_B, s -> true, Fate.DROP);
            pair.b().close();
        }),
        OLD_DATA_AND_INEXACT_RST(Profile.LINUX.config(), pair -> {
            NORMAL_CLOSE.script.accept(pair);
            pair.runFor(10 * TcpConfig.SECOND);
            int rcvNxt = afterLastFinOfB(pair);
            Segment old = Segment.control(CorePair.B_ADDR, CorePair.A_ADDR, Seq.add(rcvNxt, -20), 0, Flags.ACK, 1000);
            pair.inject(Dir.B_TO_A, old.withPayload(new byte[10]), 0);
            pair.inject(Dir.B_TO_A, Segment.control(CorePair.B_ADDR, CorePair.A_ADDR, Seq.add(rcvNxt, 5), 0, Flags.RST, 0), 0);
        }),
        EXACT_RST(Profile.RFC9293.config(), pair -> {
            NORMAL_CLOSE.script.accept(pair);
            pair.runFor(10 * TcpConfig.SECOND);
            int rcvNxt = afterLastFinOfB(pair);
            pair.inject(Dir.B_TO_A, Segment.control(CorePair.B_ADDR, CorePair.A_ADDR, rcvNxt, 0, Flags.RST, 0), 0);
        });

        final TcpConfig config;
        final Consumer<CorePair> script;

        Scenario(TcpConfig config, Consumer<CorePair> script) {
            this.config = config;
            this.script = script;
        }
    }

    /** A's RCV.NXT once B's FIN is in: one past it. */
    private static int afterLastFinOfB(CorePair pair) {
        var sent = pair.trace().sent(Dir.B_TO_A);
        return Seq.add(sent.get(sent.size() - 1).segment().seq(), 1);
    }

    private static CorePair run(Scenario scenario, boolean table) {
        CorePair pair = CorePair.established(scenario.config, CorePair.DEFAULT_DELAY);
        if (table) {
            pair.a().useTimeWaitTable();
            pair.b().useTimeWaitTable();
        }
        scenario.script.accept(pair);
        return pair.run();
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void the_host_table_answers_as_the_connection_does(Scenario scenario) {
        CorePair connection = run(scenario, false);
        CorePair table = run(scenario, true);

        assertThat(table.trace().dump()).isEqualTo(connection.trace().dump());
        assertThat(table.now()).isEqualTo(connection.now());
        assertThat(connection.lines()).anyMatch(line -> line.startsWith("TIME-WAIT"));
    }
}
