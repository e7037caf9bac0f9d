/**
 * Scenario tests for users: build hosts and links on the virtual clock, make socket calls, add
 * fault rules, let time pass, and assert on states, segments and the trace. A failed assertion
 * prints the ladder diagram of what actually happened.
 * <pre>
 *   try (Scenario scenario = Scenario.builder().host("a").host("b").link("a", "b", ms(10)).build()) {
 *       Scenario.Pair c = scenario.open("a", "b", 80);
 *       c.client().close();
 *       scenario.runUntil(c.server(), CLOSE_WAIT);
 *       c.server().close();
 *       scenario.runUntilIdle();
 *       assertThat(scenario).connection(c.client()).passedThrough(FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT, CLOSED);
 *   }
 * </pre>
 * Start with {@link io.tcpemu.testkit.Scenario#builder()}; the assertions are in
 * {@link io.tcpemu.testkit.ScenarioAssertions}; time helpers ({@code ms(10)}) in
 * {@link io.tcpemu.testkit.Time}. Emulated time is in microseconds, as everywhere in tcpemu.
 */
package io.tcpemu.testkit;
