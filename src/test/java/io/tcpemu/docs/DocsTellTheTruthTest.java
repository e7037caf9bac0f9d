package io.tcpemu.docs;

import io.tcpemu.config.ConfigLoader;
import io.tcpemu.config.LinkSettings;
import io.tcpemu.config.Settings;
import io.tcpemu.runtime.Jitter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What the docs and the scenario comments say about a number is what the code does. */
class DocsTellTheTruthTest {

    @Test
    void pareto_jitter_amount_is_its_mean_from_zero_and_every_doc_says_so() throws IOException {
        Jitter pareto = new Jitter(Jitter.Distribution.PARETO, 1_000);
        SplittableRandom rnd = new SplittableRandom(1);
        long min = Long.MAX_VALUE;
        double sum = 0;
        int n = 400_000;
        for (int i = 0; i < n; i++) {
            long x = pareto.sample(rnd);
            min = Math.min(min, x);
            sum += x;
        }
        assertThat(min).isZero();
        // Lomax shape 2, scale 1000: mean 1000, 1000 × (1 − 1/21) ≈ 952 under the cap at 20 000
        assertThat(sum / n).isCloseTo(952, within(15.0));
        for (String doc : new String[] {"src/main/resources/reference.conf", "docs/links.md", "docs/config-reference.md"}) {
            String text = Files.readString(Path.of(doc)).replaceAll("\\s+", " ");
            Matcher m = Pattern.compile("pareto`?:[^;|]*").matcher(text);
            assertThat(m.find()).as(doc).isTrue();
            assertThat(m.group()).as(doc).contains("mean").doesNotContain("minimum");
        }
    }

    @Test
    void close_race_says_how_long_the_clients_fin_is_on_its_way_as_its_link_gives_it() throws IOException {
        Path file = Path.of("conf/close-race.conf");
        Matcher said = Pattern.compile("FIN is (\\d+)-(\\d+) ms on its way").matcher(Files.readString(file));
        assertThat(said.find()).isTrue();
        Settings s = ConfigLoader.loadOrThrow(file);
        LinkSettings link = s.link("client", "server");
        assertThat(link.jitter().distribution()).isEqualTo(LinkSettings.Distribution.UNIFORM);
        assertThat(Long.parseLong(said.group(1)) * 1000).isEqualTo(link.delay());
        assertThat(Long.parseLong(said.group(2)) * 1000).isEqualTo(link.delay() + link.jitter().amount());
    }
}
