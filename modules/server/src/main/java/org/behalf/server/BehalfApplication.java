package org.behalf.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Assembles every module into one stateless node; all shared state lives in the database.
 * Scheduling runs the periodic checkpoints of the activity log. Every module's settings are
 * {@code @ConfigurationProperties} records ({@code *Settings}, docs/configuration.md), found by the scan.
 */
@SpringBootApplication(scanBasePackages = "org.behalf")
@ConfigurationPropertiesScan("org.behalf")
@EnableScheduling
public class BehalfApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(BehalfApplication.class);
        application.addListeners(new SettingsFolder());
        application.run(args);
    }
}
