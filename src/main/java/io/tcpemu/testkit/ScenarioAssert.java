package io.tcpemu.testkit;

/** Assertions on a whole {@link Scenario}; start with {@link ScenarioAssertions#assertThat(Scenario)}. */
public final class ScenarioAssert {
    private final Scenario scenario;

    ScenarioAssert(Scenario scenario) { this.scenario = scenario; }

    /** Narrows to one connection end. */
    public ConnectionAssert connection(Conn end) { return new ConnectionAssert(end, scenario); }

    /** Narrows to the segments {@code query} selects. */
    public SegmentsAssert segments(Segments query) { return new SegmentsAssert(query); }

    /** {@code host} holds exactly {@code count} connections in its TIME-WAIT table now. */
    public ScenarioAssert hasTimeWaitEntries(String host, int count) {
        int actual = scenario.timeWaitCount(host);
        if (actual != count) {
            throw Explain.failure("expected " + count + " TIME-WAIT entries on " + host + " at " + Time.format(scenario.now())
                    + " but there are " + actual, scenario, scenario.connections());
        }
        return this;
    }
}
