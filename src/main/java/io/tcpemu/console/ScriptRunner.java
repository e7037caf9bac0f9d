package io.tcpemu.console;

import io.tcpemu.emulation.Emulation;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Plays timed console commands (a scenario's {@code script}): each step waits until its emulated
 * time, then runs; the first failure stops the script with the step's index and the error.
 */
public final class ScriptRunner {

    /** One timed command; {@code where} says where it was written ("x.conf:12"), or "". */
    public record Step(long at, String command, String where) {}

    /**
     * How a script ended: {@code failedIndex} is -1 when every step ran; {@code error} names the
     * step and says what went wrong, {@code problem} only what went wrong.
     */
    public record Outcome(int stepsRun, int failedIndex, String error, String problem) {
        public boolean ok() { return failedIndex < 0; }
    }

    private final CommandLanguage language;
    private final Consumer<String> output;

    public ScriptRunner(CommandLanguage language, Consumer<String> output) {
        this.language = language;
        this.output = output;
    }

    public Outcome run(List<Step> steps) { return run(steps, () -> false); }

    /** As {@link #run(List)}, but asks {@code stop} before each step (Ctrl-C): true leaves the rest unplayed. */
    public Outcome run(List<Step> steps, BooleanSupplier stop) {
        Emulation emu = language.session().emulation();
        for (int i = 0; i < steps.size(); i++) {
            if (stop.getAsBoolean()) return new Outcome(i, -1, "", "");
            Step step = steps.get(i);
            long wait = step.at() - emu.now();
            if (wait > 0) emu.advance(wait);
            if (stop.getAsBoolean()) return new Outcome(i, -1, "", "");   // stopped while waiting for the step's time
            CommandLanguage.Result r = language.execute(step.command());
            if (!r.output().isEmpty()) output.accept(r.output().stripTrailing());
            if (!r.ok()) {
                String where = step.where().isEmpty() ? "" : " (" + step.where() + ")";
                return new Outcome(i, i, "script step " + i + where + " '" + step.command() + "': " + r.error(), r.error());
            }
        }
        return new Outcome(steps.size(), -1, "", "");
    }

    /** The steps of a loaded scenario file. */
    public static List<Step> steps(List<io.tcpemu.config.ScriptStep> script) {
        return script.stream().map(s -> new Step(s.at(), s.command(), s.where())).toList();
    }
}
