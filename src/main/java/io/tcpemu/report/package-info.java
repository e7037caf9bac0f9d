/**
 * Pictures of a run: pcap files, ladder diagrams (text, SVG, Mermaid), the RFC 9293 state graph
 * (DOT, SVG), plots (PNG, SVG) and a self-contained report.html. Every writer is pure: it reads
 * trace events or plain numbers and writes bytes; none of them runs or watches an emulation.
 */
package io.tcpemu.report;
