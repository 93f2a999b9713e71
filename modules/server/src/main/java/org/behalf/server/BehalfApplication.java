package org.behalf.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Assembles every module into one stateless node; all shared state lives in the database. */
@SpringBootApplication(scanBasePackages = "org.behalf")
public class BehalfApplication {

    public static void main(String[] args) {
        SpringApplication.run(BehalfApplication.class, args);
    }
}
