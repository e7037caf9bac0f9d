package io.tcpemu.testkit;

/**
 * Entry points of the fluent assertions. A failed assertion's message ends with the ladder
 * diagram of the connections involved, so the failure explains itself:
 * <pre>
 *   import static io.tcpemu.testkit.ScenarioAssertions.assertThat;
 *
 *   assertThat(scenario).connection(client).passedThrough(FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT, CLOSED);
 *   assertThat(scenario.segments().from("b").withFlags(FIN)).hasCount(2);
 * </pre>
 * These overload AssertJ's {@code assertThat}; both can be imported statically side by side.
 */
public final class ScenarioAssertions {
    private ScenarioAssertions() {}

    /** Assertions on a scenario as a whole; {@code .connection(c)} narrows to one end. */
    public static ScenarioAssert assertThat(Scenario scenario) { return new ScenarioAssert(scenario); }

    /** Assertions on one connection end. */
    public static ConnectionAssert assertThat(Conn end) { return new ConnectionAssert(end, end.scenario()); }

    /** Assertions on the segments a query selects. */
    public static SegmentsAssert assertThat(Segments segments) { return new SegmentsAssert(segments); }
}
