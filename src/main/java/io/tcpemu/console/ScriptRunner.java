package io.tcpemu.console;

import io.tcpemu.emulation.Emulation;

import java.util.List;
import java.util.function.Consumer;

/**
 * Plays timed console commands (a scenario's {@code script}): each step waits until its emulated
 * time, then runs; the first failure stops the script with the step's index and the error.
 */
public final class ScriptRunner {

    /** One timed command; {@code where} says where it was written ("x.conf:12"), or "". */
    public record Step(long at, String command, String where) {}

    /** How a script ended: {@code failedIndex} is -1 when every step ran. */
    public record Outcome(int stepsRun, int failedIndex, String error) {
        public boolean ok() { return failedIndex < 0; }
    }

    private final CommandLanguage language;
    private final Consumer<String> output;

    public ScriptRunner(CommandLanguage language, Consumer<String> output) {
        this.language = language;
        this.output = output;
    }

    public Outcome run(List<Step> steps) {
        Emulation emu = language.session().emulation();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            long wait = step.at() - emu.now();
            if (wait > 0) emu.advance(wait);
            CommandLanguage.Result r = language.execute(step.command());
            if (!r.output().isEmpty()) output.accept(r.output().stripTrailing());
            if (!r.ok()) {
                String where = step.where().isEmpty() ? "" : " (" + step.where() + ")";
                return new Outcome(i, i, "script step " + i + where + " '" + step.command() + "': " + r.error());
            }
        }
        return new Outcome(steps.size(), -1, "");
    }

    /** The steps of a loaded scenario file. */
    public static List<Step> steps(List<io.tcpemu.config.ScriptStep> script) {
        return script.stream().map(s -> new Step(s.at(), s.command(), s.where())).toList();
    }
}
