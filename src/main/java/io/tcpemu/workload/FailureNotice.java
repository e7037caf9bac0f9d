package io.tcpemu.workload;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Tells the workload supervisor that one of its drivers failed, before the failure goes on to the
 * restart strategy: a restart must never be silent.
 */
final class FailureNotice<T> extends BehaviorInterceptor<T, T> {
    private final String driver;
    private final ActorRef<Workload.Command> supervisor;

    @SuppressWarnings("unchecked")
    private FailureNotice(String driver, ActorRef<Workload.Command> supervisor) {
        super((Class<T>) (Class<?>) Object.class);
        this.driver = driver;
        this.supervisor = supervisor;
    }

    static <T> Behavior<T> around(Behavior<T> behavior, String driver, ActorRef<Workload.Command> supervisor) {
        return Behaviors.intercept(() -> new FailureNotice<>(driver, supervisor), behavior);
    }

    @Override
    public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
        try {
            return target.apply(ctx, msg);
        } catch (RuntimeException e) {
            supervisor.tell(new Workload.DriverFailed(driver, e.toString()));
            throw e;
        }
    }

    @Override
    public Behavior<T> aroundSignal(TypedActorContext<T> ctx, Signal signal, SignalTarget<T> target) {
        return target.apply(ctx, signal);
    }
}
