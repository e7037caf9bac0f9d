package io.tcpemu.cluster;

import java.util.List;

/**
 * A run a submitter asks of the cluster: the scenario file's path and text (a node uses its own copy
 * when it holds the same file at that path, so includes resolve as on the submitter), what the
 * command line picked, and the name of the results folder (report.html's title shows it).
 */
public record Job(String scenarioPath, String scenarioText, List<String> overrides, String variant, String point,
                  String connection, boolean quiet, String resultsName) {}
