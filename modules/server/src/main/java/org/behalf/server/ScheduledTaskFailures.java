package org.behalf.server;

import org.behalf.kernel.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerCustomizer;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.scheduling.support.TaskUtils;
import org.springframework.util.ErrorHandler;

/**
 * A scheduled task that fails because the database is away or every connection is in use gets one
 * WARN line, as the project's own loops log it ("Events webhooks round failed: …"), not an ERROR with
 * a hundred lines of stack: Spring Session's minute sweep of expired browser sessions logged one each
 * minute of an outage, and in a test holding the pool on purpose (black-box finding OVERLOAD 6,
 * 2026-12-07; docs/operations.md: one log line each, no stack traces). The task runs again at its
 * next turn. Any other failure is still logged whole. Kernel's {@link Unavailable} tells the two apart,
 * as it does for requests.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledTaskFailures {

    private static final Logger log = LoggerFactory.getLogger(ScheduledTaskFailures.class);

    static final ErrorHandler HANDLER = failure -> {
        if (Unavailable.forFailure(failure, false).isPresent()) {
            // The innermost cause says which: the pool's wait ran out, or the database did not answer.
            log.warn("A scheduled task could not run now and runs again at its next turn: {}",
                    NestedExceptionUtils.getMostSpecificCause(failure).toString());
        } else {
            TaskUtils.LOG_AND_SUPPRESS_ERROR_HANDLER.handleError(failure);
        }
    };

    @Bean
    ThreadPoolTaskSchedulerCustomizer scheduledTaskFailuresOnPlatformThreads() {
        return scheduler -> scheduler.setErrorHandler(HANDLER);
    }

    @Bean
    SimpleAsyncTaskSchedulerCustomizer scheduledTaskFailuresOnVirtualThreads() {
        return scheduler -> scheduler.setErrorHandler(HANDLER);
    }
}
