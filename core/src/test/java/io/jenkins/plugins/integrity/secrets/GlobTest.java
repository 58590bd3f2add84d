package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {
    @Test
    void doubleStarMatchesAnyDepthIncludingNone() {
        Glob g = new Glob("**/*.yml");
        assertThat(g.matches("a.yml")).isTrue();
        assertThat(g.matches("x/y/a.yml")).isTrue();
        assertThat(g.matches("a.yaml")).isFalse();
    }

    @Test
    void singleStarStaysInOneDirectory() {
        Glob g = new Glob("conf/*.properties");
        assertThat(g.matches("conf/app.properties")).isTrue();
        assertThat(g.matches("conf/sub/app.properties")).isFalse();
    }

    @Test
    void trailingSlashMeansEverythingBelow() {
        Glob g = new Glob("target/");
        assertThat(g.matches("target/classes/a.class")).isTrue();
        assertThat(g.matches("src/target")).isFalse();
    }

    @Test
    void regexCharactersAreLiteral() {
        Glob g = new Glob("a+b(c).[x]?");
        assertThat(g.matches("a+b(c).[x]1")).isTrue();
        assertThat(g.matches("aab(c).[x]1")).isFalse();
    }
}
