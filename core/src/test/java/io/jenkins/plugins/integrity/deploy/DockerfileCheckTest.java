package io.jenkins.plugins.integrity.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.integrity.check.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each Dockerfile rule on a Dockerfile that breaks it and on one that does not. */
class DockerfileCheckTest {
    static List<String> rules(String dockerfile) {
        return DockerfileCheck.check("Dockerfile", Dockerfile.parse(dockerfile)).stream().map(Finding::rule).toList();
    }

    static final String GOOD = """
            # syntax=docker/dockerfile:1
            FROM maven@sha256:%s AS build
            RUN mvn -B package
            FROM eclipse-temurin@sha256:%s
            RUN apt-get update && apt-get install -y --no-install-recommends curl \\
                && rm -rf /var/lib/apt/lists/*
            COPY --from=build /app.jar /app.jar
            USER 10001:10001
            HEALTHCHECK CMD curl -f http://localhost:8080/health || exit 1
            ENTRYPOINT ["java", "-jar", "/app.jar"]
            """.formatted("a".repeat(64), "b".repeat(64));

    @Test
    void aCarefulDockerfileHasNoFinding() {
        assertThat(rules(GOOD)).isEmpty();
    }

    @Test
    void rootIsFoundAtTheLastUserOrElseAtTheFinalFromAndCrlfLinesAreRead() {
        List<Finding> atUser = DockerfileCheck.check("Dockerfile", Dockerfile.parse(GOOD.replace("USER 10001:10001",
                "USER root")));
        assertThat(atUser).singleElement().satisfies(f -> assertThat(f.location().line()).isEqualTo(8));
        List<Finding> noUser = DockerfileCheck.check("Dockerfile", Dockerfile.parse(GOOD.replace("USER 10001:10001\n",
                "")));
        assertThat(noUser).singleElement().satisfies(f -> assertThat(f.location().line()).isEqualTo(4));
        assertThat(rules(GOOD.replace("\n", "\r\n"))).isEmpty();
        assertThat(rules(GOOD.replace("USER 10001:10001", "USER root").replace("\n", "\r\n")))
                .containsExactly("dockerfile-user-root");
    }

    @Test
    void aBaseNamedByAGlobalArgIsJudgedByTheArgsDefault() {
        String pinned = "b".repeat(64);
        String byArg = GOOD.replace("FROM eclipse-temurin@sha256:" + pinned, "FROM ${BASE}");
        assertThat(rules("ARG BASE=eclipse-temurin@sha256:" + pinned + "\n" + byArg)).isEmpty();
        List<Finding> tagged = DockerfileCheck.check("Dockerfile", Dockerfile.parse("ARG BASE=\"eclipse-temurin:21-jre\"\n"
                + byArg));
        assertThat(tagged).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("dockerfile-base-unpinned");
            assertThat(f.message()).contains("FROM ${BASE} (eclipse-temurin:21-jre)");
        });
        assertThat(rules("ARG REGISTRY=registry.example.com TAG=1.0\n" + GOOD.replace("FROM eclipse-temurin@sha256:"
                + pinned, "FROM $REGISTRY/base:${TAG}"))).containsExactly("dockerfile-base-unpinned");
        assertThat(rules(GOOD.replace("FROM eclipse-temurin@sha256:" + pinned, "FROM ${BASE:-debian:12}")))
                .containsExactly("dockerfile-base-unpinned");
        // an ARG without a default, or one declared in a stage (not visible to FROM), leaves the base unknown
        assertThat(rules("ARG BASE\n" + byArg)).isEmpty();
        assertThat(rules(byArg.replace("RUN mvn -B package", "ARG BASE=debian:12\nRUN mvn -B package"))).isEmpty();
    }

    @Test
    void eachRuleFindsWhatItIsAbout() {
        assertThat(rules(GOOD.replace("USER 10001:10001\n", ""))).containsExactly("dockerfile-user-root");
        assertThat(rules(GOOD.replace("USER 10001:10001", "USER root"))).containsExactly("dockerfile-user-root");
        assertThat(rules(GOOD.replace("USER 10001:10001", "USER 0:0"))).containsExactly("dockerfile-user-root");
        assertThat(rules(GOOD.replace("eclipse-temurin@sha256:" + "b".repeat(64), "eclipse-temurin:21-jre")))
                .containsExactly("dockerfile-base-unpinned");
        assertThat(rules(GOOD.replace("eclipse-temurin@sha256:" + "b".repeat(64), "eclipse-temurin")))
                .containsExactly("dockerfile-base-unpinned");
        assertThat(rules(GOOD.replace("COPY --from=build", "ADD https://example.com/agent.jar /agent.jar\nCOPY --from=build")))
                .containsExactly("dockerfile-add-url");
        assertThat(rules(GOOD.replace("RUN mvn -B package", "ARG MAVEN_REPO_PASSWORD\nRUN mvn -B package")))
                .containsExactly("dockerfile-secret-in-build-arg");
        assertThat(rules(GOOD.replace("USER 10001", "ENV API_TOKEN=${API_TOKEN} MODE=prod\nUSER 10001")))
                .containsExactly("dockerfile-secret-in-build-arg");
        assertThat(rules(GOOD.replace("RUN mvn -B package", "RUN curl -fsSL https://get.example.com | sh")))
                .containsExactly("dockerfile-curl-pipe-shell");
        assertThat(rules(GOOD.replace(" \\\n    && rm -rf /var/lib/apt/lists/*", ""))).containsExactly(
                "dockerfile-apt-lists-kept");
        assertThat(rules(GOOD.replace("RUN mvn -B package", "RUN apk add git"))).containsExactly(
                "dockerfile-apk-cache-kept");
        assertThat(rules(GOOD.replace("RUN mvn -B package", "RUN apk add --no-cache git"))).isEmpty();
        assertThat(rules(GOOD.replace("RUN mvn -B package", "RUN sudo make install"))).containsExactly("dockerfile-sudo");
        assertThat(rules(GOOD.replace("curl \\\n", "curl openssh-server \\\n"))).containsExactly("dockerfile-ssh");
        assertThat(rules(GOOD.replace("USER 10001", "EXPOSE 8080 22/tcp\nUSER 10001"))).containsExactly("dockerfile-ssh");
        assertThat(rules(GOOD.replace("HEALTHCHECK CMD curl -f http://localhost:8080/health || exit 1\n", "")))
                .containsExactly("dockerfile-no-healthcheck");
    }

    @Test
    void onlyTheFinalStageSaysWhoTheImageRunsAsAndEarlierStagesAreNotBases() {
        String multi = """
                FROM golang@sha256:%s AS build
                USER root
                RUN go build -o /app .
                FROM build AS test
                RUN go test ./...
                FROM gcr.io/distroless/static@sha256:%s
                COPY --from=build /app /app
                USER nonroot
                HEALTHCHECK NONE
                """.formatted("c".repeat(64), "d".repeat(64));
        assertThat(rules(multi)).containsExactly("dockerfile-no-healthcheck");
    }

    @Test
    void continuationsCommentsEscapeDirectivesAndHereDocumentsAreRead() {
        String d = """
                # escape=`
                FROM mcr.microsoft.com/windows/servercore@sha256:%s
                RUN powershell -Command `
                    # a comment inside the instruction
                    iwr https://example.com/install.ps1 | iex
                RUN <<EOF
                apt-get update
                apt-get install -y curl
                EOF
                USER ContainerUser
                HEALTHCHECK CMD ping localhost
                """.formatted("e".repeat(64));
        Dockerfile parsed = Dockerfile.parse(d);
        assertThat(parsed.instructions()).extracting(Dockerfile.Instruction::keyword).containsExactly("FROM", "RUN", "RUN",
                "USER", "HEALTHCHECK");
        assertThat(parsed.instructions().get(1).arguments()).contains("iwr https://example.com/install.ps1 | iex");
        assertThat(parsed.instructions().get(2).arguments()).contains("apt-get install -y curl");
        assertThat(parsed.instructions().get(3).line()).isEqualTo(10);
        assertThat(rules(d)).containsExactly("dockerfile-apt-lists-kept");
    }
}
