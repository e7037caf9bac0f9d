package io.tcpemu.runtime;

import io.tcpemu.tcp.FourTuple;
import io.tcpemu.tcp.Segment;
import io.tcpemu.tcp.SockAddr;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A map from 4-tuple to value, looked up by the tuple's four numbers: open addressing, the key
 * packed in a {@code long} (remote address and port, local port) beside the local address, so a
 * look-up reads two arrays and no object. A host looks up every arriving segment's tuple and, for
 * every connect, the tuple of each port it tries, in tables of up to a million entries (its
 * connections, its TIME-WAIT entries): a {@code HashMap} took a new {@link FourTuple} per look-up
 * and read a node, the tuple and both its addresses for the compare, each a cache miss in a big table.
 *
 * @param <V> the value; {@code tupleOf} gives each value's tuple back (the table keeps no tuples)
 */
final class TupleTable<V> {
    private static final int MIN_CAPACITY = 16;

    private final Function<V, FourTuple> tupleOf;
    private long[] keys = new long[MIN_CAPACITY];
    private int[] localIps = new int[MIN_CAPACITY];
    private Object[] values = new Object[MIN_CAPACITY];
    private int size;

    TupleTable(Function<V, FourTuple> tupleOf) { this.tupleOf = tupleOf; }

    int size() { return size; }

    boolean isEmpty() { return size == 0; }

    V get(FourTuple tuple) {
        SockAddr local = tuple.local(), remote = tuple.remote();
        return get(local.ip(), local.port(), remote.ip(), remote.port());
    }

    /** The value under the tuple its receiver files {@code seg} under ({@link FourTuple#ofArriving}), without making that tuple. */
    V getArriving(Segment seg) {
        SockAddr dst = seg.dst(), src = seg.src();
        return get(dst.ip(), dst.port(), src.ip(), src.port());
    }

    boolean containsKey(FourTuple tuple) { return get(tuple) != null; }

    @SuppressWarnings("unchecked")
    V get(int localIp, int localPort, int remoteIp, int remotePort) {
        long key = key(localPort, remoteIp, remotePort);
        int mask = keys.length - 1;
        for (int i = slot(key, localIp, mask); ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) return null;
            if (keys[i] == key && localIps[i] == localIp) return (V) v;
        }
    }

    /** Enters {@code value} under its tuple; returns the value it replaced, or null. */
    @SuppressWarnings("unchecked")
    V put(V value) {
        FourTuple tuple = tupleOf.apply(value);
        SockAddr local = tuple.local(), remote = tuple.remote();
        long key = key(local.port(), remote.ip(), remote.port());
        int localIp = local.ip();
        int mask = keys.length - 1;
        int i = slot(key, localIp, mask);
        for (; values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key && localIps[i] == localIp) {
                V old = (V) values[i];
                values[i] = value;
                return old;
            }
        }
        keys[i] = key;
        localIps[i] = localIp;
        values[i] = value;
        if (++size * 2 > keys.length) grow();
        return null;
    }

    /** Removes the value under {@code tuple}; returns it, or null if there was none. */
    @SuppressWarnings("unchecked")
    V remove(FourTuple tuple) {
        SockAddr local = tuple.local(), remote = tuple.remote();
        long key = key(local.port(), remote.ip(), remote.port());
        int localIp = local.ip();
        int mask = keys.length - 1;
        for (int i = slot(key, localIp, mask); ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) return null;
            if (keys[i] == key && localIps[i] == localIp) {
                closeGap(i, mask);
                size--;
                return (V) v;
            }
        }
    }

    /** The values, in the table's order (a function of the tuples only, the same in every run). */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> all = new ArrayList<>(size);
        for (Object v : values) if (v != null) all.add((V) v);
        return all;
    }

    /** Linear probing's deletion: later entries of the run move back into the gap, so no look-up stops early. */
    private void closeGap(int gap, int mask) {
        for (int i = (gap + 1) & mask; values[i] != null; i = (i + 1) & mask) {
            int home = slot(keys[i], localIps[i], mask);
            // the entry at i may fill the gap if its home is not within (gap, i], cyclically
            boolean stays = gap <= i ? (gap < home && home <= i) : (gap < home || home <= i);
            if (stays) continue;
            keys[gap] = keys[i];
            localIps[gap] = localIps[i];
            values[gap] = values[i];
            gap = i;
        }
        values[gap] = null;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldIps = localIps;
        Object[] oldValues = values;
        int capacity = oldKeys.length * 2;
        keys = new long[capacity];
        localIps = new int[capacity];
        values = new Object[capacity];
        int mask = capacity - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldValues[j] == null) continue;
            int i = slot(oldKeys[j], oldIps[j], mask);
            while (values[i] != null) i = (i + 1) & mask;
            keys[i] = oldKeys[j];
            localIps[i] = oldIps[j];
            values[i] = oldValues[j];
        }
    }

    private static long key(int localPort, int remoteIp, int remotePort) {
        return ((long) remoteIp << 32) | ((long) (remotePort & 0xFFFF) << 16) | (localPort & 0xFFFF);
    }

    /** A 64-bit mix (SplitMix's finaliser): ports and addresses of one subnet differ in a few low bits. */
    private static int slot(long key, int localIp, int mask) {
        long h = key ^ ((long) localIp * 0x9E37_79B9_7F4A_7C15L);
        h = (h ^ (h >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return (int) (h ^ (h >>> 31)) & mask;
    }
}
