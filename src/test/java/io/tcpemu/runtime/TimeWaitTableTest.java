package io.tcpemu.runtime;

import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import io.tcpemu.tcp.TimeWaitEntry;
import org.junit.jupiter.api.Test;

import static io.tcpemu.tcp.TcpConfig.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class TimeWaitTableTest {
    private static final long TW = 60 * SECOND;

    private static FourTuple tuple(int localPort) {
        return new FourTuple(SockAddr.of("10.0.0.1", localPort), SockAddr.of("10.0.0.2", 80));
    }

    private static TimeWaitEntry entry(int localPort, long enteredAt) {
        return new TimeWaitEntry(tuple(localPort), 1000, 2000, 77, enteredAt, enteredAt + TW, localPort);
    }

    @Test
    void entries_expire_in_order_at_their_time() {
        TimeWaitTable table = new TimeWaitTable(10);
        table.put(entry(40000, 0));
        table.put(entry(40001, 5 * SECOND));
        assertThat(table.nextExpiry()).isEqualTo(TW);
        assertThat(table.expire(TW - 1)).isEmpty();
        assertThat(table.expire(TW)).extracting(TimeWaitEntry::origin).containsExactly(40000L);
        assertThat(table.get(tuple(40000))).isNull();
        assertThat(table.nextExpiry()).isEqualTo(TW + 5 * SECOND);
        assertThat(table.expire(Long.MAX_VALUE - 1)).hasSize(1);
        assertThat(table.size()).isZero();
        assertThat(table.nextExpiry()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void a_restarted_entry_expires_at_its_new_time_not_its_old_one() {
        TimeWaitTable table = new TimeWaitTable(10);
        table.put(entry(40000, 0));
        table.put(entry(40001, SECOND));
        table.put(entry(40000, 2 * SECOND)); // a retransmitted FIN restarted the 2·MSL timer
        assertThat(table.size()).isEqualTo(2);
        assertThat(table.nextExpiry()).isEqualTo(TW + SECOND);
        assertThat(table.expire(TW + SECOND)).extracting(TimeWaitEntry::origin).containsExactly(40001L);
        assertThat(table.expire(TW + 2 * SECOND)).extracting(e -> e.tuple().local().port()).containsExactly(40000);
    }

    /** The queue skips a removed entry's place even once the tuple is back with that same expiry (and only one expires). */
    @Test
    void an_entry_removed_and_put_back_expires_once() {
        TimeWaitTable table = new TimeWaitTable(10);
        table.put(entry(40001, 0));
        table.put(entry(40000, SECOND));
        table.put(entry(40002, SECOND));
        table.remove(tuple(40000));
        table.put(entry(40000, SECOND));
        assertThat(table.nextExpiry()).isEqualTo(TW);
        assertThat(table.expire(TW)).extracting(e -> e.tuple().local().port()).containsExactly(40001);
        assertThat(table.expire(TW + SECOND)).extracting(e -> e.tuple().local().port()).containsExactly(40000, 40002);
        assertThat(table.size()).isZero();
        assertThat(table.nextExpiry()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void removed_entries_do_not_expire_and_free_their_port() {
        TimeWaitTable table = new TimeWaitTable(10);
        table.put(entry(40000, 0));
        assertThat(table.holdsPort(40000)).isTrue();
        assertThat(table.remove(tuple(40000))).isNotNull();
        assertThat(table.holdsPort(40000)).isFalse();
        assertThat(table.expire(TW)).isEmpty();
        assertThat(table.remove(tuple(40000))).isNull();
    }

    @Test
    void a_full_table_refuses_new_tuples_but_accepts_restarts() {
        TimeWaitTable table = new TimeWaitTable(2);
        assertThat(table.put(entry(40000, 0))).isTrue();
        assertThat(table.put(entry(40001, 0))).isTrue();
        assertThat(table.isFull()).isTrue();
        assertThat(table.put(entry(40002, 0))).isFalse();
        assertThat(table.get(tuple(40002))).isNull();
        assertThat(table.put(entry(40001, SECOND))).isTrue();
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void tw_reuse_needs_timestamps_and_an_entry_older_than_one_second() {
        TimeWaitEntry withTs = entry(40000, 10 * SECOND);
        TimeWaitEntry noTs = new TimeWaitEntry(tuple(40001), 1, 2, Segment.NO_TIMESTAMP, 0, TW, 1);
        assertThat(TimeWaitTable.reusable(withTs, 11 * SECOND, true)).isTrue();
        assertThat(TimeWaitTable.reusable(withTs, 11 * SECOND - 1, true)).isFalse();
        assertThat(TimeWaitTable.reusable(withTs, 11 * SECOND, false)).isFalse();
        assertThat(TimeWaitTable.reusable(noTs, 30 * SECOND, true)).isFalse();
    }

    @Test
    void an_entry_updated_without_a_restart_keeps_its_place_in_the_queue() {
        TimeWaitTable table = new TimeWaitTable(10);
        table.put(entry(40000, 0));
        table.put(entry(40001, SECOND));
        TimeWaitEntry newerTs = new TimeWaitEntry(tuple(40000), 1000, 2000, 99, 0, TW, 40000);
        table.put(newerTs);
        assertThat(table.nextExpiry()).isEqualTo(TW);
        assertThat(table.expire(TW)).containsExactly(newerTs);
    }

    @Test
    void entries_on_one_local_port_share_one_address_object_to_stay_compact() {
        TimeWaitTable table = new TimeWaitTable(10);
        SockAddr remote2 = SockAddr.of("10.0.0.3", 80);
        table.put(entry(40000, 0));
        table.put(new TimeWaitEntry(new FourTuple(SockAddr.of("10.0.0.1", 40000), remote2), 1, 2, 3, 0, TW, 9));
        FourTuple second = new FourTuple(SockAddr.of("10.0.0.1", 40000), remote2);
        assertThat(table.get(second).tuple().local()).isSameAs(table.get(tuple(40000)).tuple().local());
        assertThat(table.get(second).origin()).isEqualTo(9);
    }
}
