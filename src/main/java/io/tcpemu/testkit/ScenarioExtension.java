package io.tcpemu.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.util.function.Supplier;

/**
 * A scenario per test, closed after it, for JUnit 5:
 * <pre>
 *   &#64;RegisterExtension
 *   final ScenarioExtension scenarios = ScenarioExtension.of(() -&gt;
 *           Scenario.builder().host("a").host("b").link("a", "b", ms(10)));
 *
 *   &#64;Test void handshake() {
 *       Scenario scenario = scenarios.get();
 *       ...
 *   }
 * </pre>
 * The scenario starts on the first {@link #get()} (a test may {@link #start} its own instead).
 * When a test fails with an assertion that does not explain itself (a plain AssertJ one), the
 * extension appends the ladder diagrams of the scenario's connections to the message.
 */
public final class ScenarioExtension implements AfterEachCallback, TestExecutionExceptionHandler {
    private final Supplier<ScenarioBuilder> recipe;
    private Scenario current;

    private ScenarioExtension(Supplier<ScenarioBuilder> recipe) { this.recipe = recipe; }

    /** An extension that builds each test's scenario from {@code recipe}. */
    public static ScenarioExtension of(Supplier<ScenarioBuilder> recipe) { return new ScenarioExtension(recipe); }

    /** This test's scenario, started from the recipe on first use. */
    public Scenario get() {
        if (current == null) current = recipe.get().build();
        return current;
    }

    /** Starts this test's scenario from {@code builder} instead of the recipe; closes any earlier one. */
    public Scenario start(ScenarioBuilder builder) {
        close();
        current = builder.build();
        return current;
    }

    @Override public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (current == null || !(failure instanceof AssertionError) || String.valueOf(failure.getMessage()).contains(Explain.HEADING)) {
            throw failure;
        }
        // Not chained: the cause would print the same message twice.
        AssertionError explained = new AssertionError(failure.getMessage() + "\n\n"
                + Explain.ladders(current.trace(), current.connections()));
        explained.setStackTrace(failure.getStackTrace());
        throw explained;
    }

    @Override public void afterEach(ExtensionContext context) { close(); }

    private void close() {
        if (current != null) current.close();
        current = null;
    }
}
