package io.tcpemu.config;

/**
 * One timed console command of a scenario's {@code script}.
 *
 * @param at      emulated time to run it, microseconds
 * @param command the console command line, e.g. "connect a b:80 as c1" (parsed by the console)
 * @param where   "file:line" of the step, so a bad command can be reported where it was written
 */
public record ScriptStep(long at, String command, String where) {

    static ScriptStep create(Reader r) {
        long at = r.micros("at");
        if (!r.isSet("do")) {
            r.problem("do", "expected a console command such as \"connect a b:80\", but it is not set");
            return new ScriptStep(at, "", r.where());
        }
        String command = r.string("do");
        if (command.isBlank()) r.problem("do", "expected a console command such as \"connect a b:80\", got \"\"");
        return new ScriptStep(at, command.trim(), r.where());
    }
}
