package io.tcpemu.runtime.fault;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultRuleParserTest {

    @Test
    void drop_fin_from_b() {
        FaultRule r = FaultRule.parse("drop fin from b");
        assertThat(r.action()).isEqualTo(new FaultAction.Drop());
        assertThat(r.pattern().mustSet()).isEqualTo(Flags.FIN);
        assertThat(r.pattern().fromHost()).isEqualTo("b");
        assertThat(r.pattern().nth()).isZero();
        assertThat(r.text()).isEqualTo("drop fin from b");
    }

    @Test
    void drop_2nd_syn_targets_the_second_match_of_a_pure_syn() {
        SegmentPattern p = FaultRule.parse("drop 2nd syn").pattern();
        assertThat(p.nth()).isEqualTo(2);
        assertThat(p.mustSet()).isEqualTo(Flags.SYN);
        assertThat(p.mustClear() & Flags.ACK).isEqualTo(Flags.ACK);
        assertThat(FaultRule.parse("drop second syn").pattern().nth()).isEqualTo(2);
        assertThat(FaultRule.parse("drop first syn").pattern().nth()).isEqualTo(1);
        assertThat(FaultRule.parse("drop every syn").pattern().nth()).isZero();
    }

    @Test
    void the_final_ack_is_a_pure_ack_sent_in_time_wait() {
        SegmentPattern p = FaultRule.parse("drop ack in TIME-WAIT from a").pattern();
        assertThat(p.senderState()).isEqualTo(State.TIME_WAIT);
        assertThat(p.fromHost()).isEqualTo("a");
        assertThat(p.payload()).isEqualTo(SegmentPattern.Payload.EMPTY);
        assertThat(p.mustClear() & (Flags.FIN | Flags.SYN | Flags.RST)).isEqualTo(Flags.FIN | Flags.SYN | Flags.RST);
        assertThat(FaultRule.parse("drop ack in time_wait").pattern().senderState()).isEqualTo(State.TIME_WAIT);
    }

    @Test
    void duplicate_data_with_a_delayed_copy() {
        FaultRule r = FaultRule.parse("duplicate data from a delay 90s");
        assertThat(r.action()).isEqualTo(new FaultAction.Duplicate(90_000_000L));
        assertThat(r.pattern().payload()).isEqualTo(SegmentPattern.Payload.DATA);
        assertThat(FaultRule.parse("dup syn").action()).isEqualTo(new FaultAction.Duplicate(0));
    }

    @Test
    void delay_takes_its_duration_before_or_after_the_kind() {
        assertThat(FaultRule.parse("delay syn-ack 3s").action()).isEqualTo(new FaultAction.Delay(3_000_000L));
        assertThat(FaultRule.parse("delay 250ms syn-ack").action()).isEqualTo(new FaultAction.Delay(250_000L));
        assertThat(FaultRule.parse("delay syn-ack by 1.5s").action()).isEqualTo(new FaultAction.Delay(1_500_000L));
        assertThat(FaultRule.parse("delay synack 3s").pattern().mustSet()).isEqualTo(Flags.SYN | Flags.ACK);
    }

    @Test
    void connections_by_ordinal_or_by_addresses() {
        assertThat(FaultRule.parse("drop the 1st fin of conn 3").pattern().connection()).isEqualTo(3);
        SegmentPattern p = FaultRule.parse("drop rst conn 10.0.0.1:40000-10.0.0.2:80").pattern();
        assertThat(p.tuple().local()).isEqualTo(SockAddr.of("10.0.0.1", 40000));
        assertThat(p.tuple().remote()).isEqualTo(SockAddr.of("10.0.0.2", 80));
    }

    @Test
    void flags_and_payload_can_be_required_or_excluded() {
        SegmentPattern rstAlone = FaultRule.parse("drop rst -ack").pattern();
        assertThat(rstAlone.mustSet()).isEqualTo(Flags.RST);
        assertThat(rstAlone.mustClear()).isEqualTo(Flags.ACK);
        SegmentPattern pushed = FaultRule.parse("delay any +psh with data 1s").pattern();
        assertThat(pushed.mustSet()).isEqualTo(Flags.PSH);
        assertThat(pushed.payload()).isEqualTo(SegmentPattern.Payload.DATA);
        assertThat(FaultRule.parse("drop ack with data").pattern().payload()).isEqualTo(SegmentPattern.Payload.DATA);
        assertThat(FaultRule.parse("drop fin without data").pattern().payload()).isEqualTo(SegmentPattern.Payload.EMPTY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                  | bad fault rule \"\": empty rule: expected an action (drop, delay or duplicate)",
            "dorp syn            | bad fault rule \"dorp syn\": word 1 'dorp' is not an action: expected drop, delay or duplicate",
            "drop fim from b     | bad fault rule \"drop fim from b\": word 2 'fim' is not a segment kind: expected one of syn, syn-ack, ack, fin, fin-ack, rst, data, any",
            "drop                | bad fault rule \"drop\": 'drop' needs a segment kind after it: expected one of syn, syn-ack, ack, fin, fin-ack, rst, data, any",
            "drop fin from       | bad fault rule \"drop fin from\": 'from' at the end needs a host name, e.g. 'from b' after it",
            "drop ack in TIME-WAT| bad fault rule \"drop ack in TIME-WAT\": word 4 'TIME-WAT' is not a TCP state: expected one of CLOSED, LISTEN, SYN-SENT, SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT",
            "drop syn quickly    | bad fault rule \"drop syn quickly\": word 3 'quickly' was not expected here: expected in STATE, from HOST, conn N, conn IP:PORT-IP:PORT, delay DURATION, with data, without data, +FLAG or -FLAG",
            "delay syn-ack       | bad fault rule \"delay syn-ack\": 'delay' needs a duration, e.g. 'delay syn-ack 3s'",
            "delay syn by soon   | bad fault rule \"delay syn by soon\": word 4 'soon' is not a duration: expected a number and a unit, e.g. 500us, 200ms, 3s, 2m",
            "drop fin 3s         | bad fault rule \"drop fin 3s\": 'drop' takes no duration: only delay and duplicate do",
            "drop fin conn zero  | bad fault rule \"drop fin conn zero\": word 4 'zero' is not a connection: expected a number from 1 (the 1st connection seen on the link) or IP:PORT-IP:PORT, e.g. 10.0.0.1:40000-10.0.0.2:80",
            "drop 0th syn        | bad fault rule \"drop 0th syn\": word 2 '0th' is not an occurrence: expected 1st or later",
            "drop syn +ack       | bad fault rule \"drop syn +ack\": word 3 '+ack' contradicts 'syn': expected a flag that kind allows",
            "drop rst +urg       | bad fault rule \"drop rst +urg\": word 3 '+urg' is not a flag: expected + or - and one of syn, ack, fin, rst, psh, e.g. -ack",
            "drop fin with bytes | bad fault rule \"drop fin with bytes\": word 4 'bytes' was not expected here: expected data",
    })
    void bad_rules_name_the_word_and_what_was_expected(String rule, String message) {
        assertThatThrownBy(() -> FaultRule.parse(rule))
                .isInstanceOf(RuleSyntaxException.class)
                .hasMessage(message);
    }
}
