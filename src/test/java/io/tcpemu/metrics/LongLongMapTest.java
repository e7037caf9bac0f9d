package io.tcpemu.metrics;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LongLongMapTest {

    /** Any mix of puts and removes over a small key space (many collisions and shifts) matches a HashMap. */
    @Property(tries = 200)
    void behaves_like_a_hash_map(@ForAll @Size(max = 400) List<@IntRange(min = -50, max = 200) Integer> ops) {
        LongLongMap map = new LongLongMap();
        Map<Long, Long> model = new HashMap<>();
        long step = 0;
        for (int op : ops) {
            long key = Math.abs(op) * 64L; // multiples of 64 collide more in a power-of-two table
            if (op < 0) {
                Long expected = model.remove(key);
                assertThat(map.remove(key)).isEqualTo(expected == null ? LongLongMap.ABSENT : expected);
            } else {
                map.put(key, step);
                model.put(key, step);
            }
            step++;
        }
        assertThat(map.size()).isEqualTo(model.size());
        for (long k = 0; k <= 200 * 64L; k += 64) {
            Long expected = model.get(k);
            assertThat(map.get(k)).isEqualTo(expected == null ? LongLongMap.ABSENT : expected);
        }
    }
}
