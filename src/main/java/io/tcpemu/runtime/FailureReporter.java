package io.tcpemu.runtime;

import io.tcpemu.trace.TraceEvent;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;


/**
 * Publishes an actor's failure on the trace as {@code HostEvent(kind "failure")}, tells the
 * emulation ({@link RuntimeEnv#onFailure}: over partitions that ends the run) and passes it on to
 * the supervisor, so a restarted link or host is never a silent one.
 */
final class FailureReporter<T> extends BehaviorInterceptor<T, T> {
    private final String who;
    private final RuntimeEnv env;

    @SuppressWarnings("unchecked")
    private FailureReporter(String who, RuntimeEnv env) {
        super((Class<T>) (Class<?>) Object.class);
        this.who = who;
        this.env = env;
    }

    /** The behavior, restarted on any exception after the failure is published. */
    static <T> Behavior<T> restarting(Behavior<T> behavior, String who, RuntimeEnv env) {
        Behavior<T> reported = Behaviors.intercept(() -> new FailureReporter<>(who, env), behavior);
        return Behaviors.supervise(reported).onFailure(Exception.class, SupervisorStrategy.restart());
    }

    /** Runs one step of the actor; a failure is published, then thrown on to the supervisor. No lambda: this is every message's path. */
    @Override
    public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
        try {
            return target.apply(ctx, msg);
        } catch (RuntimeException e) {
            throw reported(e);
        }
    }

    @Override
    public Behavior<T> aroundSignal(TypedActorContext<T> ctx, Signal signal, SignalTarget<T> target) {
        try {
            return target.apply(ctx, signal);
        } catch (RuntimeException e) {
            throw reported(e);
        }
    }

    private RuntimeException reported(RuntimeException e) {
        env.trace().publish(new TraceEvent.HostEvent(env.time().now(), who, "failure", e + "; restarting"));
        env.failed(who, e);
        return e;
    }
}
