package io.tcpemu.runtime.fault;

/**
 * A fault rule or link parameter that could not be read. The message names the rule, the bad
 * token and what was expected, so configs and the console can show it as it is.
 */
public final class RuleSyntaxException extends IllegalArgumentException {
    public RuleSyntaxException(String message) { super(message); }
}
