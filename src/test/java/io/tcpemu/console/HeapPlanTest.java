package io.tcpemu.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 22: the console had no heap check. 'write c1 --bytes 2147483647' died of an
 * OutOfMemoryError and 'workload start --rate 1e12' never got past t = 0; both are refused up
 * front, saying what fits, and the session goes on.
 */
class HeapPlanTest {
    final ConsoleFixture f = new ConsoleFixture();

    @AfterEach void stop() { f.close(); }

    @Test
    void a_write_larger_than_the_heap_is_refused_with_what_fits_and_the_connection_goes_on() {
        f.established();
        String error = f.error("write c1 --bytes 2147483647");
        assertThat(error).startsWith("--bytes 2147483647 does not fit in the heap: about 10,239 MiB for the bytes, the reader's copy and the trace of their segments")
                .contains(" MiB is free — write at most ").endsWith(" bytes at a time, or give Java more heap (-Xmx)");
        f.ok("write c1 --bytes 5000");   // the session goes on
    }

    @Test
    void the_write_plan_against_a_small_heap() {
        long small = 256L << 20;
        SocketCommands.fits(50_000_000, small);   // fits: no exception
        assertThatThrownBy(() -> SocketCommands.fits(100_000_000, small)).isInstanceOf(ConsoleError.class)
                .hasMessage("--bytes 100000000 does not fit in the heap: about 476 MiB for the bytes, the reader's copy and the trace of their segments,"
                        + " but about 256 MiB is free — write at most 53687091 bytes at a time, or give Java more heap (-Xmx)");
    }

    @Test
    void earlier_writes_not_yet_delivered_count_against_the_next_one() {
        long small = 200L << 20;   // what a 256 MB heap has free for a workload
        SocketCommands.fits(25_000_000, small, 0);   // alone it fits
        assertThatThrownBy(() -> SocketCommands.fits(25_000_000, small, 25_000_000)).isInstanceOf(ConsoleError.class)
                .hasMessage("--bytes 25000000 does not fit in the heap: about 119 MiB for the bytes, the reader's copy and the trace of their segments,"
                        + " but about 80 MiB is free (after about 119 MiB for the 25000000 bytes of earlier writes not yet delivered)"
                        + " — write at most 16943040 bytes at a time, or give Java more heap (-Xmx)");
    }

    @Test
    void the_session_counts_the_bytes_written_until_the_peer_has_them() {
        f.established();
        f.ok("write c1 --bytes 5000");
        f.ok("write c1 --bytes 3000");
        assertThat(f.session.bytesOnTheirWay()).isEqualTo(8000);
        f.ok("step 1s");
        assertThat(f.session.bytesOnTheirWay()).isZero();
    }

    @Test
    void a_workload_that_cannot_fit_is_refused_before_it_starts() {
        String error = f.error("workload start --clients a --server b:80 --rate 1e12");
        assertThat(error).startsWith("the workload does not fit in the heap: about 1,000,000,000,000 connections open at once")
                .contains("connections fit at once — lower --rate, bound it with --connections N or --duration, or give Java more heap (-Xmx)");
        assertThat(f.session.workload()).isNull();
        assertThat(f.ok("workload start --clients a --server b:80 --rate 100 --connections 3")).startsWith("workload started");
    }
}
