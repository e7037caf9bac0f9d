package io.tcpemu.runtime;

import io.tcpemu.tcp.Flags;
import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link TupleTable} against a {@code HashMap} keyed by the tuple: the same answers after any mix of puts and removes. */
class TupleTableTest {

    /** A value that knows its tuple, as an endpoint or a TIME-WAIT entry does. */
    private record Entry(FourTuple tuple, int id) {}

    private static FourTuple tuple(int localIp, int localPort, int remoteIp, int remotePort) {
        return new FourTuple(new SockAddr(localIp, localPort), new SockAddr(remoteIp, remotePort));
    }

    @Test
    void answers_as_a_hash_map_through_growth_and_removals() {
        TupleTable<Entry> table = new TupleTable<>(Entry::tuple);
        Map<FourTuple, Entry> reference = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            // few addresses and ports, so tuples repeat, and two local addresses share every other number
            FourTuple t = tuple(0x0A000001 + random.nextInt(2), 32768 + random.nextInt(300), 0x0A000002 + random.nextInt(3), 80 + random.nextInt(2));
            int op = random.nextInt(10);
            if (op < 5) {
                Entry e = new Entry(t, i);
                assertThat(table.put(e)).isEqualTo(reference.put(t, e));
            } else if (op < 8) {
                assertThat(table.remove(t)).isEqualTo(reference.remove(t));
            } else {
                assertThat(table.get(t)).isEqualTo(reference.get(t));
            }
            assertThat(table.size()).isEqualTo(reference.size());
        }
        for (Map.Entry<FourTuple, Entry> e : reference.entrySet()) assertThat(table.get(e.getKey())).isSameAs(e.getValue());
        assertThat(table.values()).containsExactlyInAnyOrderElementsOf(reference.values());
    }

    @Test
    void an_arriving_segment_finds_its_connection_by_the_receivers_tuple() {
        TupleTable<Entry> table = new TupleTable<>(Entry::tuple);
        Entry conn = new Entry(tuple(0x0A000002, 80, 0x0A000001, 40000), 1);
        table.put(conn);
        Segment toServer = Segment.control(new SockAddr(0x0A000001, 40000), new SockAddr(0x0A000002, 80), 1, 1, Flags.ACK, 65535);
        Segment toOtherPort = Segment.control(new SockAddr(0x0A000001, 40001), new SockAddr(0x0A000002, 80), 1, 1, Flags.ACK, 65535);
        assertThat(table.getArriving(toServer)).isSameAs(conn);
        assertThat(table.getArriving(toOtherPort)).isNull();
        assertThat(table.get(0x0A000003, 80, 0x0A000001, 40000)).isNull();   // the same numbers at another local address
    }

    @Test
    void a_table_emptied_entry_by_entry_finds_nothing_and_fills_again() {
        TupleTable<Entry> table = new TupleTable<>(Entry::tuple);
        for (int port = 1; port <= 5000; port++) table.put(new Entry(tuple(1, port, 2, 80), port));
        for (int port = 1; port <= 5000; port += 2) assertThat(table.remove(tuple(1, port, 2, 80)).id()).isEqualTo(port);
        for (int port = 2; port <= 5000; port += 2) assertThat(table.get(tuple(1, port, 2, 80)).id()).isEqualTo(port);
        for (int port = 2; port <= 5000; port += 2) table.remove(tuple(1, port, 2, 80));
        assertThat(table.isEmpty()).isTrue();
        assertThat(table.get(tuple(1, 7, 2, 80))).isNull();
        table.put(new Entry(tuple(1, 7, 2, 80), 7));
        assertThat(table.values()).extracting(Entry::id).containsExactly(7);
    }
}
