# syntax=docker/dockerfile:1
# Instruire in production form: the postgres profile, configured from the environment (see .env.example).
#   docker build -t instruire .      or      docker compose up -d --build
# Tests are not run here: CI runs them (.ci/run).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY . .
# the cache mount keeps ~/.m2 between builds without putting it in a layer
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -DskipTests package \
    && cp target/instruire-*.jar app.jar

FROM eclipse-temurin:17-jre
# curl for the healthcheck: newer Temurin images no longer ship it
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 instruire \
    && useradd --system --uid 10001 --gid instruire --home-dir /app --no-create-home --shell /usr/sbin/nologin instruire
WORKDIR /app
COPY --from=build /build/app.jar app.jar
# numeric, so that runtimes enforcing runAsNonRoot can check it
USER 10001:10001

ENV SPRING_PROFILES_ACTIVE=postgres \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
# /actuator/health is UP once the engine and the database answer; the first start creates the schema
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=4 \
    CMD curl -fsS -o /dev/null http://localhost:8080/actuator/health || exit 1
# exec form: java is PID 1 and gets SIGTERM, so Spring Boot shuts down gracefully
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
