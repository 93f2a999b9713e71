package org.behalf.server;

import java.nio.file.Path;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Stops a start that found none of Behalf's settings. They are read from {@code config/} of the
 * working directory (docs/deploy.md), not from the jar; the jar started elsewhere fell back to Boot's
 * own defaults and failed minutes of log later in a database migration (an H2 syntax error, since the
 * embedded database's MySQL mode is one of those settings). Every setting of {@code config/application.yml}
 * is missing then, its application name among them, which no environment variable of Behalf's sets.
 */
final class SettingsFolder implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (!"behalf".equals(event.getEnvironment().getProperty("spring.application.name"))) {
            throw new IllegalStateException("Behalf found no settings: it reads config/application.yml from the folder it is "
                    + "started in, " + Path.of("").toAbsolutePath() + ", and there is none there. Start it from Behalf's "
                    + "folder (scripts/run does), or put Behalf's config/ folder beside the jar (docs/deploy.md).");
        }
    }
}
