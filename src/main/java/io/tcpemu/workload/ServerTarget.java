package io.tcpemu.workload;

import io.tcpemu.tcp.SockAddr;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A server as a client driver sees it: where to connect, and its application actor, which the
 * driver tells directly when both ends must close at the same instant.
 */
record ServerTarget(SockAddr address, ActorRef<ServerApp.Command> app) {}
