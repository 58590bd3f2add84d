package io.jenkins.plugins.integrity.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequiredTextTest {
    @Test
    void answersForWindowsInIncreasingOrderAsASearchOfEachWindowWould() {
        String text = "a://x\nb://y@h\nc://z\nd://u:p@host\ne://v";
        RequiredText required = new RequiredText(text, List.of("@"));
        int[][] lines = {{0, 5}, {6, 13}, {14, 19}, {20, 32}, {33, 38}};
        boolean[] expected = {false, true, false, true, false};
        for (int i = 0; i < lines.length; i++) {
            String window = text.substring(lines[i][0], lines[i][1]);
            assertThat(required.allWithin(lines[i][0], lines[i][1])).as(window).isEqualTo(expected[i])
                    .isEqualTo(window.contains("@"));
        }
    }

    @Test
    void everyRequiredTextMustLieWholeInTheWindow() {
        String text = "user PASS word";
        RequiredText required = new RequiredText(text, List.of("pass", "word"));
        assertThat(required.allWithin(0, text.length())).isTrue();
        assertThat(required.allWithin(0, 12)).as("word cut by the window's end").isFalse();
        assertThat(new RequiredText(text, List.of("pass", "token")).allWithin(0, text.length())).isFalse();
    }

    @Test
    void foldsAsciiCaseOnly() {
        assertThat(RequiredText.indexOfIgnoreCase("x AKIA y", "akia", 0)).isEqualTo(2);
        assertThat(RequiredText.indexOfIgnoreCase("x \u212Aey key", "key", 0)).as("the Kelvin sign is not k").isEqualTo(6);
        assertThat(RequiredText.indexOfIgnoreCase("a@b@c", "@", 2)).isEqualTo(3);
        assertThat(RequiredText.indexOfIgnoreCase("abc", "@", 0)).isEqualTo(-1);
    }

    @Test
    void aWindowBehindTheLastSearchIsSearchedAgain() {
        String text = "@....@";
        RequiredText required = new RequiredText(text, List.of("@"));
        assertThat(required.allWithin(3, 6)).isTrue();
        assertThat(required.allWithin(1, 4)).isFalse();
        assertThat(required.allWithin(0, 2)).isTrue();
    }
}
