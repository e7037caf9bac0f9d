package io.tcpemu.tcp;

import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The receive buffer against a plain model: a boolean per stream byte. */
class ReceiveBufferTest {
    private static final int CAPACITY = 64;

    private static byte at(int streamPos) { return (byte) (streamPos * 7 + 3); }

    private static byte[] stream(int from, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) b[i] = at(from + i);
        return b;
    }

    @Test
    void ranges_merge_when_the_gap_fills() {
        ReceiveBuffer buf = new ReceiveBuffer(CAPACITY);
        assertThat(buf.write(10, stream(10, 5), 0, 5)).isZero();
        assertThat(buf.write(3, stream(3, 4), 0, 4)).isZero();
        assertThat(buf.write(6, stream(6, 5), 0, 5)).isZero();
        assertThat(buf.outOfOrderBytes()).isEqualTo(12);
        assertThat(buf.write(0, stream(0, 3), 0, 3)).isEqualTo(15);
        assertThat(buf.outOfOrderBytes()).isZero();
        assertThat(buf.read(100)).isEqualTo(stream(0, 15));
    }

    /** Writes random pieces of a stream (in window, any order), reads at random; the bytes read are the stream. */
    @Property(tries = 300)
    void reads_return_the_stream_in_order(@ForAll @Size(max = 60) List<@IntRange(min = 0, max = 1000) Integer> ops) {
        ReceiveBuffer buf = new ReceiveBuffer(CAPACITY);
        boolean[] have = new boolean[10_000];
        int rcvNxt = 0;
        int readPos = 0;
        for (int op : ops) {
            if (op % 5 == 0) {
                byte[] got = buf.read(op % 40);
                assertThat(got).isEqualTo(stream(readPos, got.length));
                readPos += got.length;
                assertThat(buf.readable()).isEqualTo(rcvNxt - readPos);
                continue;
            }
            int offset = op % 23;
            int len = 1 + op % 17;
            if (offset + len > buf.window()) continue;
            int advanced = buf.write(offset, stream(rcvNxt + offset, len), 0, len);
            for (int i = 0; i < len; i++) have[rcvNxt + offset + i] = true;
            int expected = 0;
            while (have[rcvNxt + expected]) expected++;
            assertThat(advanced).isEqualTo(offset == 0 ? expected : 0);
            rcvNxt += advanced;
            int ooo = 0;
            for (int i = rcvNxt; i < rcvNxt + CAPACITY; i++) if (have[i]) ooo++;
            assertThat(buf.outOfOrderBytes()).isEqualTo(ooo);
        }
    }
}
