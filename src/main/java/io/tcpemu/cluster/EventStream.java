package io.tcpemu.cluster;

import org.apache.pekko.actor.typed.ActorRef;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A PrintStream whose text goes to the submitter as {@link RunEvent.Output}, a message per flushed line or block. */
final class EventStream extends OutputStream {
    private final ActorRef<RunEvent> to;
    private final boolean err;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private EventStream(ActorRef<RunEvent> to, boolean err) {
        this.to = to;
        this.err = err;
    }

    static PrintStream to(ActorRef<RunEvent> to, boolean err) {
        return new PrintStream(new EventStream(to, err), true, StandardCharsets.UTF_8);
    }

    @Override public synchronized void write(int b) { buffer.write(b); }

    @Override public synchronized void write(byte[] b, int off, int len) { buffer.write(b, off, len); }

    @Override public synchronized void flush() {
        if (buffer.size() == 0) return;
        to.tell(new RunEvent.Output(err, buffer.toString(StandardCharsets.UTF_8)));
        buffer.reset();
    }
}
