/**
 * Running a scenario file from start to verdict: {@link io.tcpemu.run.Runner} builds the emulation,
 * plays the script and the load, drives virtual time and returns a {@link io.tcpemu.run.RunResult}
 * that {@code tcpemu run}, the scenario tests and the results folder all read.
 */
package io.tcpemu.run;
