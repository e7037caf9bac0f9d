package io.tcpemu.time;

import org.apache.pekko.serialization.JSerializer;

/**
 * Stands in for Pekko Distributed Data's message serializer in an emulation's actor system, which
 * never talks to another JVM: the real one starts a cache-cleaning timer in every system that has
 * it on the classpath (pekko-cluster-typed, for {@code tcpemu node}), and on the virtual clock that
 * timer would be pending work of its own, moving time on its own. Serializes nothing.
 */
public final class LocalOnlySerializer extends JSerializer {
    @Override public int identifier() { return 1_797_000_001; }

    @Override public boolean includeManifest() { return false; }

    @Override public byte[] toBinary(Object o) {
        throw new UnsupportedOperationException("an emulation's actor system does not send " + o.getClass().getName() + " to another JVM");
    }

    @Override public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
        throw new UnsupportedOperationException("an emulation's actor system receives nothing from another JVM");
    }
}
