package io.tcpemu.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a scenario file says, read and checked once (as pekko-samples' {@code FogSettings}).
 * Build one with {@link ConfigLoader}.
 *
 * @param run       seed, clock and stop conditions
 * @param hosts     hosts by name, in alphabetical order
 * @param links     every link direction ({@code between} gives two)
 * @param routers   routers by name, in alphabetical order
 * @param script    timed console commands, in order of time
 * @param workload  the load generator ({@link WorkloadSettings#enabled()} says whether there is one)
 * @param sweep     the parameters to sweep, if any
 * @param output    what to write and show
 * @param expect    outcomes to check at the end
 * @param cluster   where it runs: this JVM, or a cluster of tcpemu nodes
 * @param effective the whole merged {@code tcpemu} section, defaults included
 */
public record Settings(RunSettings run, Map<String, HostSettings> hosts, List<LinkSettings> links, Map<String, RouterSettings> routers,
                       List<ScriptStep> script, WorkloadSettings workload, SweepSettings sweep,
                       OutputSettings output, ExpectSettings expect, ClusterSettings cluster, Config effective) {

    /**
     * The row a host's figures are shown in: the name its config wrote, so the hosts of one
     * {@code count} (client-1 .. client-1000) are summed as "client"; any other name as it is.
     */
    public String rowOf(String host) {
        HostSettings h = hosts.get(host);
        return h == null ? host : h.configName();
    }

    /** The host of that name, or null. */
    public HostSettings host(String name) { return hosts.get(name); }

    /** The link carrying segments from one host to another, or null. */
    public LinkSettings link(String from, String to) {
        for (LinkSettings l : links) if (l.from().equals(from) && l.to().equals(to)) return l;
        return null;
    }

    /**
     * The effective settings as a HOCON file under {@code tcpemu}, for a results folder. Where the
     * run happened ({@code cluster}) is left out: a run on a cluster writes the folder a local run does.
     */
    public String renderEffective() {
        return effective.withoutPath("cluster").atKey("tcpemu").root().render(ConfigRenderOptions.defaults()
                .setOriginComments(false).setComments(true).setJson(false));
    }

    static Settings create(Reader r, Schema schema) {
        Map<String, HostSettings> hosts = hosts(r);
        Map<String, RouterSettings> routers = routers(r, hosts.keySet());
        Set<String> nodes = new TreeSet<>(hosts.keySet());
        nodes.addAll(routers.keySet());
        HostGroups groups = new HostGroups(hosts);
        List<LinkSettings> links = links(r, nodes, groups);
        TopologyChecks.checkRoutes(r, hosts, routers, links);
        TopologyChecks.checkLoadBalancers(r, hosts, routers, links);
        List<ScriptStep> script = script(r, hosts.keySet());
        WorkloadSettings workload = groups.expand(WorkloadSettings.create(r.at("workload")));
        TopologyChecks.checkWorkload(r.at("workload"), workload, hosts.keySet(), routers.isEmpty() ? links : null);
        OutputSettings output = OutputSettings.create(r.at("output"));
        TopologyChecks.checkOutput(r.at("output"), output, hosts.keySet(), links);
        return new Settings(RunSettings.create(r, hosts.values()), hosts, links, routers, script, workload,
                SweepSettings.create(r.at("sweep"), schema::knows), output,
                ExpectSettings.create(r.at("expect")), ClusterSettings.create(r.at("cluster")), r.config());
    }

    private static Map<String, HostSettings> hosts(Reader r) {
        Set<String> names = new TreeSet<>(r.config().getObject("hosts").keySet());
        Set<Integer> taken = new HashSet<>();
        for (String name : names) {
            Config host = r.config().getConfig(ConfigUtil.joinPath("hosts", name));
            if (host.hasPath("address")) taken.add(TopologyChecks.quietIp(host));
        }
        Map<String, HostSettings> hosts = new LinkedHashMap<>();
        int next = TopologyChecks.FIRST_ADDRESS;
        for (String name : names) {
            Reader host = r.withDefaults(ConfigUtil.joinPath("hosts", name), "host-defaults");
            if (!TopologyChecks.isName(name)) host.problem("", TopologyChecks.NAME_RULE);
            int count = host.integer("count", 1, HostSettings.MAX_COUNT);
            while (!free(taken, next, count)) next++;
            int auto = HostSettings.NO_ADDRESS;
            if (!host.isSet("address")) {
                auto = next;
                next += count;
            }
            HostSettings h = HostSettings.create(name, host, auto);
            if (count == 1) {
                hosts.put(name, h);
            } else if (HostGroups.check(host, h, count, names)) {
                for (int k = 1; k <= count; k++) hosts.put(name + "-" + k, h.member(k));
            }
        }
        TopologyChecks.checkAddresses(r, hosts);
        return Collections.unmodifiableMap(hosts);
    }

    /** True when {@code count} addresses from {@code first} are all free. */
    private static boolean free(Set<Integer> taken, int first, int count) {
        for (int k = 0; k < count; k++) if (taken.contains(first + k)) return false;
        return true;
    }

    private static Map<String, RouterSettings> routers(Reader r, Set<String> hosts) {
        Map<String, RouterSettings> routers = new LinkedHashMap<>();
        for (String name : new TreeSet<>(r.config().getObject("routers").keySet())) {
            Reader router = r.withDefaults(ConfigUtil.joinPath("routers", name), "router-defaults");
            if (!TopologyChecks.isName(name)) router.problem("", TopologyChecks.NAME_RULE);
            if (hosts.contains(name)) router.problem("", "expected a name of its own, but a host is called " + name + " too");
            routers.put(name, RouterSettings.create(name, router));
        }
        return Collections.unmodifiableMap(routers);
    }

    private static List<LinkSettings> links(Reader r, Set<String> hosts, HostGroups groups) {
        List<LinkSettings> written = new ArrayList<>();   // as written, a count's name standing for its hosts
        List<LinkSettings> links = new ArrayList<>();
        ConfigList list = r.list("links", "a list of links such as [ { between = [a, b] } ]");
        Config defaults = r.config().getConfig("link-defaults");
        for (int i = 0; list != null && i < list.size(); i++) {
            Reader link = Reader.of((ConfigObject) list.get(i), defaults, "links[" + i + "]", r.problems);
            List<LinkSettings> directions = LinkSettings.create(link);
            if (!TopologyChecks.checkLink(link, directions, groups.withGroups(hosts), written)) continue;
            written.addAll(directions);
            links.addAll(groups.expand(link, directions));
        }
        return List.copyOf(links);
    }

    private static List<ScriptStep> script(Reader r, Set<String> hosts) {
        List<ScriptStep> steps = new ArrayList<>();
        ConfigList list = r.list("script", "a list of steps such as [ { at = 10ms, do = \"connect a b:80\" } ]");
        for (int i = 0; list != null && i < list.size(); i++) {
            ConfigValue v = list.get(i);
            Reader step = Reader.of((ConfigObject) v, ConfigFactory.empty(), "script[" + i + "]", r.problems);
            ScriptStep s = ScriptStep.create(step);
            TopologyChecks.checkScript(step, s, hosts);
            steps.add(s);
        }
        steps.sort(Comparator.comparingLong(ScriptStep::at));
        return List.copyOf(steps);
    }
}
