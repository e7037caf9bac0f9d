package io.tcpemu.testkit;

import java.util.Map;

/** A fault rule added by {@link Scenario#rule}: on which links it sits, and how to take it away. */
public final class Rule {
    private final Scenario scenario;
    private final String text;
    private final Map<String, Integer> idsByLink;

    Rule(Scenario scenario, String text, Map<String, Integer> idsByLink) {
        this.scenario = scenario;
        this.text = text;
        this.idsByLink = Map.copyOf(idsByLink);
    }

    /** The link directions it was added to ("a->b"). */
    public java.util.Set<String> links() { return idsByLink.keySet(); }

    /** Removes the rule from every link it was added to, now. */
    public void remove() {
        idsByLink.forEach(scenario::removeRule);
    }

    /** The rule as written. */
    @Override public String toString() { return text + " on " + String.join(", ", new java.util.TreeSet<>(links())); }
}
